"""The pure rules of accountability: who approves a penalty, and the seed's catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.decisions.routing import penalty_approver
from kesu.domain.permissions import GRANTS, Permission
from kesu.domain.presets.penalties import PENALTY_PRESETS
from kesu.domain.vocabulary import Role

amounts = st.none() | st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)


@pytest.mark.django_db  # penalty_approver asks the approval matrix in force (none here)
@given(amount=amounts, manager=st.booleans())
def test_a_manager_s_penalty_is_decided_above_the_office_whatever_the_amount(
    amount: Decimal | None, manager: bool
) -> None:
    role = penalty_approver(amount, manager)
    assert role == ("general_manager" if manager else "cs_manager")
    # Whoever is routed may approve penalties and sees them.
    assert Role(role) in GRANTS[Permission.APPROVE_PENALTY]
    assert Role(role) in GRANTS[Permission.SEE_ACCOUNTABILITY]


def test_the_catalogue_makes_ranges_and_unique_codes() -> None:
    codes = [p.code for p in PENALTY_PRESETS]
    assert len(codes) == len(set(codes))
    for preset in PENALTY_PRESETS:
        assert (preset.fine_min is None) == (preset.fine_max is None)
        if preset.fine_min is not None and preset.fine_max is not None:
            assert preset.fine_min <= preset.fine_max


def test_only_the_allowed_roles_see_penalties() -> None:
    assert GRANTS[Permission.SEE_ACCOUNTABILITY] == {
        Role.DISCIPLINE_OFFICER,
        Role.CS_MANAGER,
        Role.GENERAL_MANAGER,
    }
    # Everyone who proposes or approves a penalty also sees penalties.
    for permission in (Permission.PROPOSE_PENALTY, Permission.APPROVE_PENALTY):
        assert GRANTS[permission] <= GRANTS[Permission.SEE_ACCOUNTABILITY]
