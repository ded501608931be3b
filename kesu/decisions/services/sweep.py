"""Warnings and 督办 for late co-handling answers, raised like any clock's (R-19).

The deadline sweep of the case book (`kesu.cases.services.escalation.sweep`) cannot see these
tasks: `cases` sits below `decisions` and never imports it. So the decisions app has its own
sweep over its own index (`CoHandlingTask.next_alert_at`), run by the same command
(`manage.py sweep_deadlines`, which lives in this app because it is the highest layer that takes
part: it calls the case sweep, then this one). The ladder, the warning rules and the messages
are the case clocks': the task's assignee (else the assisting department's heads) is told
first, then the assisting department's heads, the supervisor, the manager, the general manager.
A task's raised alerts are kept on the task (`fired`), so a sweep run twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kesu.cases.services.deadlines import calendar_around, ladder_for
from kesu.cases.services.escalation import Staff
from kesu.cases.services.events import EventRow, record_events
from kesu.cases.services.locks import lock_free_cases
from kesu.core.clock import local
from kesu.decisions.models import CoHandlingTask
from kesu.decisions.services.cohandling import ESCALATED, fired_keys
from kesu.decisions.services.notices import people_of
from kesu.domain.cohandling import CO_HANDLING_CLOCK, TaskState
from kesu.domain.escalation import Alert, AlertKind, Clock, Plan, plan
from kesu.domain.vocabulary import Role
from kesu.notify.services import Message, notify_many
from kesu.org.access import authority_of
from kesu.org.models import User
from kesu.org.services import system_user

BATCH = 200


@dataclass
class TaskSweepResult:
    tasks: int = 0
    alerts: int = 0


def sweep_co_handling(*, now: datetime) -> TaskSweepResult:
    """Raise every warning and escalation of open co-handling tasks due at `now`, a batch per
    transaction; rows locked and skipped, so sweepers may run side by side."""
    result = TaskSweepResult()
    system = authority_of(system_user(), now=now)
    while True:
        ids = list(
            CoHandlingTask.objects.filter(next_alert_at__lte=now, state=TaskState.OPEN)
            .order_by("next_alert_at", "id")
            .values_list("id", flat=True)[:BATCH]
        )
        if not ids:
            return result
        with transaction.atomic():
            # Cases first, then their tasks (cases.services.locks): a case someone is writing
            # to is left for the next run, and so are its tasks.
            free = lock_free_cases(
                CoHandlingTask.objects.filter(pk__in=ids).values_list("case_id", flat=True)
            )
            tasks = list(
                CoHandlingTask.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("case", "department", "assignee", "requested_by")
                .filter(pk__in=ids, case_id__in=free, next_alert_at__lte=now, state=TaskState.OPEN)
                .order_by("pk")
            )
            if not tasks:
                return result
            rows, messages = [], []
            staff = Staff(frozenset(Role))
            for task in tasks:
                decided = _plan(task, now)
                raised = decided.due_now if decided else []
                for alert in raised:
                    people = _recipients(task, alert, staff)
                    task.fired = [*(task.fired or []), [*alert.key[:3], alert.due_at.isoformat()]]
                    if alert.kind is AlertKind.ESCALATION:
                        task.escalation_level = max(task.escalation_level, alert.level)
                        rows.append(_event(task, alert, people, now))
                    messages.extend(_messages(task, alert, people))
                result.alerts += len(raised)
                # The plan's next moment at `now` (not the task's whole schedule: a warning
                # whose moment passed after the clock ran out never fires, so it must not be
                # waited for).
                task.next_alert_at = decided.next_at if decided else None
            CoHandlingTask.objects.bulk_update(
                tasks, ["fired", "escalation_level", "next_alert_at"]
            )
            record_events(rows, authority=system)
            notify_many(messages)
            result.tasks += len(tasks)


def _plan(task: CoHandlingTask, now: datetime) -> Plan | None:
    if task.started_at is None or task.due_at is None:
        return None
    clock = Clock(CO_HANDLING_CLOCK, local(task.started_at), local(task.due_at))
    calendar = calendar_around(task.started_at, task.due_at, now)
    return plan(calendar, [clock], ladder_for(task.case), fired_keys(task), now=local(now))


def _recipients(task: CoHandlingTask, alert: Alert, staff: Staff) -> list[User]:
    """Warnings and level 1: the assignee (else the assisting department's heads) and, at
    level 1, the requester; level 2: the assisting department's heads; above: the rung's role."""
    if alert.kind is not AlertKind.ESCALATION or alert.role is None:
        people = people_of(task.department, task.assignee)
        if alert.kind is AlertKind.ESCALATION and task.requested_by not in people:
            people.append(task.requested_by)
        return people
    if alert.role is Role.DEPARTMENT_HEAD:
        return staff.heads_over(task.department.path) or staff.supervisors()
    return staff.by_role[alert.role]


def _event(task: CoHandlingTask, alert: Alert, people: list[User], now: datetime) -> EventRow:
    return EventRow(
        case=task.case,
        action=ESCALATED,
        at=now,
        role=Role.SUPERVISOR,
        data={
            "task": task.pk,
            "department": task.department.name,
            "level": alert.level,
            "due_at": local(alert.due_at).isoformat(),
            "recipients": [person.username for person in people],
        },
    )


def _messages(task: CoHandlingTask, alert: Alert, people: list[User]) -> list[Message]:
    template = {
        AlertKind.WARNING_SHARE: "deadline_warning",
        AlertKind.WARNING_DAY_BEFORE: "deadline_warning",
        AlertKind.ESCALATION: "deadline_overdue" if alert.level <= 1 else "deadline_escalation",
    }[alert.kind]
    with translation.override(settings.LANGUAGE_CODE):
        clock = _("co-handling answer (%(department)s)") % {"department": task.department.name}
    key = f"co_handling_alert:{task.pk}:{alert.kind}:{alert.level}:{alert.due_at.isoformat()}"
    return [
        Message(
            template=template,
            dedupe_key=f"{key}:{person.pk}",
            context={
                "number": task.case.number,
                "due": alert.due_at,
                "clock": clock,
                "clock_code": CO_HANDLING_CLOCK,
                "level": alert.level,
                "staff_name": str(person),
            },
            case=task.case,
            recipient=person,
            channels=("in_app", "email"),
        )
        for person in people
    ]
