"""Deadline arithmetic: working days, calendar days and working hours on a `WorkCalendar`.

Everything here is pure: the calendar and the start time are arguments, nothing reads a clock
or a database. Counting rules, as Chinese complaint rulebooks and the Civil Code use them:

* N working days: the start day does not count; the Nth following working day is the due day.
* N calendar days: the start day does not count; if the last day is a rest day the period
  ends on the next working day (民法典 第二百零三条).
* N working hours: counted inside business hours on working days only.
* N hours: plain clock time (「1小时内」 is sixty minutes, at night and at the weekend too).

A due day is met until the end of that day (23:59:59 in the start's time zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kesu.domain.calendars import WorkCalendar
from kesu.domain.errors import InvalidDuration
from kesu.domain.vocabulary import TimeUnit

MAX_DAYS = 3660  # ten years: any longer period is a typing mistake, not a deadline
END_OF_DAY = time(23, 59, 59)

BusinessHours = Sequence[tuple[time, time]]
DEFAULT_BUSINESS_HOURS: BusinessHours = ((time(9, 0), time(12, 0)), (time(13, 30), time(18, 0)))


@dataclass(frozen=True)
class Period:
    """How long a step may take: `amount` of `unit`."""

    amount: int
    unit: TimeUnit


#: The older name of `Period` (a clock's full rule is `kesu.domain.clocks.ClockRule`).
ClockRule = Period


@dataclass(frozen=True)
class DueDate:
    due: date
    provisional: bool


@dataclass(frozen=True)
class DueMoment:
    at: datetime
    provisional: bool


def _check_amount(amount: int, limit: int = MAX_DAYS) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidDuration(f"duration must be a whole number, got {amount!r}", amount)
    if amount < 0 or amount > limit:
        raise InvalidDuration(f"duration must be between 0 and {limit}, got {amount}", amount)


def add_working_days(calendar: WorkCalendar, start: date, days: int) -> DueDate:
    """The `days`-th working day after `start` (0 days: `start` itself)."""
    _check_amount(days)
    current = start
    for _ in range(days):
        current = calendar.next_working_day(current)
    return DueDate(due=current, provisional=_crossed_unknown(calendar, start, current))


def add_calendar_days(calendar: WorkCalendar, start: date, days: int) -> DueDate:
    """`start` + `days`; a period ending on a rest day ends on the next working day."""
    _check_amount(days)
    last = start + timedelta(days=days)
    due = calendar.on_or_after(last) if days else last
    return DueDate(due=due, provisional=_crossed_unknown(calendar, start, due))


def working_days_between(calendar: WorkCalendar, start: date, end: date) -> int:
    """How many working days lie in (start, end]; 0 when end <= start."""
    return calendar.working_days_after(start, end)


def _crossed_unknown(calendar: WorkCalendar, start: date, end: date) -> bool:
    return any(
        calendar.is_provisional(date(year, 1, 1)) for year in range(start.year, end.year + 1)
    )


def _end_of_day(day: date, like: datetime) -> datetime:
    return datetime.combine(day, END_OF_DAY, tzinfo=like.tzinfo)


def add_working_hours(
    calendar: WorkCalendar,
    start: datetime,
    hours: int,
    business_hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
) -> DueMoment:
    """The moment when `hours` of business time after `start` have passed."""
    _check_amount(hours, limit=MAX_DAYS * 8)
    return _add_business_time(calendar, start, timedelta(hours=hours), business_hours)


def _add_business_time(
    calendar: WorkCalendar, start: datetime, amount: timedelta, business_hours: BusinessHours
) -> DueMoment:
    remaining = amount
    day = start.date()
    cursor = start
    provisional = calendar.is_provisional(day)
    for _ in range(MAX_DAYS * 2):
        if calendar.is_working_day(day):
            for opens, closes in business_hours:
                window_start = max(cursor, datetime.combine(day, opens, tzinfo=start.tzinfo))
                window_end = datetime.combine(day, closes, tzinfo=start.tzinfo)
                if window_start >= window_end:
                    continue
                if window_end - window_start >= remaining:
                    return DueMoment(at=window_start + remaining, provisional=provisional)
                remaining -= window_end - window_start
        day += timedelta(days=1)
        cursor = datetime.combine(day, time(0, 0), tzinfo=start.tzinfo)
        provisional = provisional or calendar.is_provisional(day)
    raise InvalidDuration(
        f"{amount} of business time does not fit in the calendar"
    )  # pragma: no cover


def add_hours(calendar: WorkCalendar, start: datetime, hours: int) -> DueMoment:
    """`start` plus `hours` of plain clock time."""
    _check_amount(hours, limit=MAX_DAYS * 24)
    end = start + timedelta(hours=hours)
    return DueMoment(at=end, provisional=_crossed_unknown(calendar, start.date(), end.date()))


def due_moment(
    calendar: WorkCalendar,
    rule: ClockRule,
    start: datetime,
    business_hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
) -> DueMoment:
    """When a clock started at `start` under `rule` runs out."""
    if rule.unit is TimeUnit.HOURS:
        return add_hours(calendar, start, rule.amount)
    if rule.unit is TimeUnit.WORKING_HOURS:
        return add_working_hours(calendar, start, rule.amount, business_hours)
    if rule.unit is TimeUnit.WORKING_DAYS:
        result = add_working_days(calendar, start.date(), rule.amount)
    else:
        result = add_calendar_days(calendar, start.date(), rule.amount)
    return DueMoment(at=_end_of_day(result.due, start), provisional=result.provisional)


def shift_after_pause(
    calendar: WorkCalendar,
    due: datetime,
    *,
    unit: TimeUnit,
    paused_at: datetime,
    resumed_at: datetime,
    business_hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
) -> DueMoment:
    """Move `due` later by the time the clock stood still between `paused_at` and `resumed_at`.

    Working-day clocks gain the working days that began during the pause; calendar-day
    clocks gain the calendar days; working-hour clocks gain the business hours.
    """
    if resumed_at <= paused_at:
        return DueMoment(at=due, provisional=calendar.is_provisional(due.date()))
    if unit is TimeUnit.HOURS:
        return DueMoment(
            at=due + (resumed_at - paused_at), provisional=calendar.is_provisional(due.date())
        )
    if unit is TimeUnit.WORKING_HOURS:
        lost = _business_time_between(calendar, paused_at, resumed_at, business_hours)
        if not lost:
            return DueMoment(at=due, provisional=calendar.is_provisional(due.date()))
        return _add_business_time(calendar, due, lost, business_hours)
    if unit is TimeUnit.WORKING_DAYS:
        lost_days = working_days_between(calendar, paused_at.date(), resumed_at.date())
        moved_day = add_working_days(calendar, due.date(), lost_days)
    else:
        lost_days = (resumed_at.date() - paused_at.date()).days
        moved_day = add_calendar_days(calendar, due.date(), lost_days)
    return DueMoment(
        at=datetime.combine(moved_day.due, due.timetz()), provisional=moved_day.provisional
    )


def extend(calendar: WorkCalendar, due: datetime, rule: ClockRule) -> DueMoment:
    """`due` pushed back by an approved extension of `rule`."""
    if rule.unit is TimeUnit.HOURS:
        return add_hours(calendar, due, rule.amount)
    if rule.unit is TimeUnit.WORKING_HOURS:
        return add_working_hours(calendar, due, rule.amount)
    if rule.unit is TimeUnit.WORKING_DAYS:
        moved = add_working_days(calendar, due.date(), rule.amount)
    else:
        moved = add_calendar_days(calendar, due.date(), rule.amount)
    return DueMoment(at=datetime.combine(moved.due, due.timetz()), provisional=moved.provisional)


def _business_time_between(
    calendar: WorkCalendar, start: datetime, end: datetime, business_hours: BusinessHours
) -> timedelta:
    total = timedelta()
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            for opens, closes in business_hours:
                lo = max(start, datetime.combine(day, opens, tzinfo=start.tzinfo))
                hi = min(end, datetime.combine(day, closes, tzinfo=start.tzinfo))
                if hi > lo:
                    total += hi - lo
        day += timedelta(days=1)
    return total


def remaining_working_days(calendar: WorkCalendar, now: datetime, due: datetime) -> int:
    """Working days left before `due` (negative: working days overdue)."""
    today, due_day = now.date(), due.date()
    if due_day >= today:
        return working_days_between(calendar, today, due_day)
    return -working_days_between(calendar, due_day, today)


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` plus whole calendar months; the 31st becomes the month's last day if shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    next_month_first = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month_first - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))
