"""China's working-day calendar as a value: which days are worked, and which are only estimated.

The stored calendar table (official rows from the `holidays` package, with 调休 adjusted
working weekends, plus administrators' edits) is handed in as a mapping. A date outside the
table is still answered — weekends and the statutory holidays' usual dates, without 调休 — and
every answer that depends on such a date is *provisional*.
"""

from __future__ import annotations

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


class WorkCalendar:
    """Working and rest days: explicit rows first, the estimate for anything else.

    `days` maps a date to True (working) or False (rest); it normally holds every day of the
    loaded years. `official_years` are the years whose rows are published (or confirmed by an
    administrator); any computation touching another year is provisional.
    """

    __slots__ = ("_days", "official_years")

    def __init__(self, days: Mapping[date, bool], official_years: Iterable[int] = ()) -> None:
        self._days = dict(days)
        self.official_years = frozenset(official_years)

    def is_working_day(self, day: date) -> bool:
        known = self._days.get(day)
        if known is not None:
            return known
        return estimated_is_working_day(day)

    def is_provisional(self, day: date) -> bool:
        return day.year not in self.official_years

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        """`day` itself if it is worked, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)


@lru_cache(maxsize=32)
def holiday_names(year: int, *, chinese: bool = True) -> Mapping[date, str]:
    """What each holiday of `year` is called (国庆节, 休息日（由 2026-10-10 调休）…), and 调休上班
    for a worked weekend day: the calendar page shows these beside the working/rest mark."""
    china = holidays.country_holidays("CN", years=year, language="zh_CN" if chinese else "en_US")
    names = {day: str(name) for day, name in china.items() if day.year == year}
    worked = "调休上班" if chinese else "Adjusted working day"
    names.update({day: worked for day in china.weekend_workdays if day.year == year})
    return MappingProxyType(names)
