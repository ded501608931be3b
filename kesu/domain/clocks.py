"""A case's clocks as values: which clocks a policy sets, when each starts, pauses, is extended
and stops. Pure: the calendar, the event times and the moment are arguments.

A policy (`PolicyRules`) gives each clock a `ClockRule`: how long (`Period`, in working days,
calendar days, working hours or plain hours), from which event (receipt, registration,
acceptance, assignment, the answer, or a later event such as delivery of a repaired product),
whether it is a "due by" limit or a set day (回访 on the 2nd day after delivery), which pause
reasons stop it, and how it may be extended (steps, each with its approver and whether the
customer is told, and a total cap). A case's clocks (`CaseClocks`) map each `ClockName` to a
`ClockState` (started, due, stopped). The Django side only loads and stores these values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from enum import StrEnum

from kesu.domain.calendars import WorkCalendar
from kesu.domain.deadlines import DueMoment, Period, due_moment, extend, shift_after_pause
from kesu.domain.errors import DomainError
from kesu.domain.escalation import Clock
from kesu.domain.vocabulary import Role, TimeUnit
from kesu.domain.workflow import outranks


class ClockName(StrEnum):
    ACCEPTANCE = "acceptance"
    FIRST_CONTACT = "first_contact"
    INVESTIGATION = "investigation"
    RESOLUTION = "resolution"
    RETURN_VISIT = "return_visit"


class StartEvent(StrEnum):
    """The event a clock counts from."""

    RECEIPT = "receipt"
    REGISTRATION = "registration"
    ACCEPTANCE = "acceptance"
    ASSIGNMENT = "assignment"
    ANSWER = "answer"
    DELIVERY = "delivery"  # a later event recorded on the case (the repaired product handed back)


class Timing(StrEnum):
    DUE_BY = "due_by"  # met any time until the due moment
    SET_DAY = "set_day"  # happens on that day (回访 on the 2nd day after delivery)


class PauseReason(StrEnum):
    WAITING_CUSTOMER = "waiting_customer"
    APPRAISAL = "appraisal"
    CO_HANDLING = "co_handling"


#: The clocks that run only once a case is accepted, and the return visit only once answered.
_GATES: Mapping[ClockName, tuple[StartEvent, ...]] = {
    ClockName.ACCEPTANCE: (),
    ClockName.FIRST_CONTACT: (StartEvent.ACCEPTANCE,),
    ClockName.INVESTIGATION: (StartEvent.ACCEPTANCE,),
    ClockName.RESOLUTION: (StartEvent.ACCEPTANCE,),
    ClockName.RETURN_VISIT: (StartEvent.ACCEPTANCE, StartEvent.ANSWER),
}
#: Clocks that end no later than the resolution: contact and findings come before the answer.
_BEFORE_RESOLUTION = (ClockName.FIRST_CONTACT, ClockName.INVESTIGATION)
#: The clocks a return to the department (reopened, customer not satisfied) starts again.
_RESTARTED = (ClockName.FIRST_CONTACT, ClockName.INVESTIGATION, ClockName.RESOLUTION)


class ClockRefused(DomainError):
    """A clock change the policy does not allow; `code` and `params` say which rule."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ExtensionStep:
    """One extension a clock may get: at most `period` (None: up to `FREE_EXTENSION` units of
    any kind), approved by `approver` or above."""

    period: Period | None
    approver: Role | None = None  # None: whoever the workflow lets extend
    tell_customer: bool = False


@dataclass(frozen=True)
class ClockRule:
    period: Period
    start: StartEvent
    timing: Timing = Timing.DUE_BY
    pausable: frozenset[PauseReason] = frozenset()
    #: Extensions in order; empty: any number, each up to `FREE_EXTENSION` units.
    extensions: tuple[ExtensionStep, ...] = ()
    #: The clock never runs beyond this much from its start, extensions included.
    total_cap: Period | None = None


#: The longest one extension may be where a policy sets no steps (in the unit asked for).
FREE_EXTENSION = 60


@dataclass(frozen=True)
class PolicyRules:
    acceptance: ClockRule
    first_contact: ClockRule
    resolution: ClockRule
    investigation: ClockRule | None = None
    return_visit: ClockRule | None = None
    #: The clock whose due time the acknowledgement promises the customer (seed 004: contact).
    promise: ClockName = ClockName.RESOLUTION

    def rule(self, name: ClockName) -> ClockRule | None:
        rule: ClockRule | None = getattr(self, name.value)
        return rule

    def items(self) -> Iterator[tuple[ClockName, ClockRule]]:
        for name in ClockName:
            rule = self.rule(name)
            if rule is not None:
                yield name, rule


def _wd(amount: int) -> Period:
    return Period(amount, TimeUnit.WORKING_DAYS)


