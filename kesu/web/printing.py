"""Printable forms as PDF, laid out like the seeds' paper forms: 客户投诉登记表 (seed 001) and
投诉处理记录表 (seed 004). reportlab's built-in CID font STSong-Light needs no font file on the
server; every PDF reader shows it with its own Song typeface."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.cases.privacy import complainant
from kesu.core.clock import local
from kesu.core.labels import label
from kesu.domain.vocabulary import CaseKind, Channel, Severity, State
from kesu.org.access import Authority
from kesu.web import display
from kesu.web.common import acting, visible_case

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, alignment=1, spaceAfter=4 * mm)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=10, leading=14)
SMALL = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=12)
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
        ("BACKGROUND", (2, 0), (2, -1), colors.whitesmoke),
    ]
)


def _p(text: Any, style: ParagraphStyle = CELL) -> Paragraph:
    escaped = str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def _when(moment: Any) -> str:
    return local(moment).strftime("%Y年%m月%d日 %H:%M") if moment else ""


def _pdf(title: str, story: list[Any]) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm,
        topMargin=16 * mm, bottomMargin=16 * mm,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()


def registration_form(case: Case, authority: Authority) -> bytes:
    """客户投诉登记表: the record as the receiver took it, with the acceptance decision."""
    person = complainant(case, authority)
    accepted = case.accepted_at is not None
    decision = "☑受理 □不予受理" if accepted else (
        "□受理 ☑不予受理" if case.state == State.DECLINED else "□受理 □不予受理"
    )  # fmt: skip
    kind = label(CaseKind(case.kind))
    rows = [
        ["受理编号", case.number, "受理日期", _when(case.accepted_at or case.registered_at)],
        ["投诉客户姓名", person["name"], "联系电话", person["phone"]],
        ["客户地址", _p(person["address"]), "工作单位", _p(person["employer"])],
        ["投诉类型", f"{kind} · {case.category or '—'}", "受理渠道", label(Channel(case.channel))],
        ["所购商品/服务", _p(case.subject_product), "订单/保单号", case.subject_order_number],
        ["金额", display.yuan(case.subject_amount), "购买日期", case.subject_purchase_date or ""],
        ["投诉缘由", _p(case.facts), "", ""],
        ["客户要求", _p(case.demand), "", ""],
        ["投诉受理", decision, "承诺办理期限", _when(case.resolution_due)],
        ["理由", _p(case.decline_reason or ""), "", ""],
        ["备注", _p(f"严重程度：{label(Severity(case.severity))}"), "", ""],
    ]
    table = Table(
        [[_p(cell) if isinstance(cell, str) else cell for cell in row] for row in rows],
        colWidths=[28 * mm, 58 * mm, 28 * mm, 60 * mm],
    )
    spans = [("SPAN", (1, i), (3, i)) for i, row in enumerate(rows) if row[2] == ""]
    table.setStyle(TableStyle([*GRID.getCommands(), *spans]))
    footer = Table([[_p(f"制表：{case.receiver}"), _p("审核：")]], colWidths=[87 * mm, 87 * mm])
    return _pdf(
        f"客户投诉登记表 {case.number}",
        [_p("客户投诉登记表", TITLE), table, Spacer(1, 6 * mm), footer],
    )


def handling_record(case: Case, authority: Authority) -> bytes:
    """投诉处理记录表: every step on the record, who and when, with the result."""
    name = complainant(case, authority)["name"]
    department, handler = case.assigned_department or "—", case.handler or "—"
    head = Table(
        [
            [_p("档案编号"), _p(case.number), _p("投诉人"), _p(name)],
            [_p("责任部门"), _p(department), _p("承办人"), _p(handler)],
        ],
        colWidths=[24 * mm, 63 * mm, 24 * mm, 63 * mm],
    )
    head.setStyle(GRID)
    lines = [[_p("时间", SMALL), _p("经办人", SMALL), _p("处理过程", SMALL), _p("状态", SMALL)]]
    for item in display.timeline(selectors.case_events(case)):
        event = item["event"]
        who = str(event.actor) + (f"（代{event.on_behalf_of}）" if event.on_behalf_of else "")
        detail = [item["label"], *(f"{name}：{after}" for name, _before, after in item["changes"])]
        detail += [f"{name}：{value}" for name, value in item["data"]]
        if event.note:
            detail.append(event.note)
        lines.append(
            [_p(_when(event.at), SMALL), _p(who, SMALL), _p("\n".join(detail), SMALL),
             _p(item["to"] or "", SMALL)]
        )  # fmt: skip
    steps = Table(lines, colWidths=[30 * mm, 26 * mm, 96 * mm, 22 * mm], repeatRows=1)
    steps.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    result = Table(
        [[_p("处理结果"), _p(case.answer or "—")], [_p("当前状态"), _p(label(State(case.state)))]],
        colWidths=[24 * mm, 150 * mm],
    )
    result.setStyle(GRID)
    story = [_p("投诉处理记录表", TITLE), head, Spacer(1, 4 * mm), steps, Spacer(1, 4 * mm), result]
    return _pdf(f"投诉处理记录表 {case.number}", story)


FORMS = {"registration": registration_form, "handling": handling_record}


@login_required
@require_GET
def printable(request: HttpRequest, number: str, form: str) -> HttpResponse:
    authority, _now = acting(request)
    case = visible_case(authority, number)
    response = HttpResponse(FORMS[form](case, authority), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={case.number}-{form}.pdf"
    return response
