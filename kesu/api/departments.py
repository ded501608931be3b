"""`/api/v1/cases/{number}/co-handling` and `/handovers`: several departments on a case
(R-10, R-13). Co-handling 协办: request, approve or refuse, answer. Handover 转交: request,
approve or refuse (general manager), acknowledge or refuse (receiver). Every operation reads
the case through the visibility filter first (404 when out of sight) and writes through one
service of `kesu.decisions`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kesu.api.cases import BODY_ERRORS, ERRORS, acting
from kesu.api.presenters import named, person
from kesu.api.schemas import NamedRef, PersonRef, Strict
from kesu.cases import selectors as case_selectors
from kesu.core.errors import NotFound
from kesu.decisions import selectors
from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.decisions.services import cohandling, handover
from kesu.decisions.services.common import MAX_TEXT
from kesu.domain.cohandling import HandoverState, TaskState

router = Router(tags=["departments"])

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Code = Annotated[str, Field(max_length=40)]
Username = Annotated[str, Field(max_length=150)]


class CoHandlingIn(Strict):
    """Ask another department for an opinion, expertise or action (seed 004 第六条)."""

    department: Code
    request: Text
    assignee: Username = ""
    attachments: Annotated[list[Annotated[int, Field(ge=1, le=2**62)]], Field(max_length=50)] = []
    legal_opinion: bool = False


class DecisionIn(Strict):
    """Approve or refuse; a refusal needs a `note` saying why."""

    approve: bool
    note: Text = ""


class AnswerIn(Strict):
    answer: Text


class HandoverIn(Strict):
    department: Code
    reason: Text
    handler: Username = ""


class AcknowledgeIn(Strict):
    """`acknowledge: true` takes the case over (optionally naming the `handler`); false refuses
    it, with a `reason`."""

    acknowledge: bool
    handler: Username = ""
    reason: Text = ""


class AttachmentRef(Schema):
    id: int
    name: str


class CoHandlingOut(Schema):
    id: int
    department: NamedRef
    assignee: PersonRef | None
    requested_by: PersonRef
    requested_at: datetime
    request: str
    legal_opinion: bool
    shared: list[AttachmentRef]
    state: TaskState
    due_at: datetime | None
    answer: str
    answered_by: PersonRef | None
    answered_at: datetime | None
    late: bool
    escalation_level: int


class HandoverOut(Schema):
    id: int
    from_department: NamedRef | None
    to_department: NamedRef
    reason: str
    requested_by: PersonRef
    requested_at: datetime
    state: HandoverState
    approved_by: PersonRef | None
    handler: PersonRef | None
    acknowledged_by: PersonRef | None
    acknowledged_at: datetime | None
    refusal_reason: str


def task_out(task: CoHandlingTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "department": named(task.department),
        "assignee": person(task.assignee),
        "requested_by": person(task.requested_by),
        "requested_at": task.requested_at,
        "request": task.request,
        "legal_opinion": task.legal_opinion,
        "shared": [{"id": a.pk, "name": a.original_name} for a in task.shared.all()],
        "state": task.state,
        "due_at": task.due_at,
        "answer": task.answer,
        "answered_by": person(task.answered_by),
        "answered_at": task.answered_at,
        "late": bool(task.answered_at and task.due_at and task.answered_at > task.due_at),
        "escalation_level": task.escalation_level,
    }


def handover_out(item: HandoverRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "from_department": named(item.from_department),
        "to_department": named(item.to_department),
        "reason": item.reason,
        "requested_by": person(item.requested_by),
        "requested_at": item.requested_at,
        "state": item.state,
        "approved_by": person(item.approved_by),
        "handler": person(item.handler),
        "acknowledged_by": person(item.acknowledged_by),
        "acknowledged_at": item.acknowledged_at,
        "refusal_reason": item.refusal_reason,
    }


def _task(case: Any, task_id: int) -> CoHandlingTask:
    task = selectors.get_task(case, task_id)
    if task is None:
        raise NotFound("not_found", _("Co-handling request not found."))
    return task


def _handover(case: Any, handover_id: int) -> HandoverRequest:
    item = selectors.get_handover(case, handover_id)
    if item is None:
        raise NotFound("not_found", _("Handover not found."))
    return item


@router.get(
    "/{number}/co-handling",
    response={200: list[CoHandlingOut], **ERRORS},
    summary="Co-handling of a case",
)
def co_handling(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Every co-handling task of the case, oldest first."""
    authority, _now = acting(request)
    case = case_selectors.get_case(authority, number)
    return [task_out(task) for task in selectors.case_tasks(case)]


