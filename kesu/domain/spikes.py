"""Spikes: a category whose count in the latest week jumps well above its recent baseline.

Pure rule (no Django): the dashboards pass, per key (a category), the counts of consecutive
weeks, oldest first, the last one being the week looked at. The week is a spike when

- the baseline (the mean of up to `baseline_weeks` weeks before it) is known, and
- its count is at least `min_count`, and
- its count exceeds `factor` × the baseline and the baseline by at least `min_jump`.

A category never seen before that suddenly has `min_count` cases is a spike (baseline 0)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

BASELINE_WEEKS = 4
FACTOR = Fraction(2)
MIN_COUNT = 5
MIN_JUMP = 3


@dataclass(frozen=True)
class Spike:
    key: str
    count: int
    baseline: Fraction  # the mean of the weeks before (exact)


def baseline(counts: Sequence[int], *, weeks: int = BASELINE_WEEKS) -> Fraction | None:
    """The mean of up to `weeks` weeks before the last one; None without any week before."""
    before = list(counts[:-1])[-weeks:]
    if not before:
        return None
    return Fraction(sum(before), len(before))


def is_spike(
    counts: Sequence[int],
    *,
    weeks: int = BASELINE_WEEKS,
    factor: Fraction = FACTOR,
    min_count: int = MIN_COUNT,
    min_jump: int = MIN_JUMP,
) -> bool:
    """Whether the last of `counts` (weekly, oldest first) jumps above its baseline."""
    if any(count < 0 for count in counts):
        raise ValueError("counts are never negative")
    if not counts:
        return False
    base = baseline(counts, weeks=weeks)
    if base is None:
        return False
    last = counts[-1]
    return last >= min_count and last > factor * base and last - base >= min_jump


def spikes(
    weekly: Mapping[str, Sequence[int]],
    *,
    weeks: int = BASELINE_WEEKS,
    factor: Fraction = FACTOR,
    min_count: int = MIN_COUNT,
    min_jump: int = MIN_JUMP,
) -> list[Spike]:
    """The keys whose latest week is a spike, largest jump first (ties by key)."""
    found = [
        Spike(key, counts[-1], baseline(counts, weeks=weeks) or Fraction(0))
        for key, counts in weekly.items()
        if is_spike(counts, weeks=weeks, factor=factor, min_count=min_count, min_jump=min_jump)
    ]
    return sorted(found, key=lambda s: (-(s.count - s.baseline), s.key))
