"""Who sees which cases, by role: the organisation's whole book, one department's, or none.

The Django layer turns a `Scope` into one queryset filter (`cases.selectors.visible_cases`);
every list and fetch goes through it, and a case outside it answers 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kesu.domain.vocabulary import Role


class Scope(StrEnum):
    ORGANISATION = "organisation"  # every case (front office, approvers, analysts, discipline)
    DEPARTMENT = "department"  # cases with the user's department (and below), or handled by them
    NONE = "none"


ORGANISATION_WIDE = frozenset(
    {
        Role.INTAKE_AGENT,  # looks up any caller's earlier cases while on the phone
        Role.SUPERVISOR,
        Role.CS_MANAGER,
        Role.GENERAL_MANAGER,
        Role.ANALYST,
        Role.DISCIPLINE_OFFICER,
    }
)
DEPARTMENT_WIDE = frozenset({Role.HANDLER, Role.DEPARTMENT_HEAD})
# Administrators configure the platform; they do not read complaints.


def scope_of(roles: Iterable[Role]) -> Scope:
    held = frozenset(roles)
    if held & ORGANISATION_WIDE:
        return Scope.ORGANISATION
    if held & DEPARTMENT_WIDE:
        return Scope.DEPARTMENT
    return Scope.NONE
