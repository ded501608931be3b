"""Computing a case's due times from its deadline policy and the stored calendar."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from django.db.models import Q
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.core.clock import local
from kesu.core.errors import ServiceError
from kesu.deadlines.models import CaseAlert, DeadlinePolicy, rules_of
from kesu.deadlines.services import escalation_ladder, policy_for, work_calendar
from kesu.domain import clocks as domain_clocks
from kesu.domain.calendars import WorkCalendar
from kesu.domain.clocks import CaseClocks, ClockName, ClockState, PolicyRules
from kesu.domain.deadlines import Period, extend
from kesu.domain.errors import InvalidDuration
from kesu.domain.escalation import Clock, Ladder, plan
from kesu.domain.vocabulary import Action, CaseKind, Role, Severity, State, TimeUnit
from kesu.domain.workflow import OPEN_BEFORE_CLOSURE
from kesu.org.access import holding
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME


def matching_policy(case: Case) -> DeadlinePolicy | None:
    return policy_for(
        kind=CaseKind(case.kind),
        severity=Severity(case.severity),
        category_path=case.category.path if case.category else None,
        channel=case.channel,
    )


def rules(case: Case) -> PolicyRules:
    """The case's clock rules: its policy's, else the platform default."""
    return rules_of(case.policy)


def calendar_around(*moments: datetime | None) -> WorkCalendar:
    years = [local(m).year for m in moments if m is not None]
    return work_calendar(range(min(years), max(years) + 1) if years else [])


@contextmanager
def counted() -> Iterator[None]:
    """A rule the engine cannot count (an amount typed wrong into a policy) refuses the step
    with a message for the administrator, instead of failing the request."""
    try:
        yield
    except InvalidDuration as error:
        raise ServiceError(
            "policy_amount_invalid",
            _(
                "A deadline policy has an amount that cannot be counted (%(amount)s); "
                "the administrator must correct it on the deadline policies page."
            )
            % {"amount": error.amount},
        ) from error


def start_clocks(case: Case, *, promised: Period | None = None) -> None:
    """Start the clocks whose start event has happened (call after recording an event)."""
    events = case.event_times()
    with counted():
        clocks = domain_clocks.start_clocks(
            case.clocks(),
            rules(case),
            events,
            calendar_around(events.receipt, events.acceptance, events.delivery),
            promised=promised,
        )
    case.apply(clocks)


def set_acceptance_due(case: Case) -> None:
    """At registration: the acceptance clock (and any clock counted from receipt)."""
    start_clocks(case)


def restart_resolution(case: Case, *, now: datetime) -> None:
    """A case back with the department (customer not satisfied, reopened) gets a fresh
    resolution period from `now` under its policy; the old due time stays in the history."""
    with counted():
        clocks = domain_clocks.restart(case.clocks(), rules(case), local(now), calendar_around(now))
    case.apply(clocks)


def stop_clock(case: Case, name: ClockName, *, now: datetime) -> None:
    case.apply(domain_clocks.stop(case.clocks(), name, local(now)))


def recalculate(case: Case) -> None:
    """Due times again from the policy that matches now and the stored calendar as it is now
    (after next year's 调休 was published, or a policy was corrected). Extensions granted in the
    current resolution period still count (people decided them, not the policy)."""
    case.policy = matching_policy(case)
    previous = case.clocks()
    fresh = CaseClocks(
        states={name: ClockState(stopped=state.stopped) for name, state in previous.states.items()},
        paused_at=previous.paused_at,
        pause_reason=previous.pause_reason,
        external_due=previous.external_due,
    )
    case.apply(fresh)
    answered_at, visited_at = case.answered_at, case.return_visited_at
    case.answered_at = None  # the resolution clock starts again before the answer stops it
    start_clocks(case)
    returned = _last_return(case)
    if returned is not None:
        restart_resolution(case, now=returned)
    _reapply_extensions(case, since=returned or case.accepted_at)
    case.answered_at, case.return_visited_at = answered_at, visited_at
    if answered_at is not None:
        start_clocks(case)


def _last_return(case: Case) -> datetime | None:
    """When the case last came back to the department (its resolution clock restarted)."""
    back = case.events.filter(
        Q(action__in=(Action.NOT_SATISFIED, Action.REOPEN))
        | Q(action=Action.LOG_CONTACT, from_state=State.PROVISIONALLY_CLOSED)
    )
    moment: datetime | None = back.order_by("-at").values_list("at", flat=True).first()
    return moment


def _reapply_extensions(case: Case, *, since: datetime | None) -> None:
    if since is None or case.resolution_due is None:
        return
    granted = case.events.filter(action=Action.EXTEND_DEADLINE, at__gte=since).order_by("at", "id")
    clocks = case.clocks()
    calendar = calendar_around(case.resolution_due)
    for event in granted:
        amount, unit = event.data.get("extension_amount"), event.data.get("extension_unit")
        state = clocks[ClockName.RESOLUTION]
        if not amount or state.due is None:
            continue
        moved = extend(calendar, state.due, Period(int(amount), TimeUnit(unit)))
        clocks = replace(
            clocks.with_state(ClockName.RESOLUTION, replace(state, due=moved.at)),
            extensions=clocks.extensions + 1,
        )
    case.apply(clocks)


#: States in which clocks run (not finished, not provisionally closed).
RUNNING: frozenset[State] = OPEN_BEFORE_CLOSURE

#: Clocks the front office owns: the receiver (intake agent), else the complaint supervisors.
FRONT_OFFICE_CLOCKS = frozenset({ClockName.ACCEPTANCE, ClockName.RETURN_VISIT})


def open_clocks(case: Case) -> list[ClockName]:
    """The clocks started and not yet stopped (paused ones included)."""
    clocks = case.clocks()
    return [name for name in ClockName if clocks[name].running]


def next_due(case: Case) -> datetime | None:
    """The earliest running due time: what overdue lists and sweeps scan (indexed). None when
    the case is finished; see `kesu.domain.clocks.next_due` for pauses."""
    if case.state not in RUNNING:
        return None
    return domain_clocks.next_due(case.clocks(), rules(case))


def ladder_for(case: Case) -> Ladder:
    return escalation_ladder("major" if case.severity == Severity.MAJOR else "standard")


def clocks_of(case: Case) -> list[Clock]:
    """The case's running clocks with their start and due moments, as the ladder sees them."""
    if case.state not in RUNNING:
        return []
    return domain_clocks.escalation_clocks(case.clocks(), rules(case))


def fired_alerts(case: Case) -> list[tuple[str, str, int, datetime]]:
    return [
        (a.clock, a.kind, a.level, local(a.due_at))
        for a in CaseAlert.objects.filter(case=case).only("clock", "kind", "level", "due_at")
    ]


def next_alert_at(case: Case) -> datetime | None:
    """When the sweep should next look at `case` (kept by every service that changes clocks)."""
    clocks = clocks_of(case)
    if not clocks:
        return None
    calendar = work_calendar({c.due_at.year for c in clocks} | {c.started_at.year for c in clocks})
    fired = fired_alerts(case) if case.pk else []
    upcoming = plan(
        calendar, clocks, ladder_for(case), fired, now=min(c.started_at for c in clocks)
    )
    candidates = [a.at for a in upcoming.due_now]
    if upcoming.next_at:
        candidates.append(upcoming.next_at)
    return min(candidates, default=None)


class StaffDirectory(Protocol):
    """Active staff already read (the sweep reads them once per batch): department heads of a
    department and the complaint supervisors."""

    def heads_over(self, path: str, *, exact: bool = False) -> list[User]: ...

    def supervisors(self) -> list[User]: ...


def owners(case: Case, clock: str, staff: StaffDirectory | None = None) -> list[User]:
    """Who owns a clock: the receiver for acceptance and the return visit (seed 000: the hotline
    agent who took the call re-contacts the customer); the handler, else the department's heads
    for the others; a case nobody holds belongs to the complaint supervisors. With `staff`,
    heads and supervisors come from it instead of the database."""
    department = case.assigned_department
    if clock in FRONT_OFFICE_CLOCKS:
        candidates = [case.receiver] if case.receiver.is_active else []
    elif case.handler is not None and case.handler.is_active:
        candidates = [case.handler]
    elif department is not None and staff is not None:
        candidates = staff.heads_over(department.path, exact=True)
    elif department is not None:
        candidates = list(
            User.objects.filter(
                holding({Role.DEPARTMENT_HEAD}), is_active=True, department=department
            )
        )
    else:
        candidates = []
    if candidates:
        return candidates
    if staff is not None:
        return staff.supervisors()
    return list(
        User.objects.filter(holding({Role.SUPERVISOR}), is_active=True).exclude(
            username=SYSTEM_USERNAME
        )
    )