#: The platform's rules where no policy matches, and the `platform_default` preset: seed 004
#: 恒康天安 第五条(一)「告知客户7个工作日内给予联系和处理」, 第八条(一)「自受理之日起7个工作日内
#: 完成调查取证工作」and (二)「自受理之日起15个工作日内给予客户明确答复或处理方案」with no
#: exclusions (no pause); acceptance in 1 working day and the return visit 3 working days after
#: the answer are the platform's choice.
PLATFORM_DEFAULT = PolicyRules(
    acceptance=ClockRule(_wd(1), StartEvent.RECEIPT),
    first_contact=ClockRule(_wd(7), StartEvent.ACCEPTANCE),
    investigation=ClockRule(_wd(7), StartEvent.ACCEPTANCE),
    resolution=ClockRule(_wd(15), StartEvent.ACCEPTANCE),
    return_visit=ClockRule(_wd(3), StartEvent.ANSWER),
    promise=ClockName.FIRST_CONTACT,
)


@dataclass(frozen=True)
class ClockState:
    started: datetime | None = None
    due: datetime | None = None
    stopped: datetime | None = None
    #: The latest the due time may be extended to (start + total cap, moved by pauses).
    limit: datetime | None = None

    @property
    def running(self) -> bool:
        return self.due is not None and self.stopped is None


@dataclass(frozen=True)
class CaseClocks:
    """Every clock of one case, the pause in force, and the resolution's extensions."""

    states: Mapping[ClockName, ClockState] = field(default_factory=dict)
    paused_at: datetime | None = None
    pause_reason: PauseReason | None = None
    extensions: int = 0  # extensions granted since the resolution clock (re)started
    #: The unit the resolution counts in where it differs from the policy (a promise).
    resolution_unit: TimeUnit | None = None
    provisional: bool = False  # a due time crosses a year whose holidays are not published
    #: A due time set from outside (a regulator's reply-due date on a transferred complaint,
    #: issue 17): no clock before the answer runs beyond it, whatever the policy says; the
    #: stricter of the two runs. Pauses do not move it.
    external_due: datetime | None = None

    def __getitem__(self, name: ClockName) -> ClockState:
        return self.states.get(name, ClockState())

    def with_state(self, name: ClockName, state: ClockState) -> CaseClocks:
        return replace(self, states={**self.states, name: state})


@dataclass(frozen=True)
class Events:
    """When the events clocks count from happened (None: not yet)."""

    receipt: datetime
    registration: datetime
    acceptance: datetime | None = None
    assignment: datetime | None = None
    answer: datetime | None = None
    delivery: datetime | None = None

    def at(self, event: StartEvent) -> datetime | None:
        moment: datetime | None = getattr(self, event.value)
        return moment


def _due(calendar: WorkCalendar, rule: ClockRule, period: Period, start: datetime) -> DueMoment:
    """A due-by clock runs out at its due moment; a set-day clock at the end of its day."""
    due = due_moment(calendar, period, start)
    if rule.timing is Timing.SET_DAY:
        return DueMoment(
            datetime.combine(due.at.date(), time(23, 59, 59), start.tzinfo), due.provisional
        )
    return due


def start_clocks(
    clocks: CaseClocks,
    rules: PolicyRules,
    events: Events,
    calendar: WorkCalendar,
    *,
    promised: Period | None = None,
) -> CaseClocks:
    """Start every clock whose start event (and gate) has happened and that has not started.

    Call after each event a clock may count from (a clock that already has a due time keeps
    it). A clock counts from its own start event even
    when it can only start later (a receipt-based limit is set at acceptance but counted from
    receipt, seed 004 电信 第八条). `promised`: the resolution period promised at acceptance
    (from acceptance). First contact and investigation never end after the resolution.
    """
    result = clocks
    for name, rule in rules.items():
        state = result[name]
        if name is ClockName.RETURN_VISIT and _for_an_earlier_answer(state, events.at(rule.start)):
            result = result.with_state(name, ClockState())  # a new answer gets a new visit
        elif state.due is not None:
            continue
        if any(events.at(gate) is None for gate in _GATES[name]):
            continue
        start = events.at(rule.start)
        period = rule.period
        if name is ClockName.RESOLUTION and promised is not None:
            start, period = events.acceptance, promised
            result = replace(result, resolution_unit=promised.unit)
        if start is None:
            continue
        result = _started(result, name, rule=rule, period=period, start=start, calendar=calendar)
    return _cap_by_resolution(result)


def _for_an_earlier_answer(state: ClockState, start: datetime | None) -> bool:
    return (
        state.stopped is not None
        and state.started is not None
        and start is not None
        and start > state.started
    )


