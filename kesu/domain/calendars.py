"""China's working-day calendar as a value: which days are worked, and which are only estimated.

The stored calendar table (official rows from the `holidays` package, with 调休 adjusted
working weekends, plus administrators' edits) is handed in as a mapping. A date outside the
table is still answered — weekends and the statutory holidays' usual dates, without 调休 — and
every answer that depends on such a date is *provisional*.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays


@dataclass(frozen=True)
class YearTable:
    """Every day of one year: True = working day. `published` tells official from estimated."""

    year: int
    days: dict[date, bool]
    published: bool


def _china_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=year, language="en_US")


@lru_cache(maxsize=64)
def estimated_rest_days(year: int) -> frozenset[date]:
    """Statutory holidays of `year` on their usual dates, without any published 调休 swaps.

    Used for years the State Council has not yet published (it does so each November for
    the next year): lunar festivals move every year, so they are computed, not guessed.
    """
    china = _china_holidays(year)
    return frozenset(
        day
        for day, name in china.items()
        if day.year == year and "substituted" not in str(name).lower()
    )


def year_table(year: int) -> YearTable:
    """The whole of `year` from the `holidays` package, with 调休 where it has been published.

    A year counts as published when the package knows at least one adjusted working weekend
    for it — every year since 2000 has had some, and none is known before publication.
    """
    china = _china_holidays(year)
    rest = {day for day in china if day.year == year}
    worked_weekends = {day for day in china.weekend_workdays if day.year == year}
    published = bool(worked_weekends)
    if not published:
        rest = set(estimated_rest_days(year))
    first = date(year, 1, 1)
    days: dict[date, bool] = {}
    for offset in range((date(year + 1, 1, 1) - first).days):
        day = first + timedelta(days=offset)
        days[day] = day in worked_weekends or (day.weekday() < 5 and day not in rest)
    return YearTable(year=year, days=days, published=published)


def estimated_is_working_day(day: date) -> bool:
    """Weekdays are worked unless an estimated statutory holiday falls on them."""
    return day.weekday() < 5 and day not in estimated_rest_days(day.year)


def weekdays_after(start: date, end: date) -> int:
    """How many Mondays to Fridays lie in (start, end]; 0 when end <= start."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for step in range(1, extra + 1) if (first + step) % 7 < 5)


def estimated_working_days_after(start: date, end: date) -> int:
    """`estimated_is_working_day` counted over (start, end] without walking the days: the
    weekdays, less the estimated statutory holidays that fall on one."""
    if end <= start:
        return 0
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in estimated_rest_days(year)
        if start < day <= end and day.weekday() < 5
    )
    return weekdays_after(start, end) - holidays_on_weekdays


class WorkCalendar:
    """Working and rest days: explicit rows first, the estimate for anything else.

    `days` maps a date to True (working) or False (rest); it normally holds every day of the
    loaded years. `official_years` are the years whose rows are published (or confirmed by an
    administrator); any computation touching another year is provisional.
    """

    __slots__ = ("_days", "_span", "_working", "official_years")

    def __init__(self, days: Mapping[date, bool], official_years: Iterable[int] = ()) -> None:
        self._days = dict(days)
        self.official_years = frozenset(official_years)
        # When the explicit rows cover one unbroken stretch of days (as a loaded calendar
        # does), counting inside it is a bisection over its sorted working days.
        self._span = _unbroken_span(self._days)
        self._working = sorted(day for day, worked in self._days.items() if worked)

    def is_working_day(self, day: date) -> bool:
        known = self._days.get(day)
        if known is not None:
            return known
        return estimated_is_working_day(day)

    def is_provisional(self, day: date) -> bool:
        return day.year not in self.official_years

    def working_days_after(self, start: date, end: date) -> int:
        """How many working days lie in (start, end]; 0 when end <= start. Inside the stored
        stretch this is two bisections, so a case years overdue costs no more than one due
        tomorrow; days outside it are counted one by one on the estimate."""
        if end <= start:
            return 0
        if not self._days:
            return estimated_working_days_after(start, end)
        if self._span is None:
            return self._count_one_by_one(start, end)
        first, last = self._span
        count = 0
        # Outside the stored stretch only the estimate applies: counted by arithmetic, not day
        # by day (issue 18 part 5: a case due three years ago cost ~1,000 calls per row).
        if start < first - timedelta(days=1):  # the part before the stored stretch
            count += estimated_working_days_after(start, min(end, first - timedelta(days=1)))
        lo, hi = max(start, first - timedelta(days=1)), min(end, last)
        if lo < hi:
            count += bisect_right(self._working, hi) - bisect_right(self._working, lo)
        if end > last:  # the part after it
            count += estimated_working_days_after(max(start, last), end)
        return count

    def _count_one_by_one(self, start: date, end: date) -> int:
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        """`day` itself if it is worked, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)


def _unbroken_span(days: Mapping[date, bool]) -> tuple[date, date] | None:
    """(first, last) when `days` holds every day from its first to its last, else None."""
    if not days:
        return None
    first, last = min(days), max(days)
    return (first, last) if len(days) == (last - first).days + 1 else None


@lru_cache(maxsize=32)
def holiday_names(year: int, *, chinese: bool = True) -> Mapping[date, str]:
    """What each holiday of `year` is called (国庆节, 休息日（由 2026-10-10 调休）…), and 调休上班
    for a worked weekend day: the calendar page shows these beside the working/rest mark."""
    china = holidays.country_holidays("CN", years=year, language="zh_CN" if chinese else "en_US")
    names = {day: str(name) for day, name in china.items() if day.year == year}
    worked = "调休上班" if chinese else "Adjusted working day"
    names.update({day: worked for day in china.weekend_workdays if day.year == year})
    return MappingProxyType(names)
