"""The spike rule: a week well above its recent baseline (property tests)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kesu.domain.spikes import MIN_COUNT, baseline, is_spike, spikes

weeks = st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=12)
#: Two cores shared by several test runs: slow generation is the machine, not the strategy.
shared_machine = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_examples() -> None:
    assert is_spike([2, 3, 2, 3, 12])
    assert not is_spike([10, 12, 11, 9, 14])  # busy but steady
    assert not is_spike([0, 0, 0, 0, 4])  # too few to matter
    assert is_spike([0, 0, 0, 0, MIN_COUNT])  # a new kind of complaint
    assert not is_spike([7])  # no baseline yet
    assert baseline([1, 2, 3, 4, 5, 6]) == Fraction(2 + 3 + 4 + 5, 4)  # the four weeks before
    found = spikes({"a": [1, 1, 1, 1, 9], "b": [2, 2, 2, 2, 2], "c": [0, 0, 0, 0, 6]})
    assert [s.key for s in found] == ["a", "c"]


@shared_machine
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=12))
def test_a_steady_series_never_spikes(count: int, length: int) -> None:
    assert not is_spike([count] * length)


@shared_machine
@given(weeks, st.integers(min_value=1, max_value=50))
def test_more_in_the_last_week_never_removes_a_spike(counts: list[int], more: int) -> None:
    if is_spike(counts):
        assert is_spike([*counts[:-1], counts[-1] + more])


@shared_machine
@given(weeks, st.integers(min_value=1, max_value=50))
def test_a_busier_baseline_never_creates_a_spike(counts: list[int], more: int) -> None:
    if len(counts) > 1 and not is_spike(counts):
        busier = [*(c + more for c in counts[:-1]), counts[-1]]
        assert not is_spike(busier)


@shared_machine
@given(weeks)
def test_a_spike_is_at_least_the_minimum_and_above_twice_the_baseline(counts: list[int]) -> None:
    if is_spike(counts):
        base = baseline(counts)
        assert base is not None
        assert counts[-1] >= MIN_COUNT
        assert counts[-1] > 2 * base


@shared_machine
@given(st.dictionaries(st.text(min_size=1, max_size=3), weeks, max_size=6))
def test_spikes_lists_exactly_the_spiking_keys(weekly: dict[str, list[int]]) -> None:
    assert {s.key for s in spikes(weekly)} == {k for k, v in weekly.items() if is_spike(v)}
