"""Co-handling 协办 (seed 004 第六条): the lead department's handler asks another department
for an opinion, expertise or action; the supervisor approves where the policy says so; the
assisting department answers on the 协办记录表 within its own clock (5 working days preset).

Each writer runs in one transaction with the case row locked and writes its history event on
the case (`record_event`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Attachment, Case
from kesu.cases.services.deadlines import calendar_around, counted, ladder_for
from kesu.cases.services.events import record_event
from kesu.core.clock import local
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.decisions.models import CoHandlingTask
from kesu.decisions.routing import Step, approval_permission, approver_for
from kesu.decisions.services import common
from kesu.decisions.services.notices import tell_task_opened
from kesu.domain.cohandling import CO_HANDLING_CLOCK, CO_HANDLING_PERIOD, TaskState
from kesu.domain.deadlines import Period, due_moment
from kesu.domain.escalation import Clock, plan
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import TimeUnit
from kesu.org.access import Authority

REQUESTED = "co_handling_requested"
APPROVED = "co_handling_approved"
REFUSED = "co_handling_refused"
ANSWERED = "co_handling_answered"
ESCALATED = "co_handling_escalated"
MAX_SHARED = 50


@dataclass(frozen=True)
class CoHandlingInput:
    """A co-handling request as the form or API sends it."""

    department: str
    request: str
    assignee: str = ""
    attachments: tuple[int, ...] = field(default_factory=tuple)
    legal_opinion: bool = False


def period_for(case: Case) -> Period:
    """The answer's clock: the case policy's co-handling period, else seed 004's 5 working
    days."""
    policy = case.policy
    if policy is None or not policy.co_handling_amount:
        return CO_HANDLING_PERIOD
    return Period(policy.co_handling_amount, TimeUnit(policy.co_handling_unit))


def request_co_handling(
    *, case_id: int, authority: Authority, data: CoHandlingInput, now: datetime
) -> CoHandlingTask:
    """Ask another department to assist. Refused with 403 when the role may not ask on this
    case, 409 when the case is closed or that department already holds an open task, 400 for
    bad input. With no approval needed (policy, or the requester is an approver) the task
    opens at once and its clock starts."""
    with transaction.atomic():
        case = common.locked_case(case_id)
        common.allowed(
            authority, Permission.REQUEST_CO_HANDLING, case.assigned_department, case.handler_id
        )
        common.require_open(case)
        assisting = common.department(data.department)
        if case.assigned_department_id == assisting.pk:
            raise ServiceError(
                "own_department",
                _("The lead department cannot ask itself: choose another department."),
                field="department",
            )
        if case.co_handling_tasks.filter(
            department=assisting, state__in=[TaskState.PENDING_APPROVAL, TaskState.OPEN]
        ).exists():
            raise Conflict(
                "task_open",
                _("%(department)s already has an open co-handling request on this case.")
                % {"department": assisting.name},
            )
        request = common.text(data.request, "request", _("Say what you ask of the department."))
        assignee = common.member(data.assignee, assisting, "assignee")
        shared = _shared(case, data.attachments)
        approver = approver_for(Step.CO_HANDLING, case)
        self_approved = approver is not None and authority.may(
            approval_permission(Step.CO_HANDLING)
        )
        task = CoHandlingTask(
            case=case,
            department=assisting,
            assignee=assignee,
            requested_by=authority.user,
            requested_at=now,
            request=request,
            legal_opinion=data.legal_opinion,
            state=TaskState.PENDING_APPROVAL,
            approver_role=approver or "",
        )
        if approver is None or self_approved:
            if self_approved:
                task.decided_by, task.decided_at = authority.user, now
            _open(task, case, now)
        task.save()
        task.shared.set(shared)
        record_event(
            case=case,
            authority=authority,
            action=REQUESTED,
            at=now,
            role=authority.role_for(Permission.REQUEST_CO_HANDLING),
            data={
                "task": task.pk,
                "department": assisting.name,
                "assignee": assignee.username if assignee else "",
                "shared_evidence": [item.original_name for item in shared],
                "legal_opinion": data.legal_opinion,
                "awaits_approval": task.state == TaskState.PENDING_APPROVAL,
                **_due_data(task),
            },
            note=request,
        )
        if task.state == TaskState.OPEN:
            tell_task_opened(task, now=now)
    return task


def decide_co_handling(
    *, task_id: int, authority: Authority, approve: bool, note: str, now: datetime
) -> CoHandlingTask:
    """The supervisor approves (the clock starts now) or refuses (with a reason) a request."""
    if not authority.may(approval_permission(Step.CO_HANDLING)):
        raise Forbidden("forbidden", _("Your role may not approve co-handling requests."))
    with transaction.atomic():
        task = _locked_task(task_id)
        case = task.case
        if task.state != TaskState.PENDING_APPROVAL:
            raise Conflict("not_pending", _("This request is not waiting for approval."))
        note = note.strip()
        if not approve:
            note = common.text(note, "note", _("Say why the request is not approved."))
        if len(note) > common.MAX_TEXT:
            raise ServiceError("too_long", _("The text is too long (at most 4000 characters)."))
        task.decided_by, task.decided_at, task.decision_note = authority.user, now, note
        if approve:
            _open(task, case, now)
        else:
            task.state = TaskState.REFUSED
        task.save()
        record_event(
            case=case,
            authority=authority,
            action=APPROVED if approve else REFUSED,
            at=now,
            role=authority.role_for(approval_permission(Step.CO_HANDLING)),
            data={"task": task.pk, "department": task.department.name, **_due_data(task)},
            note=note,
        )
        if approve:
            tell_task_opened(task, now=now)
    return task


def answer_co_handling(
    *, task_id: int, authority: Authority, answer: str, now: datetime
) -> CoHandlingTask:
    """The assisting department's handler or head writes its opinion or result on the
    协办记录表; the task's clock stops. A late answer is recorded as late."""
    with transaction.atomic():
        task = _locked_task(task_id)
        common.allowed(authority, Permission.ANSWER_CO_HANDLING, task.department, task.assignee_id)
        if task.state != TaskState.OPEN:
            raise Conflict("not_open", _("This co-handling request is not open for an answer."))
        task.answer = common.text(answer, "answer", _("Write the department's answer."))
        task.answered_by, task.answered_at = authority.user, now
        task.state = TaskState.ANSWERED
        task.next_alert_at = None
        task.save()
        late = task.due_at is not None and now > task.due_at
        record_event(
            case=task.case,
            authority=authority,
            action=ANSWERED,
            at=now,
            role=authority.role_for(Permission.ANSWER_CO_HANDLING),
            data={"task": task.pk, "department": task.department.name, "late": late},
            note=task.answer,
        )
    return task


