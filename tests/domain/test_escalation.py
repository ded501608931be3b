"""Warnings and the escalation ladder (督办), across the 2026 National Day holiday."""

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.calendars import WorkCalendar, year_table
from kesu.domain.escalation import MAJOR, STANDARD, AlertKind, Clock, plan, schedule
from kesu.domain.vocabulary import Role

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar(year_table(2026).days, {2026})

# Accepted Monday 28 Sep 10:00; resolution due 23 Oct 23:59:59 (15 working days over the holiday).
CLOCK = Clock(
    "resolution",
    datetime(2026, 9, 28, 10, 0, tzinfo=SH),
    datetime(2026, 10, 23, 23, 59, 59, tzinfo=SH),
)


def test_the_standard_schedule() -> None:
    alerts = schedule(CAL, CLOCK, STANDARD)
    kinds = [(a.kind, a.level, a.role) for a in alerts]
    assert kinds == [
        (AlertKind.WARNING_SHARE, 0, None),
        (AlertKind.WARNING_DAY_BEFORE, 0, None),
        (AlertKind.ESCALATION, 1, None),
        (AlertKind.ESCALATION, 2, Role.DEPARTMENT_HEAD),
        (AlertKind.ESCALATION, 3, Role.SUPERVISOR),
        (AlertKind.ESCALATION, 4, Role.CS_MANAGER),
        (AlertKind.ESCALATION, 5, Role.GENERAL_MANAGER),
    ]
    day_before = alerts[1].at
    assert day_before == datetime(2026, 10, 22, 23, 59, 59, tzinfo=SH)
    # Level 2 one working day after the breach: Friday 23 Oct → Monday 26 Oct.
    assert alerts[3].at.date().isoformat() == "2026-10-26"
    # Level 5 five working days after: 30 Oct.
    assert alerts[6].at.date().isoformat() == "2026-10-30"


def test_a_day_before_skips_the_holiday() -> None:
    clock = Clock(
        "first_contact", datetime(2026, 9, 28, tzinfo=SH), datetime(2026, 10, 8, 23, 0, tzinfo=SH)
    )
    warning = next(
        a for a in schedule(CAL, clock, STANDARD) if a.kind is AlertKind.WARNING_DAY_BEFORE
    )
    # The working day before Thursday 8 Oct is Wednesday 30 Sep (1–7 Oct are rest days).
    assert warning.at.date().isoformat() == "2026-09-30"


def test_major_cases_climb_faster() -> None:
    standard = {
        a.level: a.at for a in schedule(CAL, CLOCK, STANDARD) if a.kind is AlertKind.ESCALATION
    }
    major = {a.level: a.at for a in schedule(CAL, CLOCK, MAJOR) if a.kind is AlertKind.ESCALATION}
    assert all(major[level] <= standard[level] for level in standard)
    assert major[2] < standard[2]


def test_the_plan_fires_each_alert_once_and_names_the_next_moment() -> None:
    now = datetime(2026, 10, 27, 9, 0, tzinfo=SH)  # after the breach and level 2
    decided = plan(CAL, [CLOCK], STANDARD, fired=[], now=now)
    assert [(a.kind, a.level) for a in decided.due_now] == [
        (AlertKind.ESCALATION, 1),
        (AlertKind.ESCALATION, 2),
    ]  # the warnings are stale once the clock ran out
    assert decided.next_at is not None
    assert decided.next_at.date().isoformat() == "2026-10-27"
    again = plan(CAL, [CLOCK], STANDARD, fired=[a.key for a in decided.due_now], now=now)
    assert again.due_now == []


def test_a_moved_deadline_gets_fresh_alerts() -> None:
    fired = [a.key for a in schedule(CAL, CLOCK, STANDARD)]
    extended = Clock("resolution", CLOCK.started_at, datetime(2026, 10, 30, 23, 59, 59, tzinfo=SH))
    decided = plan(CAL, [extended], STANDARD, fired=fired, now=datetime(2026, 10, 29, 9, tzinfo=SH))
    assert [a.kind for a in decided.due_now] == [AlertKind.WARNING_SHARE]


@given(st.integers(min_value=0, max_value=60 * 24 * 60))
def test_nothing_fires_twice_however_often_the_sweep_runs(minutes: int) -> None:
    from datetime import timedelta

    fired: list[tuple[str, str, int, datetime]] = []
    now = CLOCK.started_at
    end = CLOCK.started_at + timedelta(minutes=minutes)
    while now <= end:
        decided = plan(CAL, [CLOCK], STANDARD, fired=fired, now=now)
        keys = [a.key for a in decided.due_now]
        assert not set(keys) & set(fired)
        fired.extend(keys)
        if decided.next_at is None:
            break
        now = max(decided.next_at, now + timedelta(minutes=1))
    assert len(fired) == len(set(fired))
