"""The working-day calendar built from the holidays package: 2026 with its 调休 days."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kesu.domain.calendars import (
    WorkCalendar,
    estimated_is_working_day,
    estimated_working_days_after,
    year_table,
)

TABLE_2026 = year_table(2026)
CAL = WorkCalendar(TABLE_2026.days, {2026})


def test_2026_is_published_with_its_adjusted_working_weekends() -> None:
    assert TABLE_2026.published
    assert CAL.is_working_day(date(2026, 9, 20))  # Sunday, worked for National Day
    assert CAL.is_working_day(date(2026, 10, 10))  # Saturday, worked for National Day
    assert not any(CAL.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert CAL.is_working_day(date(2026, 10, 8))


def test_spring_festival_2026_is_rest() -> None:
    assert not CAL.is_working_day(date(2026, 2, 17))
    assert CAL.is_working_day(date(2026, 2, 14))  # the Saturday worked before it


def test_unpublished_year_is_estimated_and_provisional() -> None:
    table = year_table(2027)
    assert not table.published
    assert not table.days[date(2027, 10, 1)]  # National Day on its usual date
    assert not table.days[date(2027, 1, 2)]  # a Saturday
    assert CAL.is_provisional(date(2027, 3, 1))
    assert not CAL.is_provisional(date(2026, 3, 1))


def test_a_date_outside_the_table_is_still_answered() -> None:
    empty = WorkCalendar({}, ())
    assert empty.is_working_day(date(2031, 3, 4))  # a Tuesday
    assert not empty.is_working_day(date(2031, 10, 1))


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 30)))
def test_next_working_day_is_later_and_worked(day: date) -> None:
    following = CAL.next_working_day(day)
    assert following > day
    assert CAL.is_working_day(following)
    assert all(not CAL.is_working_day(day + timedelta(n)) for n in range(1, (following - day).days))


@given(st.dates(min_value=date(2030, 1, 1), max_value=date(2060, 12, 31)))
def test_estimated_weekends_are_never_worked(day: date) -> None:
    if day.weekday() >= 5:
        assert not estimated_is_working_day(day)


def _counted_day_by_day(calendar: WorkCalendar, start: date, end: date) -> int:
    days, current = 0, start
    while current < end:
        current += timedelta(days=1)
        days += calendar.is_working_day(current)
    return days


@st.composite
def stored_days(draw: st.DrawFn) -> dict[date, bool]:
    """A stretch of stored days (sometimes with holes), each working or not at random."""
    first = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    length = draw(st.integers(0, 400))
    holes = draw(st.sets(st.integers(0, 400), max_size=3))
    return {first + timedelta(days=n): draw(st.booleans()) for n in range(length) if n not in holes}


@given(
    days=stored_days(),
    start=st.dates(date(2023, 6, 1), date(2029, 6, 1)),
    span=st.integers(-30, 1500),
)
def test_counting_working_days_agrees_with_counting_one_by_one(
    days: dict[date, bool], start: date, span: int
) -> None:
    calendar = WorkCalendar(days)
    end = start + timedelta(days=span)
    assert calendar.working_days_after(start, end) == _counted_day_by_day(calendar, start, end)


# Counting outside the stored stretch by arithmetic (issue 18 part 5) gives the day-by-day count.
def _one_by_one(calendar: WorkCalendar, start: date, end: date) -> int:
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2032, 12, 31)),
    length=st.integers(min_value=-10, max_value=1500),
)
@settings(max_examples=150, deadline=None)
def test_estimated_working_days_count_as_walking_the_days(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    assert estimated_working_days_after(start, end) == _one_by_one(WorkCalendar({}), start, end)


@given(
    start=st.dates(min_value=date(2021, 1, 1), max_value=date(2029, 12, 31)),
    length=st.integers(min_value=0, max_value=1500),
)
@settings(max_examples=100, deadline=None)
def test_a_stored_stretch_counts_like_walking_the_days_on_both_sides(
    start: date, length: int
) -> None:
    stored = year_table(2025).days | year_table(2026).days
    calendar = WorkCalendar(stored, [2025, 2026])
    end = start + timedelta(days=length)
    assert calendar.working_days_after(start, end) == _one_by_one(calendar, start, end)
