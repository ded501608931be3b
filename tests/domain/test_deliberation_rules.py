"""Deliberation 合议 rules (seed 004 第七条, 第八条(四))."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.calendars import WorkCalendar
from kesu.domain.deliberation import (
    Grounds,
    Refused,
    Seat,
    Status,
    final_due,
    is_late,
    may_confirm,
    may_convene,
    may_decide,
)

SH = ZoneInfo("Asia/Shanghai")


def calendar() -> WorkCalendar:
    return WorkCalendar(days={}, official_years=frozenset())


def test_the_final_decision_is_due_fifteen_calendar_days_after_the_meeting() -> None:
    # Meeting on Monday 2026-11-02: due Tuesday 2026-11-17 (a working day), end of day.
    due = final_due(calendar(), datetime(2026, 11, 2, 14, 0, tzinfo=SH))
    assert due == datetime(2026, 11, 17, 23, 59, 59, tzinfo=SH)


def test_a_period_ending_on_a_weekend_ends_on_the_next_working_day() -> None:
    # 2026-11-07 (Sat) + 15 = 2026-11-22 (Sun) → Monday 2026-11-23.
    due = final_due(calendar(), datetime(2026, 11, 7, 9, 0, tzinfo=SH))
    assert due.date() == date(2026, 11, 23)


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)))
def test_the_due_day_is_never_before_fifteen_days(moment: datetime) -> None:
    meeting = moment.replace(tzinfo=SH)
    due = final_due(calendar(), meeting)
    assert 15 <= (due.date() - meeting.date()).days <= 15 + 9  # the longest holiday run
    assert not is_late(Status.CONVENED, due, due)
    assert is_late(Status.PRELIMINARY, due, due + timedelta(seconds=1))
    assert not is_late(Status.DECIDED, due, due + timedelta(days=365))


def test_a_major_case_is_convened_straight_away_a_requested_one_after_asking() -> None:
    may_convene(None, Grounds.MAJOR)
    may_convene(Status.REQUESTED, Grounds.REQUESTED)
    for status in (Status.REFUSED, Status.CONVENED, Status.DECIDED):
        with pytest.raises(Refused):
            may_convene(status, Grounds.REQUESTED)


def test_only_a_participant_confirms_their_own_opinion_once_after_the_meeting_began() -> None:
    seats = [Seat(1, confirmed=False), Seat(2, confirmed=True)]
    may_confirm(Status.CONVENED, seats, 1, met=True)
    cases = [
        (Status.CONVENED, 3, True, "not_participant"),
        (Status.CONVENED, 2, True, "already_confirmed"),
        (Status.CONVENED, 1, False, "before_meeting"),
        (Status.DECIDED, 1, True, "not_open"),
    ]
    for status, user, met, code in cases:
        with pytest.raises(Refused) as refused:
            may_confirm(status, seats, user, met=met)
        assert refused.value.code == code


def test_the_decision_waits_for_minutes_and_every_confirmation() -> None:
    signed = [Seat(1, confirmed=True), Seat(2, confirmed=True)]
    with pytest.raises(Refused, match="unconfirmed"):
        may_decide(Status.CONVENED, [Seat(1, True), Seat(2, False)], final=True, has_minutes=True)
    with pytest.raises(Refused, match="no_minutes"):
        may_decide(Status.CONVENED, signed, final=True, has_minutes=False)
    may_decide(Status.CONVENED, signed, final=False, has_minutes=True)
    with pytest.raises(Refused, match="already_preliminary"):
        may_decide(Status.PRELIMINARY, signed, final=False, has_minutes=True)
    may_decide(Status.PRELIMINARY, signed, final=True, has_minutes=True)
