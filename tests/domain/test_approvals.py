"""The approval matrix's pure rules (R-12): the insurer's table of 004 第四条 at every boundary,
precedence, escalation, and properties over all amounts and shares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.approvals import (
    AmountRange,
    ApprovalAction,
    ApprovalRequest,
    escalation_chain,
    first_present,
    parse_share,
    route,
)
from kesu.domain.presets.approvals import APPROVAL_PRESETS, INSURER, approval_preset
from kesu.domain.vocabulary import Role

A, R = ApprovalAction, Role
RANK = {R.SUPERVISOR: 0, R.CS_MANAGER: 1, R.GENERAL_MANAGER: 2}


def who(action: ApprovalAction, amount: str | None, share: str | None = "0.5") -> Role:
    found = route(
        INSURER.rules,
        ApprovalRequest(
            action,
            None if amount is None else Decimal(amount),
            None if share is None else Decimal(share),
        ),
    )
    assert found is not None
    return found.approver


@pytest.mark.parametrize(
    ("amount", "share", "approver"),
    [
        ("0", "0.5", R.SUPERVISOR),
        ("2000.00", "0.5", R.SUPERVISOR),
        ("2000.01", "0.5", R.CS_MANAGER),
        ("10000.00", "0.5", R.CS_MANAGER),
        ("10000.01", "0.5", R.GENERAL_MANAGER),
        ("100", "0.70", R.SUPERVISOR),  # 不超过总保费的70%
        ("100", "0.7001", R.CS_MANAGER),  # 超过总保费的70%
        ("2000.00", "0.7001", R.CS_MANAGER),
        ("10000.01", "0.9", R.GENERAL_MANAGER),
        ("100", None, R.CS_MANAGER),  # no share given: the cautious reading
    ],
)
def test_insurer_surrender_boundaries(amount: str, share: str | None, approver: Role) -> None:
    assert who(A.SURRENDER, amount, share) is approver


@pytest.mark.parametrize(
    ("action", "approver"),
    [
        (A.AGENT_CHANGE, R.SUPERVISOR),
        (A.LATE_FEE_WAIVER, R.SUPERVISOR),
        (A.PREMIUM_CALLBACK, R.CS_MANAGER),
        (A.ADVANCE_PAYMENT, R.CS_MANAGER),
        (A.COMMISSION_FREEZE, R.CS_MANAGER),
        (A.CO_HANDLING, R.SUPERVISOR),
    ],
)
def test_insurer_items_two_to_seven(action: ApprovalAction, approver: Role) -> None:
    assert who(action, None) is approver
    assert who(action, "99999") is approver


def test_the_rule_in_words_names_the_seed() -> None:
    found = route(INSURER.rules, ApprovalRequest(A.SURRENDER, Decimal("2000.01"), Decimal("0.5")))
    assert found is not None
    assert "客服部经理" in found.words_zh
    assert "第四条(一)2" in found.words_zh
    assert "> ¥2,000.00" in found.words_en
    assert "customer-service manager" in found.words_en


def test_an_action_without_a_rule_has_no_route() -> None:
    assert route(INSURER.rules, ApprovalRequest(A.GOODWILL)) is None
    assert route(approval_preset("manufacturer").rules, ApprovalRequest(A.GOODWILL)) is not None


def test_manager_condition_in_002() -> None:
    rules = approval_preset("gm_results").rules
    manager = route(rules, ApprovalRequest(A.PENALTY, subject_is_manager=True))
    staff = route(rules, ApprovalRequest(A.PENALTY, subject_is_manager=False))
    assert manager is not None
    assert manager.approver is R.GENERAL_MANAGER
    assert staff is not None
    assert staff.approver is R.DEPARTMENT_HEAD


def test_escalation_climbs_to_the_first_level_with_somebody() -> None:
    assert escalation_chain(R.SUPERVISOR) == (R.SUPERVISOR, R.CS_MANAGER, R.GENERAL_MANAGER)
    assert first_present(R.SUPERVISOR, {R.SUPERVISOR}) == (R.SUPERVISOR, ())
    assert first_present(R.SUPERVISOR, {R.GENERAL_MANAGER}) == (
        R.GENERAL_MANAGER,
        (R.SUPERVISOR, R.CS_MANAGER),
    )
    assert first_present(R.GENERAL_MANAGER, set()) == (R.GENERAL_MANAGER, ())


def test_share_spellings() -> None:
    assert parse_share("70%") == Decimal("0.7")
    assert parse_share("0.7") == Decimal("0.7")


def test_bounds_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="lower bound"):
        AmountRange(low=Decimal(2), high=Decimal(1))


def test_preset_keys_are_unique() -> None:
    for preset in APPROVAL_PRESETS:
        keys = [rule.key for rule in preset.rules]
        assert len(keys) == len(set(keys)), preset.key


cents = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)


@given(cents, shares)
def test_every_surrender_lands_on_a_rule(amount: Decimal, share: Decimal) -> None:
    """The insurer's table is complete for surrenders: every amount and share has an approver."""
    assert route(INSURER.rules, ApprovalRequest(A.SURRENDER, amount, share)) is not None


@given(cents, shares)
def test_exactly_one_band_matches_without_precedence(amount: Decimal, share: Decimal) -> None:
    """Ignoring the share rule, the amount bands of (一) partition the amounts: exactly one."""
    request = ApprovalRequest(A.SURRENDER, amount, Decimal("0"))
    bands = [r for r in INSURER.rules if r.action is A.SURRENDER and r.key != "surrender_share"]
    assert sum(rule.matches(request) for rule in bands) == 1


@given(cents, cents, shares, shares)
def test_insurer_is_monotone(a: Decimal, b: Decimal, s: Decimal, t: Decimal) -> None:
    """More money or a larger share never goes to a lower approver."""
    low, high = sorted((a, b))
    small, large = sorted((s, t))
    first = route(INSURER.rules, ApprovalRequest(A.SURRENDER, low, small))
    second = route(INSURER.rules, ApprovalRequest(A.SURRENDER, high, large))
    assert first is not None
    assert second is not None
    assert RANK[first.approver] <= RANK[second.approver]
    plan_low = route(INSURER.rules, ApprovalRequest(A.PLAN, low))
    plan_high = route(INSURER.rules, ApprovalRequest(A.PLAN, high))
    assert plan_low is not None
    assert plan_high is not None
    assert RANK[plan_low.approver] <= RANK[plan_high.approver]


@given(st.sampled_from(list(Role)))
def test_escalation_chains_end_at_the_top(role: Role) -> None:
    chain = escalation_chain(role)
    assert chain[0] is role
    assert len(set(chain)) == len(chain)
