"""Several departments on a case (R-10, R-13) in the workspace: the case page's co-handling
协办 and handover 转交 section, its forms' endpoints, and the list "co-handling for my
department". Views parse, authorise (the services check again), call one service, redirect."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.cases import selectors as case_selectors
from kesu.cases.models import Case
from kesu.core.errors import ServiceError
from kesu.decisions import selectors
from kesu.decisions.labels import HANDOVER_STATE_LABELS, LEGAL_TRIGGER_LABELS, TASK_STATE_LABELS
from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.decisions.services import cohandling, handover
from kesu.domain.cohandling import HandoverState, TaskState
from kesu.domain.permissions import Permission
from kesu.org.access import Authority
from kesu.web.common import acting, row_id, visible_case

P = Permission


def panel(
    case: Case, authority: Authority, now: datetime, *, recorded: set[str] | None = None
) -> dict[str, Any]:
    """What the case page shows of co-handling and handover, and which forms it offers.
    `recorded`: the actions in the case history the page already read; a case whose history
    has no co-handling or handover request costs no query for them."""
    lead = (case.assigned_department, case.handler_id)
    may_request = case.is_open and authority.may_on(P.REQUEST_CO_HANDLING, *lead)
    may_hand_over = authority.may_on(P.REQUEST_HANDOVER, *lead)
    tasks = [
        _task_row(task, authority, now)
        for task in (
            selectors.case_tasks(case)
            if recorded is None or cohandling.REQUESTED in recorded
            else []
        )
    ]
    handovers = [
        _handover_row(item, authority)
        for item in (
            selectors.case_handovers(case)
            if recorded is None or handover.REQUESTED in recorded
            else []
        )
    ]
    legal = selectors.legal_suggestion(case) if may_request else None
    choices = selectors.departments_to_ask(case) if may_request or may_hand_over else []
    return {
        "tasks": tasks,
        "handovers": handovers,
        "may_request": may_request,
        "may_hand_over": may_hand_over
        and case.is_open
        and not any(row["open"] for row in handovers),
        "choices": choices,
        "evidence": list(case_selectors.case_attachments(case)) if may_request else [],
        "legal": {
            "triggers": [str(LEGAL_TRIGGER_LABELS[t]) for t in legal.triggers],
            "department": legal.department,
        }
        if legal
        else None,
    }


def _task_row(task: CoHandlingTask, authority: Authority, now: datetime) -> dict[str, Any]:
    state = TaskState(task.state)
    return {
        "task": task,
        "state": TASK_STATE_LABELS[state],
        "overdue": state is TaskState.OPEN and task.due_at is not None and now > task.due_at,
        "late": task.answered_at is not None
        and task.due_at is not None
        and task.answered_at > task.due_at,
        "may_answer": state is TaskState.OPEN
        and authority.may_on(P.ANSWER_CO_HANDLING, task.department, task.assignee_id),
        "may_decide": state is TaskState.PENDING_APPROVAL and authority.may(P.APPROVE_CO_HANDLING),
    }


def _handover_row(item: HandoverRequest, authority: Authority) -> dict[str, Any]:
    state = HandoverState(item.state)
    return {
        "handover": item,
        "state": HANDOVER_STATE_LABELS[state],
        "open": state in {HandoverState.PENDING, HandoverState.PENDING_APPROVAL},
        "may_acknowledge": state is HandoverState.PENDING
        and authority.may_on(P.ACKNOWLEDGE_HANDOVER, item.to_department, None),
        "may_approve": state is HandoverState.PENDING_APPROVAL
        and authority.may(P.APPROVE_HANDOVER),
    }


def _refused(request: HttpRequest, case: Case, problem: ServiceError) -> HttpResponse:
    """The case page again with the reason, in the answer's status (400/403/404/409)."""
    from kesu.web.case_page import render_page  # noqa: PLC0415 — the page imports this module

    authority, now = acting(request)
    return render_page(
        request, authority, now, case, departments_error=str(problem.message),
        status=problem.status,
    )  # fmt: skip


