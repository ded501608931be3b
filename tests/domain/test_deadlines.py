"""Deadline arithmetic on the 2026 calendar: working days, calendar days, hours, pauses."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.calendars import WorkCalendar, year_table
from kesu.domain.deadlines import (
    ClockRule,
    add_calendar_days,
    add_months,
    add_working_days,
    add_working_hours,
    due_moment,
    extend,
    remaining_working_days,
    shift_after_pause,
    working_days_between,
)
from kesu.domain.errors import InvalidDuration
from kesu.domain.vocabulary import TimeUnit

SH = ZoneInfo("Asia/Shanghai")
DAYS = {**year_table(2025).days, **year_table(2026).days}
CAL = WorkCalendar(DAYS, {2025, 2026})


def test_seven_working_days_across_national_day() -> None:
    # The example: accepted 2026-09-28, + 7 working days = 2026-10-13.
    result = add_working_days(CAL, date(2026, 9, 28), 7)
    assert result.due == date(2026, 10, 13)
    assert not result.provisional


def test_start_day_does_not_count() -> None:
    assert add_working_days(CAL, date(2026, 11, 23), 1).due == date(2026, 11, 24)
    assert add_working_days(CAL, date(2026, 11, 23), 0).due == date(2026, 11, 23)


def test_calendar_days_ending_on_a_rest_day_move_to_the_next_working_day() -> None:
    # 2026-09-26 + 5 days = 2026-10-01 (holiday) → first working day after is 2026-10-08.
    assert add_calendar_days(CAL, date(2026, 9, 26), 5).due == date(2026, 10, 8)
    # Ending on the worked Saturday 10 Oct keeps that day.
    assert add_calendar_days(CAL, date(2026, 10, 3), 7).due == date(2026, 10, 10)


def test_crossing_into_an_unpublished_year_is_provisional() -> None:
    result = add_working_days(CAL, date(2026, 12, 20), 15)
    assert result.due.year == 2027
    assert result.provisional


def test_working_hours_stay_inside_business_hours() -> None:
    start = datetime(2026, 9, 30, 16, 0, tzinfo=SH)  # Wednesday before National Day
    # 2 hours left on the 30th (16:00–18:00), then the holiday: 6 more hours from 8 Oct 9:00.
    due = add_working_hours(CAL, start, 8)
    assert due.at == datetime(2026, 10, 8, 16, 30, tzinfo=SH)  # 9–12 (3h) + 13:30–16:30 (3h)


def test_a_start_outside_hours_begins_at_opening() -> None:
    due = add_working_hours(CAL, datetime(2026, 11, 21, 22, 0, tzinfo=SH), 1)  # Saturday night
    assert due.at == datetime(2026, 11, 23, 10, 0, tzinfo=SH)


def test_due_moment_is_the_end_of_the_due_day() -> None:
    due = due_moment(CAL, ClockRule(7, TimeUnit.WORKING_DAYS), datetime(2026, 9, 28, 10, tzinfo=SH))
    assert due.at == datetime(2026, 10, 13, 23, 59, 59, tzinfo=SH)


def test_a_pause_over_the_holiday_costs_no_working_days() -> None:
    due = datetime(2026, 10, 13, 23, 59, 59, tzinfo=SH)
    paused, resumed = datetime(2026, 9, 30, 17, tzinfo=SH), datetime(2026, 10, 8, 9, tzinfo=SH)
    moved = shift_after_pause(
        CAL, due, unit=TimeUnit.WORKING_DAYS, paused_at=paused, resumed_at=resumed
    )
    # Working days that began during the pause: 8 Oct only → one more working day.
    assert moved.at == datetime(2026, 10, 14, 23, 59, 59, tzinfo=SH)


def test_a_calendar_day_pause_adds_the_days_paused() -> None:
    due = datetime(2026, 11, 30, 23, 59, 59, tzinfo=SH)
    moved = shift_after_pause(
        CAL,
        due,
        unit=TimeUnit.CALENDAR_DAYS,
        paused_at=datetime(2026, 11, 2, tzinfo=SH),
        resumed_at=datetime(2026, 11, 5, tzinfo=SH),
    )
    assert moved.at.date() == date(2026, 12, 3)


def test_working_hour_pause_adds_the_business_time_lost() -> None:
    due = datetime(2026, 11, 24, 12, 0, tzinfo=SH)
    moved = shift_after_pause(
        CAL,
        due,
        unit=TimeUnit.WORKING_HOURS,
        paused_at=datetime(2026, 11, 23, 10, 0, tzinfo=SH),
        resumed_at=datetime(2026, 11, 23, 11, 30, tzinfo=SH),
    )
    # 1.5 business hours lost: 12:00 is closing time, so 13:30 + 1.5h.
    assert moved.at == datetime(2026, 11, 24, 15, 0, tzinfo=SH)


def test_extension_in_working_days() -> None:
    due = datetime(2026, 9, 30, 23, 59, 59, tzinfo=SH)
    assert extend(CAL, due, ClockRule(1, TimeUnit.WORKING_DAYS)).at.date() == date(2026, 10, 8)


def test_remaining_working_days_is_negative_when_overdue() -> None:
    now = datetime(2026, 10, 9, 10, tzinfo=SH)
    # 10 Oct (a worked Saturday), 12 and 13 Oct.
    assert remaining_working_days(CAL, now, datetime(2026, 10, 13, 23, tzinfo=SH)) == 3
    assert remaining_working_days(CAL, now, datetime(2026, 9, 30, 23, tzinfo=SH)) == -2


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(datetime(2026, 11, 30, 9, tzinfo=SH), 3) == datetime(
        2027, 2, 28, 9, tzinfo=SH
    )
    assert add_months(datetime(2026, 1, 15, tzinfo=SH), 12).year == 2027


@pytest.mark.parametrize("bad", [-1, 4000, 1.5, True])
def test_nonsense_durations_are_refused(bad: object) -> None:
    with pytest.raises(InvalidDuration):
        add_working_days(CAL, date(2026, 1, 5), bad)  # type: ignore[arg-type]


days_2026 = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31))


@given(days_2026, st.integers(min_value=1, max_value=40))
def test_working_days_land_on_a_working_day_and_count_exactly(start: date, n: int) -> None:
    due = add_working_days(CAL, start, n).due
    assert CAL.is_working_day(due)
    assert working_days_between(CAL, start, due) == n


@given(days_2026, st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=30))
def test_working_days_are_monotonic_and_additive(start: date, a: int, b: int) -> None:
    first = add_working_days(CAL, start, a).due
    assert add_working_days(CAL, first, b).due == add_working_days(CAL, start, a + b).due
    if a <= b:
        assert add_working_days(CAL, start, a).due <= add_working_days(CAL, start, b).due


@given(days_2026, st.integers(min_value=1, max_value=60))
def test_calendar_days_never_end_early_and_end_on_a_working_day(start: date, n: int) -> None:
    due = add_calendar_days(CAL, start, n).due
    assert due >= start + timedelta(days=n)
    assert CAL.is_working_day(due)


@given(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 10, 1)),
    st.integers(min_value=1, max_value=80),
)
def test_working_hours_end_inside_business_hours(start: datetime, hours: int) -> None:
    due = add_working_hours(CAL, start.replace(tzinfo=SH), hours).at
    assert CAL.is_working_day(due.date())
    assert time(9, 0) < due.time() <= time(12, 0) or time(13, 30) < due.time() <= time(18, 0)


def test_a_pause_outside_business_hours_costs_nothing() -> None:
    due = datetime(2026, 11, 24, 18, 0, tzinfo=SH)
    moved = shift_after_pause(
        CAL,
        due,
        unit=TimeUnit.WORKING_HOURS,
        paused_at=datetime(2026, 11, 23, 12, 10, tzinfo=SH),
        resumed_at=datetime(2026, 11, 23, 13, 20, tzinfo=SH),
    )
    assert moved.at == due