def _started(
    clocks: CaseClocks,
    name: ClockName,
    *,
    rule: ClockRule,
    period: Period,
    start: datetime,
    calendar: WorkCalendar,
) -> CaseClocks:
    due = _capped(clocks, name, _due(calendar, rule, period, start), start)
    limit = due_moment(calendar, rule.total_cap, start).at if rule.total_cap else None
    stopped = clocks[name].stopped  # a recalculation sets the due time of a stopped clock too
    clocks = clocks.with_state(
        name, ClockState(started=start, due=due.at, stopped=stopped, limit=limit)
    )
    return replace(clocks, provisional=clocks.provisional or due.provisional)


def _capped(
    clocks: CaseClocks, name: ClockName, due: DueMoment, start: datetime | None
) -> DueMoment:
    """`due`, or the external due time where that is earlier. Not capped: the return visit
    (after the answer), and a clock that starts once the external date has passed (a case
    reopened after its answer runs by the policy, not to a date already gone)."""
    cap = clocks.external_due
    if cap is None or name is ClockName.RETURN_VISIT or due.at <= cap:
        return due
    if start is not None and start >= cap:
        return due
    return DueMoment(cap, due.provisional)


def _cap_by_resolution(clocks: CaseClocks) -> CaseClocks:
    resolution = clocks[ClockName.RESOLUTION].due
    if resolution is None:
        return clocks
    for name in _BEFORE_RESOLUTION:
        state = clocks[name]
        if state.running and state.due is not None and state.due > resolution:
            clocks = clocks.with_state(name, replace(state, due=resolution))
    return clocks


def stop(clocks: CaseClocks, name: ClockName, at: datetime) -> CaseClocks:
    """The clock's event happened (first contact, findings, answer, visit): it stops, once."""
    state = clocks[name]
    if state.due is None or state.stopped is not None:
        return clocks
    return clocks.with_state(name, replace(state, stopped=at))


def restart(
    clocks: CaseClocks, rules: PolicyRules, now: datetime, calendar: WorkCalendar
) -> CaseClocks:
    """Back with the department (reopened, customer not satisfied): the resolution runs again
    from `now` with its extensions spent afresh; a first contact or investigation still
    outstanding restarts too (left at its old due time, the case would be overdue at once); a
    return visit not yet made is dropped with the old answer."""
    result = replace(clocks, extensions=0, resolution_unit=None)
    visit = result[ClockName.RETURN_VISIT]
    if visit.stopped is None:
        result = replace(
            result,
            states={k: v for k, v in result.states.items() if k is not ClockName.RETURN_VISIT},
        )
    for name in _RESTARTED:
        rule, state = rules.rule(name), result[name]
        if rule is None:
            continue
        if name is not ClockName.RESOLUTION and (state.due is None or state.stopped is not None):
            continue
        result = result.with_state(name, ClockState())
        result = _started(result, name, rule=rule, period=rule.period, start=now, calendar=calendar)
    return _cap_by_resolution(result)


def running(clocks: CaseClocks, rules: PolicyRules) -> list[ClockName]:
    """Clocks that run now: started, not stopped, and not stopped by the pause in force."""
    return [name for name in ClockName if clocks[name].running and not _held(clocks, rules, name)]


def _held(clocks: CaseClocks, rules: PolicyRules, name: ClockName) -> bool:
    """Whether the pause in force stops this clock (its rule lets the reason stop it)."""
    if clocks.paused_at is None:
        return False
    rule = rules.rule(name)
    reason = clocks.pause_reason
    return rule is None or reason is None or reason in rule.pausable


def next_due(clocks: CaseClocks, rules: PolicyRules) -> datetime | None:
    """The earliest due time still running. A paused clock does not run late, but a clock
    that was already late when the pause began stays late: a pause does not hide a breach."""
    candidates = [clocks[name].due for name in running(clocks, rules)]
    if clocks.paused_at is not None:
        candidates += [
            state.due
            for name, state in clocks.states.items()
            if state.running
            and state.due is not None
            and state.due < clocks.paused_at
            and _held(clocks, rules, name)
        ]
    return min((due for due in candidates if due is not None), default=None)


def pause(clocks: CaseClocks, rules: PolicyRules, reason: PauseReason, at: datetime) -> CaseClocks:
    """Stop the clocks this reason may stop. Refused when it stops none of the running clocks
    (seed 004 恒康天安 第八条(二): the 15 working days have no exclusions)."""
    if not any(reason in (rules.rule(name) or _NEVER).pausable for name in running(clocks, rules)):
        raise ClockRefused("pause_not_allowed", reason=reason)
    return replace(clocks, paused_at=at, pause_reason=reason)


_NEVER = ClockRule(Period(0, TimeUnit.WORKING_DAYS), StartEvent.RECEIPT)