@login_required
@require_POST
def request_co_handling(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    ids = [row_id(value) for value in request.POST.getlist("attachments")]
    try:
        if None in ids:
            raise ServiceError("unknown_attachment", _("Only evidence of this case can be shared."))
        cohandling.request_co_handling(
            case_id=case.pk,
            authority=authority,
            data=cohandling.CoHandlingInput(
                department=request.POST.get("department", ""),
                request=request.POST.get("request", ""),
                assignee=request.POST.get("assignee", ""),
                attachments=tuple(i for i in ids if i is not None),
                legal_opinion=request.POST.get("legal_opinion") == "1",
            ),
            now=now,
        )
    except ServiceError as problem:
        return _refused(request, case, problem)
    messages.success(request, _("Co-handling requested."))
    return redirect("web:case", number=number)


@login_required
@require_POST
def co_handling_step(request: HttpRequest, number: str, task_id: int) -> HttpResponse:
    """Approve, refuse or answer one co-handling task (`op`)."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    task = selectors.get_task(case, task_id)
    if task is None:
        raise Http404(_("Co-handling request not found."))
    op = request.POST.get("op", "")
    try:
        if op in {"approve", "refuse"}:
            cohandling.decide_co_handling(
                task_id=task.pk, authority=authority, approve=op == "approve",
                note=request.POST.get("note", ""), now=now,
            )  # fmt: skip
            done = _("Co-handling approved.") if op == "approve" else _("Co-handling refused.")
        elif op == "answer":
            cohandling.answer_co_handling(
                task_id=task.pk, authority=authority, answer=request.POST.get("answer", ""), now=now
            )
            done = _("Answer recorded on the co-handling form.")
        else:
            raise ServiceError("unknown_step", _("Unknown action."))
    except ServiceError as problem:
        return _refused(request, case, problem)
    messages.success(request, done)
    return redirect("web:case", number=number)


@login_required
@require_POST
def request_handover(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    try:
        handover.request_handover(
            case_id=case.pk, authority=authority, department=request.POST.get("department", ""),
            reason=request.POST.get("reason", ""), handler=request.POST.get("handler", ""),
            now=now,
        )  # fmt: skip
    except ServiceError as problem:
        return _refused(request, case, problem)
    messages.success(
        request, _("Handover requested; the case stays with you until it is acknowledged.")
    )
    return redirect("web:case", number=number)


@login_required
@require_POST
def handover_step(request: HttpRequest, number: str, handover_id: int) -> HttpResponse:
    """Approve or refuse (general manager), acknowledge or refuse (receiver) a handover."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    item = selectors.get_handover(case, handover_id)
    if item is None:
        raise Http404(_("Handover not found."))
    op = request.POST.get("op", "")
    note = request.POST.get("note", "")
    try:
        if op in {"approve", "reject"}:
            handover.approve_handover(
                handover_id=item.pk, authority=authority, approve=op == "approve", note=note,
                now=now,
            )  # fmt: skip
            done = _("Handover approved.") if op == "approve" else _("Handover refused.")
        elif op == "acknowledge":
            handover.acknowledge_handover(
                handover_id=item.pk, authority=authority,
                handler=request.POST.get("handler", ""), now=now,
            )  # fmt: skip
            done = _("Handover acknowledged: the case is now with your department.")
        elif op == "refuse":
            handover.refuse_handover(handover_id=item.pk, authority=authority, reason=note, now=now)
            done = _("Handover refused.")
        else:
            raise ServiceError("unknown_step", _("Unknown action."))
    except ServiceError as problem:
        return _refused(request, case, problem)
    messages.success(request, done)
    if op == "acknowledge" or case_selectors.visible_cases(authority).filter(pk=case.pk).exists():
        return redirect("web:case", number=number)
    return redirect("web:co-handling")


@login_required
@require_GET
def department_list(request: HttpRequest) -> HttpResponse:
    """协办 for my department: open requests first by due time, then the answered ones; the
    requests waiting for my approval; the handovers waiting for my department or approval."""
    authority, now = acting(request)
    open_tasks = selectors.department_tasks(authority)
    return render(
        request,
        "web/co_handling.html",
        {
            "open_tasks": [_task_row(task, authority, now) for task in open_tasks],
            "to_approve": [_task_row(task, authority, now) for task in
                           selectors.awaiting_approval(authority)],
            "handovers": [_handover_row(item, authority) for item in
                          selectors.incoming_handovers(authority)],
        },
    )  # fmt: skip
