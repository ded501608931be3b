"""The clock rules as pure values: every unit and start event, pauses, extensions, restarts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.calendars import WorkCalendar, year_table
from kesu.domain.clocks import (
    PLATFORM_DEFAULT,
    CaseClocks,
    ClockName,
    ClockRefused,
    ClockRule,
    Events,
    ExtensionStep,
    PauseReason,
    PolicyRules,
    StartEvent,
    Timing,
    escalation_clocks,
    extend_resolution,
    met,
    next_due,
    pause,
    restart,
    resume,
    running,
    start_clocks,
    stop,
)
from kesu.domain.deadlines import Period, due_moment
from kesu.domain.presets.policies import DEADLINE_POLICY_PRESETS
from kesu.domain.vocabulary import Role, TimeUnit

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar(
    {**year_table(2026).days, **year_table(2027).days, **year_table(2028).days}, {2026}
)
ALL = frozenset(PauseReason)
C = ClockName


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def wd(n: int) -> Period:
    return Period(n, TimeUnit.WORKING_DAYS)


def cd(n: int) -> Period:
    return Period(n, TimeUnit.CALENDAR_DAYS)


moments = st.datetimes(
    min_value=datetime(2026, 1, 5), max_value=datetime(2026, 11, 30), timezones=st.just(SH)
).map(lambda m: m.replace(second=0, microsecond=0))
units = st.sampled_from(list(TimeUnit))
periods = st.builds(Period, st.integers(1, 40), units)
starts = st.sampled_from(list(StartEvent))


def events_from(received: datetime, gaps: list[int]) -> Events:
    """Events in order, each `gaps[i]` hours after the one before."""
    at = [received]
    for gap in gaps:
        at.append(at[-1] + timedelta(hours=gap))
    return Events(
        receipt=at[0],
        registration=at[0],
        acceptance=at[1],
        assignment=at[2],
        answer=at[3],
        delivery=at[4],
    )


def one_clock(name: ClockName, rule: ClockRule) -> PolicyRules:
    base = PolicyRules(
        acceptance=ClockRule(wd(1), StartEvent.RECEIPT),
        first_contact=ClockRule(wd(400), StartEvent.ACCEPTANCE),
        resolution=ClockRule(wd(400), StartEvent.ACCEPTANCE),
    )
    return replace(base, **{name.value: rule})


# --- start events and units ------------------------------------------------------------------


@given(moments, st.lists(st.integers(0, 200), min_size=4, max_size=4), periods, starts)
def test_each_clock_counts_from_the_event_its_rule_names(
    received: datetime, gaps: list[int], period: Period, start: StartEvent
) -> None:
    events = events_from(received, gaps)
    rules = one_clock(C.RETURN_VISIT, ClockRule(period, start))
    clocks = start_clocks(CaseClocks(), rules, events, CAL)
    state = clocks[C.RETURN_VISIT]
    started = events.at(start)
    assert state.started == started
    assert state.due == due_moment(CAL, period, started).at  # type: ignore[arg-type]


@given(moments, st.integers(1, 500), st.integers(1, 30))
def test_a_receipt_based_clock_ignores_a_late_acceptance(
    received: datetime, late_by_hours: int, amount: int
) -> None:
    rule = ClockRule(wd(amount), StartEvent.RECEIPT)
    rules = replace(PLATFORM_DEFAULT, resolution=rule)
    on_time = Events(received, received, acceptance=received + timedelta(minutes=1))
    late = Events(received, received, acceptance=received + timedelta(hours=late_by_hours))
    due_on_time = start_clocks(CaseClocks(), rules, on_time, CAL)[C.RESOLUTION].due
    due_late = start_clocks(CaseClocks(), rules, late, CAL)[C.RESOLUTION].due
    assert due_on_time == due_late


@given(moments, st.integers(1, 30))
def test_an_acceptance_based_clock_moves_with_acceptance(received: datetime, amount: int) -> None:
    rules = replace(PLATFORM_DEFAULT, resolution=ClockRule(wd(amount), StartEvent.ACCEPTANCE))
    first = Events(received, received, acceptance=received)
    later = Events(received, received, acceptance=received + timedelta(days=10))
    due_first = start_clocks(CaseClocks(), rules, first, CAL)[C.RESOLUTION].due
    due_later = start_clocks(CaseClocks(), rules, later, CAL)[C.RESOLUTION].due
    assert due_first is not None
    assert due_later is not None
    assert due_later > due_first


@given(moments, st.integers(1, 72))
def test_plain_hours_are_clock_time_even_over_a_weekend(received: datetime, hours: int) -> None:
    rules = replace(
        PLATFORM_DEFAULT, acceptance=ClockRule(Period(hours, TimeUnit.HOURS), StartEvent.RECEIPT)
    )
    clocks = start_clocks(CaseClocks(), rules, Events(received, received), CAL)
    assert clocks[C.ACCEPTANCE].due == received + timedelta(hours=hours)


def test_one_hour_on_a_friday_evening_is_friday_evening() -> None:
    friday = moment("2026-11-06 17:30")
    plain = replace(
        PLATFORM_DEFAULT, acceptance=ClockRule(Period(1, TimeUnit.HOURS), StartEvent.RECEIPT)
    )
    working = replace(
        PLATFORM_DEFAULT,
        acceptance=ClockRule(Period(1, TimeUnit.WORKING_HOURS), StartEvent.RECEIPT),
    )
    events = Events(friday, friday)
    assert start_clocks(CaseClocks(), plain, events, CAL)[C.ACCEPTANCE].due == moment(
        "2026-11-06 18:30"
    )
    assert start_clocks(CaseClocks(), working, events, CAL)[C.ACCEPTANCE].due == moment(
        "2026-11-09 09:30"
    )


@given(moments, st.integers(1, 30), units)
def test_handling_clocks_wait_for_acceptance_and_the_visit_for_the_answer(
    received: datetime, amount: int, unit: TimeUnit
) -> None:
    rules = replace(
        PLATFORM_DEFAULT,
        resolution=ClockRule(Period(amount, unit), StartEvent.RECEIPT),
        return_visit=ClockRule(Period(amount, unit), StartEvent.RECEIPT),
    )
    registered = start_clocks(CaseClocks(), rules, Events(received, received), CAL)
    assert running(registered, rules) == [C.ACCEPTANCE]
    accepted = start_clocks(registered, rules, Events(received, received, received), CAL)
    assert C.RESOLUTION in running(accepted, rules)
    assert C.RETURN_VISIT not in running(accepted, rules)


@given(moments, st.integers(1, 30))
def test_a_set_day_ends_at_the_end_of_its_day_and_warns_only_on_it(
    delivered: datetime, days: int
) -> None:
    rule = ClockRule(cd(days), StartEvent.DELIVERY, Timing.SET_DAY)
    rules = one_clock(C.RETURN_VISIT, rule)
    events = Events(delivered, delivered, delivered, delivered, delivered, delivered)
    clocks = start_clocks(CaseClocks(), rules, events, CAL)
    due = clocks[C.RETURN_VISIT].due
    assert due is not None
    assert (due.hour, due.minute, due.second) == (23, 59, 59)
    visit = next(c for c in escalation_clocks(clocks, rules) if c.name == C.RETURN_VISIT)
    assert visit.started_at.date() == due.date()


def test_first_contact_and_investigation_never_end_after_the_resolution() -> None:
    at = moment("2026-11-02 10:00")
    rules = replace(
        PLATFORM_DEFAULT,
        first_contact=ClockRule(wd(20), StartEvent.ACCEPTANCE),
        investigation=ClockRule(wd(20), StartEvent.ACCEPTANCE),
    )
    clocks = start_clocks(CaseClocks(), rules, Events(at, at, at), CAL)
    resolution = clocks[C.RESOLUTION].due
    assert clocks[C.FIRST_CONTACT].due == resolution
    assert clocks[C.INVESTIGATION].due == resolution


def test_a_promise_replaces_the_resolution_period_from_acceptance() -> None:
    at = moment("2026-11-02 10:00")
    clocks = start_clocks(CaseClocks(), PLATFORM_DEFAULT, Events(at, at, at), CAL, promised=wd(3))
    assert clocks[C.RESOLUTION].due == moment("2026-11-05 23:59:59")
    assert clocks.resolution_unit is TimeUnit.WORKING_DAYS


# --- pauses ----------------------------------------------------------------------------------


def accepted(rules: PolicyRules, at: datetime) -> CaseClocks:
    return start_clocks(CaseClocks(), rules, Events(at, at, at), CAL)


def test_a_clock_no_reason_may_stop_refuses_the_pause() -> None:
    clocks = accepted(PLATFORM_DEFAULT, moment("2026-11-02 10:00"))
    with pytest.raises(ClockRefused) as refused:
        pause(clocks, PLATFORM_DEFAULT, PauseReason.CO_HANDLING, moment("2026-11-04 09:00"))
    assert refused.value.code == "pause_not_allowed"


@given(moments, st.integers(1, 400), st.sampled_from(list(PauseReason)))
def test_a_pause_moves_only_the_clocks_its_reason_may_stop(
    at: datetime, paused_hours: int, reason: PauseReason
) -> None:
    rules = replace(
        PLATFORM_DEFAULT,
        resolution=replace(PLATFORM_DEFAULT.resolution, pausable=frozenset({reason})),
    )
    clocks = accepted(rules, at)
    paused_at = at + timedelta(hours=1)
    held = pause(clocks, rules, reason, paused_at)
    assert C.RESOLUTION not in running(held, rules)
    assert C.FIRST_CONTACT in running(held, rules)
    after = resume(held, rules, paused_at + timedelta(hours=paused_hours), CAL)
    assert after.paused_at is None
    assert after[C.FIRST_CONTACT].due == clocks[C.FIRST_CONTACT].due
    before, moved = clocks[C.RESOLUTION].due, after[C.RESOLUTION].due
    assert before is not None
    assert moved is not None
    assert moved >= before


@given(moments, st.integers(0, 2000))
def test_a_late_clock_stays_late_while_paused(at: datetime, hours_late: int) -> None:
    rules = replace(PLATFORM_DEFAULT, resolution=replace(PLATFORM_DEFAULT.resolution, pausable=ALL))
    clocks = accepted(rules, at)
    due = clocks[C.RESOLUTION].due
    assert due is not None
    held = pause(clocks, rules, PauseReason.APPRAISAL, due + timedelta(hours=hours_late, seconds=1))
    assert next_due(held, rules) is not None


# --- extensions ------------------------------------------------------------------------------

CBIRC = next(p.rules for p in DEADLINE_POLICY_PRESETS if p.code == "cbirc_2020_order3")


@given(moments, st.lists(st.integers(1, 60), min_size=1, max_size=4))
def test_extensions_never_pass_the_total_cap(received: datetime, amounts: list[int]) -> None:
    clocks = start_clocks(CaseClocks(), CBIRC, Events(received, received, received), CAL)
    started = clocks[C.RESOLUTION].started
    assert started is not None
    cap = due_moment(CAL, cd(60), started).at
    for amount in amounts:
        try:
            clocks = extend_resolution(
                clocks, CBIRC, by=cd(amount), role=Role.GENERAL_MANAGER, calendar=CAL
            ).clocks
        except ClockRefused:
            continue
    due = clocks[C.RESOLUTION].due
    assert due is not None
    assert due <= cap
    assert clocks.extensions <= len(CBIRC.resolution.extensions)


def test_each_step_has_its_approver_and_length() -> None:
    at = moment("2026-11-02 09:00")
    clocks = accepted(CBIRC, at)
    with pytest.raises(ClockRefused, match="extension_too_long"):
        extend_resolution(clocks, CBIRC, by=cd(30), role=Role.GENERAL_MANAGER, calendar=CAL)
    first = extend_resolution(clocks, CBIRC, by=cd(15), role=Role.SUPERVISOR, calendar=CAL)
    assert first.step is not None
    assert first.step.tell_customer
    with pytest.raises(ClockRefused, match="extension_needs_higher_approval"):
        extend_resolution(first.clocks, CBIRC, by=cd(30), role=Role.CS_MANAGER, calendar=CAL)
    second = extend_resolution(
        first.clocks, CBIRC, by=cd(30), role=Role.GENERAL_MANAGER, calendar=CAL
    )
    with pytest.raises(ClockRefused, match="no_more_extensions"):
        extend_resolution(second.clocks, CBIRC, by=cd(1), role=Role.GENERAL_MANAGER, calendar=CAL)


def test_the_cap_moves_with_a_pause_the_rule_allows() -> None:
    at = moment("2026-11-02 09:00")
    clocks = accepted(CBIRC, at)
    limit = clocks[C.RESOLUTION].limit
    held = pause(clocks, CBIRC, PauseReason.APPRAISAL, moment("2026-11-03 09:00"))
    after = resume(held, CBIRC, moment("2026-11-13 09:00"), CAL)
    assert limit is not None
    assert after[C.RESOLUTION].limit == limit + timedelta(days=10)


def test_a_policy_without_steps_extends_freely() -> None:
    clocks = accepted(PLATFORM_DEFAULT, moment("2026-11-02 09:00"))
    for _ in range(3):
        extended = extend_resolution(
            clocks, PLATFORM_DEFAULT, by=wd(5), role=Role.SUPERVISOR, calendar=CAL
        )
        assert extended.step is None
        clocks = extended.clocks
    assert clocks.extensions == 3


# --- stop, restart, outcome ------------------------------------------------------------------


@given(moments, st.integers(1, 2000))
def test_restart_gives_a_fresh_resolution_and_spends_extensions_afresh(
    received: datetime, hours_later: int
) -> None:
    clocks = accepted(CBIRC, received)
    clocks = extend_resolution(clocks, CBIRC, by=cd(10), role=Role.SUPERVISOR, calendar=CAL).clocks
    answered = stop(clocks, C.RESOLUTION, received + timedelta(hours=1))
    back_at = received + timedelta(hours=1 + hours_later)
    back = restart(answered, CBIRC, back_at, CAL)
    assert back.extensions == 0
    assert back[C.RESOLUTION].started == back_at
    assert back[C.RESOLUTION].stopped is None
    assert back[C.RESOLUTION].due == due_moment(CAL, cd(15), back_at).at


def test_a_stopped_clock_says_whether_it_was_met() -> None:
    clocks = accepted(PLATFORM_DEFAULT, moment("2026-11-02 09:00"))
    assert met(clocks[C.FIRST_CONTACT]) is None
    on_time = stop(clocks, C.FIRST_CONTACT, moment("2026-11-03 09:00"))
    late = stop(clocks, C.FIRST_CONTACT, moment("2026-11-20 09:00"))
    assert met(on_time[C.FIRST_CONTACT]) is True
    assert met(late[C.FIRST_CONTACT]) is False


def test_one_platform_default() -> None:
    preset = next(p for p in DEADLINE_POLICY_PRESETS if p.code == "platform_default")
    assert preset.rules is PLATFORM_DEFAULT
    assert PLATFORM_DEFAULT.resolution.period == wd(15)
    assert PLATFORM_DEFAULT.resolution.pausable == frozenset()  # W3
    assert PLATFORM_DEFAULT.investigation is not None  # W5
    assert PLATFORM_DEFAULT.promise is C.FIRST_CONTACT  # W6


def test_extension_steps_are_values() -> None:
    step = ExtensionStep(cd(15), Role.SUPERVISOR, tell_customer=True)
    assert CBIRC.resolution.extensions[0] == step
    assert CBIRC.resolution.total_cap == cd(60)
