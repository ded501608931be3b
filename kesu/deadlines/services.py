"""Writers and readers of the stored calendar and the deadline policies."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.core.errors import ServiceError
from kesu.deadlines.models import (
    CalendarDay,
    CalendarYear,
    DeadlinePolicy,
    EscalationLadder,
)
from kesu.domain.calendars import WorkCalendar, year_table
from kesu.domain.deadlines import ClockRule
from kesu.domain.escalation import MAJOR, STANDARD, Ladder, Step
from kesu.domain.vocabulary import CaseKind, DaySource, Role, Severity, TimeUnit

FIRST_YEAR, LAST_YEAR = 2000, 2099


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ServiceError(
            "year_out_of_range",
            _("The calendar covers the years %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="year",
        )


@transaction.atomic
def load_calendar_year(year: int, *, keep_edits: bool = True) -> CalendarYear:
    """Fill `year` from the `holidays` package: official where 调休 is published, else estimated.

    Re-running is safe: days an administrator edited stay as they are unless `keep_edits` is
    False. A year once marked official by an administrator stays official.
    """
    _check_year(year)
    table = year_table(year)
    source = DaySource.OFFICIAL if table.published else DaySource.ESTIMATED
    edited = (
        set(
            CalendarDay.objects.filter(day__year=year, source=DaySource.EDITED).values_list(
                "day", flat=True
            )
        )
        if keep_edits
        else set()
    )
    existing = {d.day: d for d in CalendarDay.objects.filter(day__year=year)}
    to_create, to_update = [], []
    for day, is_working in table.days.items():
        if day in edited:
            continue
        row = existing.get(day)
        if row is None:
            to_create.append(CalendarDay(day=day, is_working=is_working, source=source))
        elif row.is_working != is_working or row.source != source:
            row.is_working, row.source = is_working, source
            to_update.append(row)
    CalendarDay.objects.bulk_create(to_create, batch_size=400)
    CalendarDay.objects.bulk_update(to_update, ["is_working", "source"], batch_size=400)
    _forget_calendars()
    record, created = CalendarYear.objects.get_or_create(
        year=year, defaults={"official": table.published}
    )
    if not created and table.published and not record.official:
        record.official = True
        record.save(update_fields=["official", "loaded_at"])
    return record


@transaction.atomic
def set_calendar_day(*, day: date, is_working: bool, note: str = "") -> CalendarDay:
    """An administrator's correction of one day (e.g. a newly published 调休 Saturday)."""
    _check_year(day.year)
    if not CalendarYear.objects.filter(year=day.year).exists():
        load_calendar_year(day.year)
    row, _created = CalendarDay.objects.update_or_create(
        day=day, defaults={"is_working": is_working, "source": DaySource.EDITED, "note": note[:100]}
    )
    _forget_calendars()
    return row


def set_year_official(*, year: int, official: bool) -> CalendarYear:
    """Mark a year as published (after an administrator entered its 调休 days) or not."""
    record = CalendarYear.objects.filter(year=year).first() or load_calendar_year(year)
    record.official = official
    record.save(update_fields=["official", "loaded_at"])
    clear_calendar_cache()
    return record


#: Loaded calendars by years, kept for a minute: every due-time computation needs one, and the
#: table changes a few times a year. Writers in this process clear it at once; other processes
#: see an administrator's edit within `CACHE_SECONDS`.
CACHE_SECONDS = 60
_cache: dict[tuple[int, ...], tuple[float, WorkCalendar]] = {}


def clear_calendar_cache() -> None:
    _cache.clear()


def _forget_calendars() -> None:
    """Drop cached calendars now (this transaction reads its own writes) and again at commit
    (a reader in another thread may have cached the old rows meanwhile)."""
    clear_calendar_cache()
    transaction.on_commit(clear_calendar_cache)


def work_calendar(years: Iterable[int]) -> WorkCalendar:
    """The stored rows of `years` (plus the following year, where deadlines spill over)."""
    wanted: set[int] = set()
    for year in years:
        wanted.update({year, year + 1})
    key = tuple(sorted(wanted))
    cached = _cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    rows = CalendarDay.objects.filter(day__year__in=key).values_list("day", "is_working")
    official = CalendarYear.objects.filter(year__in=key, official=True).values_list(
        "year", flat=True
    )
    calendar = WorkCalendar(dict(rows), official)
    _cache[key] = (time.monotonic(), calendar)
    return calendar


def policy_for(
    *, kind: CaseKind, severity: Severity, category_path: str | None, channel: str = ""
) -> DeadlinePolicy | None:
    """The most specific active policy for a case (see `DeadlinePolicy`)."""
    best: tuple[int, int, DeadlinePolicy] | None = None
    for policy in DeadlinePolicy.objects.filter(is_active=True).select_related("category"):
        if policy.kind and policy.kind != kind:
            continue
        if policy.severity and policy.severity != severity:
            continue
        if policy.channel and policy.channel != channel:
            continue
        if policy.category is not None and not (
            category_path and category_path.startswith(policy.category.path)
        ):
            continue
        specificity = (
            (4 + policy.category.path.count("/") if policy.category is not None else 0) * 100
            + (8 if policy.channel else 0)
            + (2 if policy.severity else 0)
            + (1 if policy.kind else 0)
        )
        rank = (specificity, -policy.priority)
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], policy)
    return best[2] if best else None


_ladders: dict[str, tuple[float, Ladder]] = {}


def escalation_ladder(code: str) -> Ladder:
    """The ladder for "standard" or "major" cases as configured (cached like the calendar);
    the platform's defaults while none is configured."""
    cached = _ladders.get(code)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    row = EscalationLadder.objects.filter(code=code).prefetch_related("steps").first()
    if row is None:
        ladder = MAJOR if code == EscalationLadder.MAJOR else STANDARD
    else:
        ladder = Ladder(
            warning_share=row.warning_percent / 100,
            warn_day_before=row.warn_day_before,
            steps=tuple(
                Step(
                    level=step.level,
                    role=Role(step.role) if step.role else None,
                    after=ClockRule(step.delay_amount, TimeUnit(step.delay_unit)),
                )
                for step in sorted(row.steps.all(), key=lambda s: s.level)
            ),
        )
    _ladders[code] = (time.monotonic(), ladder)
    return ladder


def forget_ladders() -> None:
    _ladders.clear()
