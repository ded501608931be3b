"""The permission table is the one source: the workflow's role columns, the scopes and the
masking rule all come from it, and `allows` is the union of a person's roles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.access import Scope, scope_of
from kesu.domain.permissions import (
    DEPARTMENT_BOUND,
    FOUR_EYES,
    GRANTS,
    Permission,
    allows,
    for_action,
    permissions_of,
)
from kesu.domain.privacy import needs_personal_data
from kesu.domain.vocabulary import Action, Role
from kesu.domain.workflow import TRANSITIONS, Guard

roles = st.frozensets(st.sampled_from(list(Role)))


def test_every_permission_has_a_row_and_every_action_a_permission() -> None:
    assert set(GRANTS) == set(Permission)
    assert all(for_action(action).value == action.value for action in Action)


def test_the_transition_table_takes_its_roles_from_the_permission_table() -> None:
    for transition in TRANSITIONS:
        assert transition.roles == GRANTS[for_action(transition.action)], transition.action


def test_four_eyes_permissions_carry_the_own_plan_guard() -> None:
    for permission in FOUR_EYES:
        guarded = [t for t in TRANSITIONS if t.action.value == permission.value]
        assert guarded
        assert all(Guard.NOT_OWN_PLAN in t.guards for t in guarded)


def test_the_administrator_configures_but_reads_no_complaints() -> None:
    assert permissions_of({Role.ADMINISTRATOR}) == {
        Permission.MANAGE_SETTINGS,
        Permission.MANAGE_PRIVILEGED_ACCOUNTS,
        Permission.SEE_API_DOCS,
        Permission.SEE_ACCESS_LOG,  # who read which case, not the cases themselves
        Permission.MANAGE_REPLY_TEMPLATES,  # reply templates and FAQ are settings
    }


@given(roles, roles, st.sampled_from(list(Permission)))
def test_a_person_may_what_any_of_their_roles_may(
    first: frozenset[Role], second: frozenset[Role], permission: Permission
) -> None:
    both = first | second
    assert allows(both, permission) == (allows(first, permission) or allows(second, permission))
    assert (permission in permissions_of(both)) == allows(both, permission)


@given(roles)
def test_scope_and_masking_follow_the_table(held: frozenset[Role]) -> None:
    assert needs_personal_data(held) == allows(held, Permission.SEE_PERSONAL_DATA)
    if allows(held, Permission.SEE_ALL_CASES):
        assert scope_of(held) is Scope.ORGANISATION
    elif allows(held, Permission.SEE_DEPARTMENT_CASES):
        assert scope_of(held) is Scope.DEPARTMENT
    else:
        assert scope_of(held) is Scope.NONE


def test_department_bound_roles_see_only_department_cases() -> None:
    assert GRANTS[Permission.SEE_DEPARTMENT_CASES] == DEPARTMENT_BOUND
    assert not DEPARTMENT_BOUND & GRANTS[Permission.SEE_ALL_CASES]
