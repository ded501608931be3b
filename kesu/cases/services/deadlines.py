"""Computing a case's due times from its deadline policy and the stored calendar."""

from __future__ import annotations

from datetime import datetime

from kesu.cases.models import Case
from kesu.core.clock import local
from kesu.deadlines.models import DeadlinePolicy
from kesu.deadlines.services import policy_for, work_calendar
from kesu.domain.deadlines import ClockRule, DueMoment, due_moment
from kesu.domain.vocabulary import CaseKind, Severity, TimeUnit

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
    case.first_contact_due = contact.at
    case.resolution_due = resolution.at
    case.due_provisional = contact.provisional or resolution.provisional


def unit_of(case: Case, clock: str) -> TimeUnit:
    policy = case.policy
    if policy is None:
        return TimeUnit.WORKING_DAYS
    return {
        "acceptance_due": policy.acceptance,
        "first_contact_due": policy.first_contact,
        "resolution_due": policy.resolution,
    }[clock].unit
