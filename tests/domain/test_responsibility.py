"""The responsibility split (R-17): parts add up to exactly 100, each party once."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.responsibility import (
    MAX_SHARES,
    PartyKind,
    Share,
    SharesRefused,
    check_shares,
)

D = Decimal
percent = st.decimals(min_value=D("0.01"), max_value=D(100), places=2)
kinds = st.sampled_from(list(PartyKind))


def test_the_seeds_sixty_forty_split_is_stored() -> None:
    """Seed 002: the factory and the customer share the repair cost by the liability ratio."""
    shares = check_shares(
        [
            Share(PartyKind.SUPPLIER, D(60), "华强电器厂"),
            Share(PartyKind.CUSTOMER, D("40")),
        ]
    )
    assert [(s.kind, s.percent) for s in shares] == [
        (PartyKind.SUPPLIER, D("60.00")),
        (PartyKind.CUSTOMER, D("40.00")),
    ]


def test_no_split_at_all_is_allowed() -> None:
    assert check_shares([]) == ()


@pytest.mark.parametrize(
    ("shares", "code"),
    [
        ([Share(PartyKind.SUPPLIER, D(60)), Share(PartyKind.CUSTOMER, D(30))], "not_hundred"),
        ([Share(PartyKind.SUPPLIER, D(60)), Share(PartyKind.CUSTOMER, D(50))], "not_hundred"),
        ([Share(PartyKind.CUSTOMER, D(50)), Share(PartyKind.CUSTOMER, D(50))], "duplicate_party"),
        ([Share(PartyKind.CUSTOMER, D(0)), Share(PartyKind.SUPPLIER, D(100))], "invalid_percent"),
        ([Share(PartyKind.CUSTOMER, D("33.333")), Share(PartyKind.SUPPLIER, D("66.667"))],
         "invalid_percent"),
        ([Share(PartyKind.CUSTOMER, D(101)), Share(PartyKind.SUPPLIER, D(-1))], "invalid_percent"),
        ([Share(PartyKind.CUSTOMER, D("NaN"))], "invalid_percent"),
        ([Share(PartyKind.CUSTOMER, D(100), "名" * 61)], "name_too_long"),
    ],
)  # fmt: skip
def test_a_split_that_does_not_hold_is_refused(shares: list[Share], code: str) -> None:
    with pytest.raises(SharesRefused) as refused:
        check_shares(shares)
    assert refused.value.code == code


@given(st.lists(st.tuples(kinds, st.text(max_size=8), percent), max_size=MAX_SHARES))
def test_accepted_exactly_when_the_parts_add_up_to_a_hundred(
    parts: list[tuple[PartyKind, str, Decimal]],
) -> None:
    shares = [Share(kind, percent, name) for kind, name, percent in parts]
    distinct = len({(s.kind, s.name.strip()) for s in shares}) == len(shares)
    total = sum((s.percent for s in shares), D(0))
    if not shares or (total == 100 and distinct):
        stored = check_shares(shares)
        assert sum((s.percent for s in stored), D(0)) in {D(0), D(100)}
    else:
        with pytest.raises(SharesRefused) as refused:
            check_shares(shares)
        assert refused.value.code in {"not_hundred", "duplicate_party"}


@given(st.lists(percent, min_size=1, max_size=MAX_SHARES - 1))
def test_any_split_completed_to_a_hundred_is_accepted(parts: list[Decimal]) -> None:
    total = sum(parts, D(0))
    rest = D(100) - total
    if not D("0.01") <= rest <= D(100):
        return
    kinds_used = list(PartyKind) + [PartyKind.THIRD_PARTY] * MAX_SHARES
    shares = [Share(kinds_used[i], p, f"第{i}方") for i, p in enumerate([*parts, rest])]
    assert sum(s.percent for s in check_shares(shares)) == 100