def _locked_task(task_id: int) -> CoHandlingTask:
    """The task and its case, the case row locked first (the order every case writer uses)."""
    row = CoHandlingTask.objects.filter(pk=task_id).values_list("case_id", flat=True).first()
    if row is None:
        raise NotFound("not_found", _("Co-handling request not found."))
    case = common.locked_case(row)
    task = (
        CoHandlingTask.objects.select_for_update(of=("self",))
        .select_related("department", "assignee")
        .get(pk=task_id)
    )
    task.case = case
    return task


def _open(task: CoHandlingTask, case: Case, now: datetime) -> None:
    """Hand the task to the assisting department: its clock starts at `now`."""
    with counted():
        due = due_moment(calendar_around(now), period_for(case), local(now))
    task.state = TaskState.OPEN
    task.started_at, task.due_at, task.due_provisional = now, due.at, due.provisional
    task.next_alert_at = next_alert(task, case)


def next_alert(task: CoHandlingTask, case: Case) -> datetime | None:
    """When the sweep should next look at the task (warnings and 督办 like any clock)."""
    if task.state != TaskState.OPEN or task.started_at is None or task.due_at is None:
        return None
    clock = Clock(CO_HANDLING_CLOCK, local(task.started_at), local(task.due_at))
    calendar = calendar_around(task.started_at, task.due_at)
    upcoming = plan(calendar, [clock], ladder_for(case), fired_keys(task), now=clock.started_at)
    return min([*(a.at for a in upcoming.due_now), *filter(None, [upcoming.next_at])], default=None)


def fired_keys(task: CoHandlingTask) -> list[tuple[str, str, int, datetime]]:
    return [
        (str(c), str(k), int(level), local(datetime.fromisoformat(str(due))))
        for c, k, level, due in task.fired or []
    ]


def _shared(case: Case, ids: tuple[int, ...]) -> list[Attachment]:
    """The evidence chosen to go with the request (seed 004 第六条(四): 附已调查取证材料)."""
    wanted = set(ids)
    if len(wanted) > MAX_SHARED:
        raise ServiceError("too_many", _("Share at most 50 files."), field="attachments")
    found = list(case.attachments.filter(pk__in=wanted).order_by("uploaded_at", "id"))
    if len(found) != len(wanted):
        raise ServiceError(
            "unknown_attachment",
            _("Only evidence of this case can be shared."),
            field="attachments",
        )
    return found


def _due_data(task: CoHandlingTask) -> dict[str, str]:
    return {"due_at": local(task.due_at).isoformat()} if task.due_at else {}
