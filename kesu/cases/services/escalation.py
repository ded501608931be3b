"""Warnings and escalations 督办 for running clocks (R-19), and the sweep that raises them.

Each case stores `next_alert_at`, the next moment the escalation plan has something to say;
the sweep selects `next_alert_at <= now` through its index, so a million open cases cost the
sweep only the few that are due. Every alert is a `CaseAlert` row with a unique key, written
in the same transaction as its notifications and history events: a sweep killed half-way and
started again neither loses an alert nor sends one twice.

Due cases are handled a batch at a time: one transaction locks the batch's rows, reads their
fired alerts and the staff who may hear of them, and writes alerts, notifications, events and
the new `next_alert_at` with one bulk statement each — a constant number of queries per batch,
not a handful per case.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from kesu.cases.models import ESCALATE, Case
from kesu.cases.services.deadlines import FRONT_OFFICE_CLOCKS, clocks_of, ladder_for, owners
from kesu.cases.services.events import EventRow, record_events
from kesu.core.clock import local
from kesu.core.labels import CLOCK_LABELS
from kesu.deadlines.models import CaseAlert
from kesu.deadlines.services import work_calendar
from kesu.domain.calendars import WorkCalendar
from kesu.domain.escalation import Alert, AlertKind, plan
from kesu.domain.permissions import GRANTS, Permission
from kesu.domain.vocabulary import Role
from kesu.notify.services import Message, notify_many
from kesu.org.access import Authority, authority_of, holding, roles_held
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME, system_user

#: Due cases per transaction; `KESU_SWEEP_BATCH` overrides it (smaller: shorter row locks).
BATCH = 200
#: Roles that own a clock when its usual owner is missing (see `cases.services.deadlines.owners`).
OWNING_ROLES = GRANTS[Permission.OWN_UNHELD_CASES]


@dataclass
class SweepResult:
    cases: int = 0
    alerts: int = 0


def sweep(*, now: datetime, limit: int | None = None) -> SweepResult:
    """Raise every warning and escalation due at `now`. Safe to run on several workers at once
    (rows are locked and skipped) and to run again after an interruption (a batch commits whole
    or not at all; `limit` stops after that many cases, as a killed worker would)."""
    result = SweepResult()
    system = authority_of(system_user(), now=now)  # escalations are recorded as the system
    calendar = work_calendar({local(now).year - 1, local(now).year})
    while True:
        batch = int(os.environ.get("KESU_SWEEP_BATCH", BATCH))
        size = batch if limit is None else min(batch, limit - result.cases)
        if size <= 0:
            return result
        ids = list(
            Case.objects.filter(next_alert_at__lte=now)
            .order_by("next_alert_at", "id")
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return result
        cases, alerts = _process(ids, now, system, calendar)
        if cases == 0:
            return result  # every due case is locked by another worker
        result.cases += cases
        result.alerts += alerts


class Staff:
    """The active staff an alert may go to, read once per batch (one query) instead of once per
    alert: by role, with their department path for "heads of this department or above"."""

    def __init__(self, roles: set[Role] | frozenset[Role]) -> None:
        users = (
            User.objects.filter(holding(roles | OWNING_ROLES), is_active=True)
            .exclude(username=SYSTEM_USERNAME)
            .select_related("department")
            .prefetch_related("extra_roles")
            .order_by("pk")
        )
        self.by_role: dict[str, list[User]] = defaultdict(list)
        for user in users:  # everyone under each role they hold, primary or further
            for role in roles_held(user, [r.role for r in user.extra_roles.all()]):
                self.by_role[role].append(user)

    def supervisors(self) -> list[User]:
        return self.by_role[Role.SUPERVISOR]

    def heads_over(self, path: str, *, exact: bool = False) -> list[User]:
        """Department heads of the department at `path` (and, unless `exact`, its ancestors)."""
        return [
            user
            for user in self.by_role[Role.DEPARTMENT_HEAD]
            if user.department is not None
            and (user.department.path == path if exact else path.startswith(user.department.path))
        ]


def _process(
    ids: list[int], now: datetime, system: Authority, calendar: WorkCalendar
) -> tuple[int, int]:
    """One batch in one transaction; returns (cases handled, alerts raised)."""
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("assigned_department", "handler", "receiver__department", "policy")
            .filter(pk__in=ids, next_alert_at__lte=now)
            .order_by("pk")
        )
        if not cases:
            return 0, 0
        fired: dict[int, list[tuple[str, str, int, datetime]]] = defaultdict(list)
        rows = CaseAlert.objects.filter(case__in=cases).values_list(
            "case_id", "clock", "kind", "level", "due_at"
        )
        for case_id, clock, kind, level, due_at in rows:
            fired[case_id].append((clock, kind, level, local(due_at)))
        raised: list[tuple[Case, Alert]] = []
        for case in cases:
            decided = plan(
                calendar, clocks_of(case), ladder_for(case), fired[case.pk], now=local(now)
            )
            raised.extend((case, alert) for alert in decided.due_now)
            case.next_alert_at = decided.next_at
        if raised:
            _raise(raised, now, system)
        Case.objects.bulk_update(cases, ["next_alert_at"])
        return len(cases), len(raised)


def _raise(raised: list[tuple[Case, Alert]], now: datetime, system: Authority) -> None:
    """Record the alerts, tell their recipients and put each escalation on the case's record."""
    staff = Staff({alert.role for _case, alert in raised if alert.role is not None})
    told = [recipients(case, alert, staff) for case, alert in raised]
    records = CaseAlert.objects.bulk_create(
        CaseAlert(
            case=case,
            clock=alert.clock,
            kind=alert.kind,
            level=alert.level,
            due_at=alert.due_at,
            fired_at=now,
            recipients=[user.username for user in people],
        )
        for (case, alert), people in zip(raised, told, strict=True)
    )
    notify_many(
        [
            message
            for (case, alert), record, people in zip(raised, records, told, strict=True)
            for message in _messages(case, alert, record, people)
        ]
    )
    # 督办 is part of the case's record: who was told, at which level, about which clock.
    record_events(
        [
            EventRow(
                case=case,
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
            for (case, alert), record in zip(raised, records, strict=True)
            if alert.kind is AlertKind.ESCALATION
        ],
        authority=system,
    )


def recipients(case: Case, alert: Alert, staff: Staff | None = None) -> list[User]:
    """Who hears of an alert: warnings and the first escalation go to the clock's owner; higher
    levels to the role of their rung. Department heads are those of the case's department and
    above — for the front office's clocks (acceptance, return visit) the receiver's department,
    for the others the responsible department; with no such head, the complaint supervisors."""
    staff = staff or Staff({alert.role} if alert.role else set())
    front_office = alert.clock in FRONT_OFFICE_CLOCKS
    if alert.kind is not AlertKind.ESCALATION or alert.role is None:
        return owners(case, alert.clock, staff)
    if alert.role is Role.DEPARTMENT_HEAD:
        department = case.receiver.department if front_office else case.assigned_department
        heads = staff.heads_over(department.path) if department is not None else []
        return heads or staff.supervisors()
    return staff.by_role[alert.role]


def _messages(case: Case, alert: Alert, record: CaseAlert, people: list[User]) -> list[Message]:
    """One in-app and e-mail message per recipient, keyed by the alert so it is sent once."""
    template = {
        AlertKind.WARNING_SHARE: "deadline_warning",
        AlertKind.WARNING_DAY_BEFORE: "deadline_warning",
        AlertKind.ESCALATION: "deadline_overdue" if alert.level <= 1 else "deadline_escalation",
    }[alert.kind]
    external_due = case.clocks().external_due  # a regulator's reply-due date (kesu/imports)
    with translation.override(settings.LANGUAGE_CODE):  # the language messages are written in
        clock_name = str(CLOCK_LABELS[alert.clock])
        if external_due is not None and alert.due_at == external_due:
            # The regulator's date is the one running: the warning says whose date it is.
            clock_name = gettext("%(clock)s, the regulator's reply-due date") % {
                "clock": clock_name
            }
    context: dict[str, Any] = {
        "number": case.number,
        "due": alert.due_at,
        "clock": clock_name,
        "clock_code": alert.clock,  # the 督办 text says what is outstanding on this clock
        "level": alert.level,
    }
    return [
        Message(
            template=template,
            dedupe_key=f"alert:{record.pk}:{person.pk}",
            context=context | {"staff_name": str(person)},
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )
        for person in people
    ]
