"""Computing a case's due times from its deadline policy and the stored calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.core.clock import local
from kesu.core.errors import ServiceError
from kesu.deadlines.models import CaseAlert, DeadlinePolicy
from kesu.deadlines.services import escalation_ladder, policy_for, work_calendar
from kesu.domain.deadlines import ClockRule, DueMoment, due_moment
from kesu.domain.errors import InvalidDuration
from kesu.domain.escalation import Clock, Ladder, plan
from kesu.domain.vocabulary import CaseKind, Role, Severity, State, TimeUnit
from kesu.domain.workflow import OPEN_BEFORE_CLOSURE
from kesu.org.access import holding
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME

FALLBACK = ClockRule(15, TimeUnit.WORKING_DAYS)


def matching_policy(case: Case) -> DeadlinePolicy | None:
    return policy_for(
        kind=CaseKind(case.kind),
        severity=Severity(case.severity),
        category_path=case.category.path if case.category else None,
        channel=case.channel,
    )


def due_for(rule: ClockRule, start: datetime) -> DueMoment:
    """When a clock under `rule` started at `start` (local time) runs out. A rule the engine
    cannot count (an amount typed wrong into a policy) refuses the step with a message for the
    administrator, instead of failing the request."""
    start_local = local(start)
    calendar = work_calendar([start_local.year])
    try:
        return due_moment(calendar, rule, start_local)
    except InvalidDuration as error:
        raise ServiceError(
            "policy_amount_invalid",
            _(
                "A deadline policy has an amount that cannot be counted (%(amount)s); "
                "the administrator must correct it on the deadline policies page."
            )
            % {"amount": rule.amount},
        ) from error


def set_acceptance_due(case: Case) -> None:
    policy = case.policy
    rule = policy.acceptance if policy else ClockRule(1, TimeUnit.WORKING_DAYS)
    due = due_for(rule, case.received_at)
    case.acceptance_due, case.due_provisional = due.at, due.provisional


def set_handling_dues(
    case: Case, *, accepted_at: datetime, promised: ClockRule | None = None
) -> None:
    """First-contact, investigation and resolution due times counted from acceptance (R-18)."""
    policy = case.policy
    contact_rule = policy.first_contact if policy else ClockRule(7, TimeUnit.WORKING_DAYS)
    resolution_rule = promised or (policy.resolution if policy else FALLBACK)
    contact = due_for(contact_rule, accepted_at)
    resolution = due_for(resolution_rule, accepted_at)
    # A promise shorter than the contact rule means contacting by the promised day at the latest.
    case.first_contact_due = min(contact.at, resolution.at)
    investigation_rule = policy.investigation if policy else None
    investigation = due_for(investigation_rule, accepted_at) if investigation_rule else None
    # Findings come before the answer: never later than the resolution due time.
    case.investigation_due = min(investigation.at, resolution.at) if investigation else None
    case.resolution_due = resolution.at
    case.resolution_unit = resolution_rule.unit
    case.resolution_started_at = accepted_at
    case.due_provisional = (
        contact.provisional
        or resolution.provisional
        or bool(investigation and investigation.provisional)
    )


def start_return_visit(case: Case, *, answered_at: datetime) -> None:
    """The answer (or the department's feedback) starts the return-visit clock 回访 (R-15): the
    intake agent re-contacts the customer to confirm satisfaction. A policy without a return
    visit (or no policy) gives no clock."""
    rule = case.policy.return_visit if case.policy else None
    case.return_visited_at = None
    if rule is None:
        case.return_visit_due = None
        return
    due = due_for(rule, answered_at)
    case.return_visit_due = due.at
    case.due_provisional = case.due_provisional or due.provisional


def record_return_visit(case: Case, *, now: datetime) -> None:
    """The customer was re-contacted about the answer (satisfied or not): the clock stops."""
    if case.return_visit_due is not None and case.return_visited_at is None:
        case.return_visited_at = now


def restart_resolution(case: Case, *, now: datetime) -> None:
    """A case back with the department (customer not satisfied, reopened) gets a fresh
    resolution period from `now` under its policy; the old due time stays in the history."""
    rule = case.policy.resolution if case.policy else FALLBACK
    due = due_for(rule, now)
    case.answered_at = None
    if case.return_visited_at is None:
        case.return_visit_due = None  # back with the department: no visit about the old answer
    case.resolution_due = due.at
    case.resolution_unit = rule.unit
    case.resolution_started_at = now
    # A first contact or an investigation still outstanding starts again from now as well
    # (never later than the new resolution due time): left at its old due time, a case back
    # from a provisional closure would be overdue at once and escalate every level together.
    policy = case.policy
    steps = (
        ("first_contact", policy.first_contact if policy else ClockRule(7, TimeUnit.WORKING_DAYS)),
        ("investigation", policy.investigation if policy else None),
    )
    for clock, clock_rule in steps:
        if getattr(case, f"{clock}_due") is None or clock_rule is None:
            continue
        stopped = case.first_contact_at if clock == "first_contact" else case.investigated_at
        if stopped is None:
            setattr(case, f"{clock}_due", min(due_for(clock_rule, now).at, due.at))
    case.due_provisional = case.due_provisional or due.provisional


def unit_of(case: Case, clock: str) -> TimeUnit:
    """The unit a clock counts in (pauses move it by time lost in that unit)."""
    if clock == "resolution_due" and case.resolution_unit:
        return TimeUnit(case.resolution_unit)
    policy = case.policy
    if policy is None:
        return TimeUnit.WORKING_DAYS
    rule = {
        "acceptance_due": policy.acceptance,
        "first_contact_due": policy.first_contact,
        "investigation_due": policy.investigation,
        "resolution_due": policy.resolution,
        "return_visit_due": policy.return_visit,
    }[clock]
    # A clock the policy no longer has (edited after it started) keeps counting working days.
    return rule.unit if rule else TimeUnit.WORKING_DAYS


#: States in which clocks run (not finished, not provisionally closed).
RUNNING: frozenset[State] = OPEN_BEFORE_CLOSURE

#: The clocks a case carries, and the moment that stops each.
CLOCKS = (
    ("acceptance_due", "accepted_at"),
    ("first_contact_due", "first_contact_at"),
    ("investigation_due", "investigated_at"),
    ("resolution_due", "answered_at"),
    ("return_visit_due", "return_visited_at"),
)

#: Clocks the front office owns: the receiver (intake agent), else the complaint supervisors.
FRONT_OFFICE_CLOCKS = frozenset({"acceptance", "return_visit"})


def open_clocks(case: Case) -> list[str]:
    """The due-time fields whose clocks still run (their stopping event has not happened)."""
    return [due for due, stop in CLOCKS if getattr(case, due) and getattr(case, stop) is None]


def next_due(case: Case) -> datetime | None:
    """The earliest running due time: what overdue lists and sweeps scan (indexed).

    None when the case is finished, or paused in time — a paused clock does not run late. A
    case that was already late when paused stays late: pausing does not hide an overdue case.
    """
    if case.state not in RUNNING:
        return None
    earliest = min((getattr(case, clock) for clock in open_clocks(case)), default=None)
    paused_at = case.clock_paused_at
    if paused_at is not None and (earliest is None or earliest >= paused_at):
        return None
    return earliest


def ladder_for(case: Case) -> Ladder:
    return escalation_ladder("major" if case.severity == Severity.MAJOR else "standard")


def clocks_of(case: Case) -> list[Clock]:
    """The case's running clocks with their start and due moments (none while paused)."""
    if case.state not in RUNNING or case.clock_paused_at is not None:
        return []
    starts = {
        "acceptance_due": case.received_at,
        "first_contact_due": case.accepted_at,
        "investigation_due": case.accepted_at,
        "resolution_due": case.resolution_started_at or case.accepted_at,
        "return_visit_due": case.answered_at,
    }
    clocks = []
    for field in open_clocks(case):
        started = starts[field]
        if started is not None:
            clocks.append(
                Clock(field.removesuffix("_due"), local(started), local(getattr(case, field)))
            )
    return clocks


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
