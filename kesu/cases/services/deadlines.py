"""Computing a case's due times from its deadline policy and the stored calendar."""

from __future__ import annotations

from datetime import datetime

from kesu.cases.models import Case
from kesu.core.clock import local
from kesu.deadlines.models import DeadlinePolicy
from kesu.deadlines.services import policy_for, work_calendar
from kesu.domain.deadlines import ClockRule, DueMoment, due_moment
from kesu.domain.vocabulary import CaseKind, Severity, State, TimeUnit
from kesu.domain.workflow import OPEN_BEFORE_CLOSURE

FALLBACK = ClockRule(15, TimeUnit.WORKING_DAYS)


def matching_policy(case: Case) -> DeadlinePolicy | None:
    return policy_for(
        kind=CaseKind(case.kind),
        severity=Severity(case.severity),
        category_path=case.category.path if case.category else None,
    )


def due_for(rule: ClockRule, start: datetime) -> DueMoment:
    """When a clock under `rule` started at `start` (local time) runs out."""
    start_local = local(start)
    calendar = work_calendar([start_local.year])
    return due_moment(calendar, rule, start_local)


def set_acceptance_due(case: Case) -> None:
    policy = case.policy
    rule = policy.acceptance if policy else ClockRule(1, TimeUnit.WORKING_DAYS)
    due = due_for(rule, case.received_at)
    case.acceptance_due, case.due_provisional = due.at, due.provisional


def set_handling_dues(
    case: Case, *, accepted_at: datetime, promised: ClockRule | None = None
) -> None:
    """First-contact and resolution due times counted from acceptance (R-18)."""
    policy = case.policy
    contact_rule = policy.first_contact if policy else ClockRule(7, TimeUnit.WORKING_DAYS)
    resolution_rule = promised or (policy.resolution if policy else FALLBACK)
    contact = due_for(contact_rule, accepted_at)
    resolution = due_for(resolution_rule, accepted_at)
    # A promise shorter than the contact rule means contacting by the promised day at the latest.
    case.first_contact_due = min(contact.at, resolution.at)
    case.resolution_due = resolution.at
    case.resolution_unit = resolution_rule.unit
    case.due_provisional = contact.provisional or resolution.provisional


def restart_resolution(case: Case, *, now: datetime) -> None:
    """A case back with the department (customer not satisfied, reopened) gets a fresh
    resolution period from `now` under its policy; the old due time stays in the history."""
    rule = case.policy.resolution if case.policy else FALLBACK
    due = due_for(rule, now)
    case.answered_at = None
    case.resolution_due = due.at
    case.resolution_unit = rule.unit
    case.due_provisional = case.due_provisional or due.provisional


def unit_of(case: Case, clock: str) -> TimeUnit:
    """The unit a clock counts in (pauses move it by time lost in that unit)."""
    if clock == "resolution_due" and case.resolution_unit:
        return TimeUnit(case.resolution_unit)
    policy = case.policy
    if policy is None:
        return TimeUnit.WORKING_DAYS
    return {
        "acceptance_due": policy.acceptance,
        "first_contact_due": policy.first_contact,
        "resolution_due": policy.resolution,
    }[clock].unit


#: States in which clocks run (not finished, not provisionally closed).
RUNNING: frozenset[State] = OPEN_BEFORE_CLOSURE

#: The three clocks a case carries, and the moment that stops each.
CLOCKS = (
    ("acceptance_due", "accepted_at"),
    ("first_contact_due", "first_contact_at"),
    ("resolution_due", "answered_at"),
)


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
