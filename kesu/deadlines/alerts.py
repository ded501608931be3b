"""Warnings and escalations 督办 for running clocks (R-19), and the sweep that raises them.

Each case stores `next_alert_at`, the next moment the escalation plan has something to say;
the sweep selects `next_alert_at <= now` through its index, so a million open cases cost the
sweep only the few that are due. Every alert is a `CaseAlert` row with a unique key, written
in the same transaction as its notifications: a sweep killed half-way and started again
neither loses an alert nor sends one twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from kesu.cases.models import ESCALATE, Case
from kesu.cases.services.deadlines import clocks_of, fired_alerts, ladder_for, owners
from kesu.cases.services.events import record_event
from kesu.core.clock import local
from kesu.core.labels import CLOCK_LABELS
from kesu.deadlines.models import CaseAlert
from kesu.deadlines.services import work_calendar
from kesu.domain.escalation import Alert, AlertKind, plan
from kesu.domain.vocabulary import Role
from kesu.notify.services import notify
from kesu.org.access import Authority, authority_of
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME, system_user

BATCH = 200


@dataclass
class SweepResult:
    cases: int = 0
    alerts: int = 0


def sweep(*, now: datetime, limit: int | None = None) -> SweepResult:
    """Raise every warning and escalation due at `now`. Safe to run on several workers at once
    (rows are locked and skipped) and to run again after an interruption."""
    result = SweepResult()
    system = authority_of(system_user(), now=now)  # escalations are recorded as the system
    while True:
        ids = list(
            Case.objects.filter(next_alert_at__lte=now)
            .order_by("next_alert_at", "id")
            .values_list("id", flat=True)[:BATCH]
        )
        if not ids:
            return result
        progressed = False
        for case_id in ids:
            raised = _process(case_id, now, system)
            if raised is not None:
                progressed = True
                result.cases += 1
                result.alerts += raised
            if limit is not None and result.cases >= limit:
                return result
        if not progressed:
            return result  # every due case is locked by another worker


def _process(case_id: int, now: datetime, system: Authority) -> int | None:
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("assigned_department", "handler", "receiver")
            .filter(pk=case_id, next_alert_at__lte=now)
            .first()
        )
        if case is None:
            return None
        clocks = clocks_of(case)
        calendar = work_calendar({local(now).year - 1, local(now).year})
        decided = plan(calendar, clocks, ladder_for(case), fired_alerts(case), now=local(now))
        for alert in decided.due_now:
            _raise(case, alert, now, system)
        case.next_alert_at = decided.next_at
        case.save(update_fields=["next_alert_at"])
        return len(decided.due_now)


def _raise(case: Case, alert: Alert, now: datetime, system: Authority) -> None:
    people = recipients(case, alert)
    record = CaseAlert.objects.create(
        case=case,
        clock=alert.clock,
        kind=alert.kind,
        level=alert.level,
        due_at=alert.due_at,
        fired_at=now,
        recipients=[user.username for user in people],
    )
    _announce(case, alert, record, people)
    if alert.kind is AlertKind.ESCALATION:
        # 督办 is part of the case's record: who was told, at which level, about which clock.
        record_event(
            case=case,
            authority=system,
            action=ESCALATE,
            at=now,
            role=Role.SUPERVISOR,
            data={
                "clock": alert.clock,
                "level": alert.level,
                "due_at": local(alert.due_at).isoformat(),
                "recipients": record.recipients,
            },
        )


def recipients(case: Case, alert: Alert) -> list[User]:
    """Who hears of an alert: warnings and the first escalation go to the case's owner; higher
    levels to the role of their rung (department heads of the case's department)."""
    if alert.kind is not AlertKind.ESCALATION or alert.role is None:
        return owners(case, alert.clock)
    active = User.objects.filter(is_active=True, role=alert.role).exclude(username=SYSTEM_USERNAME)
    if alert.role is Role.DEPARTMENT_HEAD:
        department = case.assigned_department
        if department is None:
            return list(
                User.objects.filter(is_active=True, role=Role.SUPERVISOR).exclude(
                    username=SYSTEM_USERNAME
                )
            )
        ancestors = [p for p in department.path.strip("/").split("/") if p]
        return list(active.filter(department_id__in=[int(p) for p in ancestors]))
    return list(active)


def _announce(case: Case, alert: Alert, record: CaseAlert, people: list[User]) -> None:
    """Tell each recipient (in-app and e-mail), once per alert, in this same transaction."""
    template = {
        AlertKind.WARNING_SHARE: "deadline_warning",
        AlertKind.WARNING_DAY_BEFORE: "deadline_warning",
        AlertKind.ESCALATION: "deadline_overdue" if alert.level <= 1 else "deadline_escalation",
    }[alert.kind]
    with translation.override(settings.LANGUAGE_CODE):  # the language messages are written in
        clock_name = str(CLOCK_LABELS[alert.clock])
    context: dict[str, Any] = {
        "number": case.number,
        "due": alert.due_at,
        "clock": clock_name,
        "level": alert.level,
    }
    for person in people:
        notify(
            template=template,
            dedupe_key=f"alert:{record.pk}:{person.pk}",
            context=context | {"staff_name": str(person)},
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )
