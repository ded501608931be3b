"""The return-visit plan's pure rules: reproducible sampling whose share holds, every major case
called back, the unhappy rule, and SMS segment counting (70/67 UCS-2, 160/153 GSM)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kesu.domain.visits import (
    Answers,
    VisitReason,
    draw,
    gives_up,
    sms_segments,
    visit_reason,
)

NUMBERS = [f"2611{n:05d}" for n in range(10_000)]


def test_ten_thousand_answered_cases_every_major_planned_and_the_share_within_tolerance() -> None:
    # Every 7th case major; the rest drawn at 30 %.
    reasons = [
        visit_reason(seed="2026", number=number, major=i % 7 == 0, share_percent=30)
        for i, number in enumerate(NUMBERS)
    ]
    majors = [r for i, r in enumerate(reasons) if i % 7 == 0]
    assert all(r is VisitReason.MAJOR for r in majors)
    ordinary = [r for i, r in enumerate(reasons) if i % 7 != 0]
    share = sum(r is VisitReason.SAMPLED for r in ordinary) / len(ordinary)
    # 8,571 ordinary cases: 3 standard deviations of a 30 % binomial share ≈ 1.5 points.
    assert abs(share - 0.30) < 0.015


def test_the_draw_is_reproducible_and_independent_of_order() -> None:
    forwards = [draw("s", n) for n in NUMBERS[:500]]
    backwards = [draw("s", n) for n in reversed(NUMBERS[:500])]
    assert forwards == list(reversed(backwards))
    assert [draw("other", n) for n in NUMBERS[:50]] != forwards[:50]  # the seed matters


@settings(max_examples=40, deadline=None)
@given(share=st.integers(min_value=0, max_value=100), seed=st.text(max_size=12))
def test_the_share_holds_for_any_seed(share: int, seed: str) -> None:
    drawn = sum(
        visit_reason(seed=seed, number=n, major=False, share_percent=share) is VisitReason.SAMPLED
        for n in NUMBERS[:4000]
    )
    # 4,000 draws: within 4 standard deviations (at most 3.2 points) of the share.
    assert abs(drawn / 4000 - share / 100) <= 0.032
    if share in (0, 100):
        assert drawn == share * 40


@given(st.integers(0, 100), st.text(max_size=20), st.text(min_size=1, max_size=12))
def test_a_major_case_is_always_called_back(share: int, seed: str, number: str) -> None:
    assert visit_reason(seed=seed, number=number, major=True, share_percent=share) is (
        VisitReason.MAJOR
    )


@pytest.mark.parametrize(
    ("result", "solved", "unhappy"),
    [(1, True, True), (2, True, True), (3, True, False), (5, False, True), (5, True, False)],
)
def test_unhappy_is_a_low_result_or_not_solved(result: int, solved: bool, unhappy: bool) -> None:
    assert Answers(result=result, process=5, solved=solved).unhappy is unhappy


def test_ratings_outside_one_to_five_are_refused() -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        Answers(result=0, process=3, solved=True)


def test_gives_up_after_the_plans_tries() -> None:
    assert not gives_up(2, 3)
    assert gives_up(3, 3)
    assert gives_up(1, 0)  # a plan of 0 tries still makes one call


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 1),
        ("中" * 70, 1),
        ("中" * 71, 2),
        ("中" * 134, 2),
        ("中" * 135, 3),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 159 + "€", 2),  # € is two GSM septets
        ("a" * 69 + "😀", 2),  # an emoji forces UCS-2 and counts twice
    ],
)
def test_sms_segments(text: str, segments: int) -> None:
    assert sms_segments(text) == segments


@given(st.text(max_size=400))
def test_segments_grow_with_the_text(text: str) -> None:
    assert sms_segments(text) <= sms_segments(text + "中")