def unit_of(clocks: CaseClocks, rules: PolicyRules, name: ClockName) -> TimeUnit:
    """The unit a clock counts in (a promise may differ from its policy)."""
    if name is ClockName.RESOLUTION and clocks.resolution_unit is not None:
        return clocks.resolution_unit
    rule = rules.rule(name)
    # A clock the policy no longer has (edited after it started) keeps counting working days.
    return rule.period.unit if rule else TimeUnit.WORKING_DAYS


def resume(
    clocks: CaseClocks, rules: PolicyRules, at: datetime, calendar: WorkCalendar
) -> CaseClocks:
    """End the pause: each clock it stopped moves later by the time lost in its own unit."""
    if clocks.paused_at is None:
        return clocks
    result = clocks
    for name in ClockName:
        state = clocks[name]
        if not state.running or state.due is None or not _held(clocks, rules, name):
            continue
        unit = unit_of(clocks, rules, name)
        moved = _capped(
            clocks,
            name,
            shift_after_pause(
                calendar, state.due, unit=unit, paused_at=clocks.paused_at, resumed_at=at
            ),
            state.started,
        )
        limit = state.limit
        if limit is not None:
            limit = shift_after_pause(
                calendar, limit, unit=unit, paused_at=clocks.paused_at, resumed_at=at
            ).at
        result = result.with_state(name, replace(state, due=moved.at, limit=limit))
        result = replace(result, provisional=result.provisional or moved.provisional)
    return replace(result, paused_at=None, pause_reason=None)


@dataclass(frozen=True)
class Extended:
    clocks: CaseClocks
    step: ExtensionStep | None  # the policy's step used (None: a policy without steps)


def extend_resolution(
    clocks: CaseClocks,
    rules: PolicyRules,
    *,
    by: Period,
    role: Role,
    calendar: WorkCalendar,
) -> Extended:
    """Push the resolution back by `by`, under the rule's next extension step and total cap.

    CBIRC 2020 Order 3: 15 days, to 30 for a complex case, a further 30 with senior approval
    and the customer told, never beyond 60 days in all.
    """
    rule, state = rules.resolution, clocks[ClockName.RESOLUTION]
    if state.due is None or state.stopped is not None:
        raise ClockRefused("no_deadline")
    if not 1 <= by.amount <= FREE_EXTENSION:
        raise ClockRefused("invalid_extension", most=FREE_EXTENSION)
    step = None
    if rule.extensions:
        if clocks.extensions >= len(rule.extensions):
            raise ClockRefused("no_more_extensions", count=len(rule.extensions))
        step = rule.extensions[clocks.extensions]
        if step.approver is not None and not outranks(role, step.approver):
            raise ClockRefused("extension_needs_higher_approval", role=step.approver)
        most = step.period
        if most is not None and (by.unit is not most.unit or by.amount > most.amount):
            raise ClockRefused("extension_too_long", most=step.period)
    moved = extend(calendar, state.due, by)
    if state.limit is not None and moved.at > state.limit:
        raise ClockRefused("extension_beyond_total", total=rule.total_cap, latest=state.limit)
    extended = clocks.with_state(ClockName.RESOLUTION, replace(state, due=moved.at))
    return Extended(
        replace(
            extended,
            extensions=clocks.extensions + 1,
            provisional=clocks.provisional or moved.provisional,
        ),
        step,
    )


def escalation_clocks(clocks: CaseClocks, rules: PolicyRules) -> list[Clock]:
    """The running clocks as the escalation ladder sees them. A set-day clock counts from the
    start of its day, so its warnings do not push the visit before the day the rule sets."""
    result = []
    names = running(clocks, rules)
    for name in names:
        state, rule = clocks[name], rules.rule(name)
        if state.started is None or state.due is None:
            continue
        if _covered(clocks, names, name):
            continue
        started = state.started
        if rule is not None and rule.timing is Timing.SET_DAY:
            started = max(started, datetime.combine(state.due.date(), time(0), state.due.tzinfo))
        result.append(Clock(name.value, started, state.due))
    return result


def _covered(clocks: CaseClocks, names: list[ClockName], name: ClockName) -> bool:
    """An investigation due with the first contact is warned about once, as the contact: the
    same people hold both. Once the contact is made, the investigation warns on its own."""
    contact = clocks[ClockName.FIRST_CONTACT]
    return (
        name is ClockName.INVESTIGATION
        and ClockName.FIRST_CONTACT in names
        and contact.due == clocks[name].due
    )


def met(state: ClockState) -> bool | None:
    """Whether a stopped clock stopped in time (None: still running or never set)."""
    if state.due is None or state.stopped is None:
        return None
    return state.stopped <= state.due
