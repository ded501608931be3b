"""Printable forms of several departments on a case, laid out like the seeds' paper forms:
协办记录表 (seed 004 附六: request, shared material, the assisting department's answer) and
客户投诉转交处理联系单 (seed 002: who hands over to whom, why, who approved and who signed).
Drawn with `printing`'s embedded fonts, so every glyph prints."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kesu.cases.models import Case
from kesu.cases.privacy import complainant
from kesu.decisions import selectors
from kesu.decisions.labels import HANDOVER_STATE_LABELS, TASK_STATE_LABELS
from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.org.access import Authority
from kesu.web.common import acting, visible_case
from kesu.web.printing import HALVES, WHOLE, grid, paragraph, pdf, when

SIGNATURES = [87 * mm, 87 * mm]


def _who(person: Any) -> str:
    return str(person) if person is not None else ""


def co_handling_form(case: Case, task: CoHandlingTask, authority: Authority) -> bytes:
    """协办记录表: the request as the handler filled it in, the approval, the answer."""
    name = complainant(case, authority)["name"]
    shared = "、".join(item.original_name for item in task.shared.all()) or "—"
    late = (
        task.answered_at is not None and task.due_at is not None and task.answered_at > task.due_at
    )
    story = [
        paragraph("协办记录表", 16),
        grid(
            [
                ["编号", f"{case.number}-协{task.pk}", "投诉人", name],
                ["主办部门", case.assigned_department or "—", "经办人", case.handler or "—"],
                ["协办部门", task.department, "协办人", task.assignee or "—"],
                ["申请人", _who(task.requested_by), "申请时间", when(task.requested_at)],
                ["审批人", _who(task.decided_by) or "—", "审批时间", when(task.decided_at)],
                ["反馈时限", when(task.due_at), "状态", str(TASK_STATE_LABELS[task.state])],
            ],
            HALVES,
        ),
        grid(
            [
                ["投诉事项", case.facts],
                ["协办事项", task.request + ("\n（申请法律意见）" if task.legal_opinion else "")],
                ["移交材料", shared],
                ["协办意见", task.answer or "—"],
                [
                    "反馈",
                    f"{_who(task.answered_by)} {when(task.answered_at)}"
                    + ("（逾期反馈）" if late else ""),
                ],
            ],
            WHOLE,
        ),
        Spacer(1, 6 * mm),
        grid([["协办部门负责人签字：", "经办人签收："]], SIGNATURES, ruled=False),
    ]
    return pdf(f"协办记录表 {case.number}", story)


def handover_form(case: Case, item: HandoverRequest, authority: Authority) -> bytes:
    """客户投诉转交处理联系单: both parties sign; the sender files it (seed 002)."""
    name = complainant(case, authority)["name"]
    story = [
        paragraph("客户投诉转交处理联系单", 16),
        grid(
            [
                ["编号", f"{case.number}-转{item.pk}", "投诉人", name],
                ["转出部门", item.from_department or "—", "转入部门", item.to_department],
                ["转交人", _who(item.requested_by), "转交时间", when(item.requested_at)],
                ["总经理审批", _who(item.approved_by) or "—", "审批时间", when(item.approved_at)],
                [
                    "接收人",
                    _who(item.acknowledged_by) or "—",
                    "接收时间",
                    when(item.acknowledged_at),
                ],
                [
                    "承办人",
                    _who(item.handler) or "—",
                    "状态",
                    str(HANDOVER_STATE_LABELS[item.state]),
                ],
            ],
            HALVES,
        ),
        grid(
            [
                ["投诉事件", case.facts],
                ["转交原因", item.reason],
                ["拒收理由", item.refusal_reason or "—"],
            ],
            WHOLE,
        ),
        Spacer(1, 6 * mm),
        grid([["转交人签字：", "接收人签字："]], SIGNATURES, ruled=False),
    ]
    return pdf(f"客户投诉转交处理联系单 {case.number}", story)


def _answer(body: bytes, case: Case, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={case.number}-{name}.pdf"
    return response


@login_required
@require_GET
def print_co_handling(request: HttpRequest, number: str, task_id: int) -> HttpResponse:
    authority, _now = acting(request)
    case = visible_case(authority, number)
    task = selectors.get_task(case, task_id)
    if task is None:
        raise Http404(_("Co-handling request not found."))
    return _answer(co_handling_form(case, task, authority), case, f"co-handling-{task.pk}")


@login_required
@require_GET
def print_handover(request: HttpRequest, number: str, handover_id: int) -> HttpResponse:
    authority, _now = acting(request)
    case = visible_case(authority, number)
    item = selectors.get_handover(case, handover_id)
    if item is None:
        raise Http404(_("Handover not found."))
    return _answer(handover_form(case, item, authority), case, f"handover-{item.pk}")
