"""The regulator's reply-due date as a pure clock rule (`CaseClocks.external_due`): the
stricter of it and the policy runs; a clock starting after it runs by the policy."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.calendars import WorkCalendar, year_table
from kesu.domain.clocks import (
    PLATFORM_DEFAULT,
    CaseClocks,
    ClockName,
    Events,
    PauseReason,
    pause,
    restart,
    resume,
    start_clocks,
)

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar({**year_table(2026).days, **year_table(2027).days}, {2026})
RECEIVED = datetime(2026, 9, 14, 10, 0, tzinfo=SH)
ACCEPTED = datetime(2026, 9, 15, 10, 0, tzinfo=SH)
CAPPED = (ClockName.ACCEPTANCE, ClockName.FIRST_CONTACT, ClockName.RESOLUTION)
#: The platform default with every clock pausable for every reason.
PAUSABLE = replace(
    PLATFORM_DEFAULT,
    **{
        name.value: replace(rule, pausable=frozenset(PauseReason))
        for name, rule in PLATFORM_DEFAULT.items()
    },
)


def clocks(external_due: datetime | None) -> CaseClocks:
    events = Events(receipt=RECEIVED, registration=RECEIVED, acceptance=ACCEPTED)
    return start_clocks(CaseClocks(external_due=external_due), PAUSABLE, events, CAL)


@given(hours=st.integers(min_value=1, max_value=24 * 60))
def test_the_stricter_of_the_two_dates_runs(hours: int) -> None:
    cap = RECEIVED + timedelta(hours=hours)
    policy, capped = clocks(None), clocks(cap)
    for name in CAPPED:
        want = policy[name].due
        assert want is not None
        started = capped[name].started
        assert started is not None
        expected = min(want, cap) if started < cap else want
        assert capped[name].due == expected


@given(hours=st.integers(min_value=30, max_value=24 * 60))
def test_a_pause_does_not_move_the_regulators_date(hours: int) -> None:
    cap = RECEIVED + timedelta(hours=hours)
    base = clocks(cap)
    paused = pause(base, PAUSABLE, PauseReason.WAITING_CUSTOMER, ACCEPTED)
    resumed = resume(paused, PAUSABLE, ACCEPTED + timedelta(days=20), CAL)
    for name in CAPPED:
        due = resumed[name].due
        assert due is None or due <= max(cap, base[name].due or cap)


def test_a_case_back_after_the_date_runs_by_the_policy() -> None:
    cap = datetime(2026, 9, 18, 23, 59, 59, tzinfo=SH)
    back = datetime(2026, 10, 20, 9, 0, tzinfo=SH)
    reopened = restart(clocks(cap), PAUSABLE, back, CAL)
    assert reopened[ClockName.RESOLUTION].due > cap
    assert reopened.external_due == cap