@router.post(
    "/{number}/co-handling",
    response={201: CoHandlingOut, **BODY_ERRORS},
    summary="Request co-handling",
)
def request_co_handling(
    request: HttpRequest, number: str, payload: CoHandlingIn
) -> Status[dict[str, Any]]:
    """Ask another department to assist (协办). 403: the caller may not ask on this case (the
    lead department's handler or head, or a supervisor, may); 409: the case is closed or that
    department already holds an open request; 400: unknown department, assignee not in it,
    evidence not of this case, empty request. Without approval needed the clock (5 working
    days preset) starts at once; else the task waits for the supervisor."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    task = cohandling.request_co_handling(
        case_id=case.pk,
        authority=authority,
        data=cohandling.CoHandlingInput(
            department=payload.department,
            request=payload.request,
            assignee=payload.assignee,
            attachments=tuple(payload.attachments),
            legal_opinion=payload.legal_opinion,
        ),
        now=now,
    )
    return Status(201, task_out(_task(case, task.pk)))


@router.post(
    "/{number}/co-handling/{task_id}/decision",
    response={200: CoHandlingOut, **BODY_ERRORS},
    summary="Approve or refuse co-handling",
)
def decide(request: HttpRequest, number: str, task_id: int, payload: DecisionIn) -> dict[str, Any]:
    """The supervisor's decision on a request waiting for approval. 403: not an approver;
    409: the request is not waiting; 400: a refusal without a note."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    task = _task(case, task_id)
    cohandling.decide_co_handling(
        task_id=task.pk, authority=authority, approve=payload.approve, note=payload.note, now=now
    )
    return task_out(_task(case, task.pk))


@router.post(
    "/{number}/co-handling/{task_id}/answer",
    response={200: CoHandlingOut, **BODY_ERRORS},
    summary="Answer co-handling",
)
def answer(request: HttpRequest, number: str, task_id: int, payload: AnswerIn) -> dict[str, Any]:
    """The assisting department's answer on the 协办记录表. 403: the caller is not a handler or
    head of the assisting department; 409: the task is not open; 400: an empty answer."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    task = _task(case, task_id)
    cohandling.answer_co_handling(
        task_id=task.pk, authority=authority, answer=payload.answer, now=now
    )
    return task_out(_task(case, task.pk))


@router.get("/{number}/handovers", response={200: list[HandoverOut], **ERRORS}, summary="Handovers")
def handovers(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Every handover request of the case, oldest first."""
    authority, _now = acting(request)
    case = case_selectors.get_case(authority, number)
    return [handover_out(item) for item in selectors.case_handovers(case)]


@router.post(
    "/{number}/handovers",
    response={201: HandoverOut, **BODY_ERRORS},
    summary="Request a handover",
)
def request_handover(
    request: HttpRequest, number: str, payload: HandoverIn
) -> Status[dict[str, Any]]:
    """Hand the case to another department (转交处理联系单). Until the receiver acknowledges,
    the case and its clocks stay with the sender. 403: the caller may not hand this case
    over; 409: the case cannot move now or a handover already waits; 400: unknown or same
    department, handler not in it, empty reason."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    item = handover.request_handover(
        case_id=case.pk, authority=authority, department=payload.department,
        reason=payload.reason, handler=payload.handler, now=now,
    )  # fmt: skip
    return Status(201, handover_out(_handover(case, item.pk)))


@router.post(
    "/{number}/handovers/{handover_id}/approval",
    response={200: HandoverOut, **BODY_ERRORS},
    summary="Approve or refuse a handover",
)
def approve(
    request: HttpRequest, number: str, handover_id: int, payload: DecisionIn
) -> dict[str, Any]:
    """The general manager's decision where the policy requires it. 403: not the approver;
    409: not waiting for approval."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    item = _handover(case, handover_id)
    handover.approve_handover(
        handover_id=item.pk, authority=authority, approve=payload.approve, note=payload.note,
        now=now,
    )  # fmt: skip
    return handover_out(_handover(case, item.pk))


@router.post(
    "/{number}/handovers/{handover_id}/acknowledgement",
    response={200: HandoverOut, **BODY_ERRORS},
    summary="Acknowledge or refuse a handover",
)
def acknowledge(
    request: HttpRequest, number: str, handover_id: int, payload: AcknowledgeIn
) -> dict[str, Any]:
    """The receiving department signs (the case moves to it) or refuses with a reason. 403:
    the caller is not a handler or head of the receiving department; 409: not waiting for
    acknowledgement; 400: a refusal without a reason, handler not in the department."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    item = _handover(case, handover_id)
    if payload.acknowledge:
        handover.acknowledge_handover(
            handover_id=item.pk, authority=authority, handler=payload.handler, now=now
        )
    else:
        handover.refuse_handover(
            handover_id=item.pk, authority=authority, reason=payload.reason, now=now
        )
    return handover_out(_handover(case, item.pk))
