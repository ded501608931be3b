"""Printable forms as PDF, laid out like the seeds' paper forms: 客户投诉登记表 (seed 001) and
投诉处理记录表 (seed 004).

Every character is drawn from a font embedded in the PDF, so each reader shows the same thing:
BabelStone Han (Debian's fonts-babelstone-han, Arphic Public Licence) covers the CJK ideographs
in Chinese forms, with a third of Extension B (𠮷, which occurs in names); Hanazono Mincho B
(fonts-hanazono, OFL) the rest of the supplementary planes' ideographs; DejaVu Sans the symbols
they lack (☑). A character no installed font can draw prints as a marker such as [U+10FFFD],
never as another character. Without BabelStone Han (a server set up by hand) reportlab's
built-in CID font STSong-Light, which the reader supplies, draws the basic plane and the rest
prints as markers.

Every cell goes through one text function (`_p`); long text flows onto further pages (rows
split with splitInRow) instead of failing."""

from __future__ import annotations

import unicodedata
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kesu.cases import selectors
from kesu.cases.models import AccessRecord, Case
from kesu.cases.privacy import complainant
from kesu.cases.services.access import record_access
from kesu.core.clock import local
from kesu.core.labels import label
from kesu.decisions.models import Deliberation, DeliberationSeat
from kesu.domain.deliberation import Grounds
from kesu.domain.deliberation import Status as DeliberationStatus
from kesu.domain.presets.terms import HANDLING_METHODS
from kesu.domain.vocabulary import CaseKind, Channel, Severity, State
from kesu.org.access import Authority
from kesu.web import display
from kesu.web.common import acting, visible_case

TERMS = {term.code: term for term in HANDLING_METHODS}
FONT_FILES = (  # first the main font, then fallbacks for the characters it lacks
    ("KesuHan", Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")),
    ("KesuHanB", Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")),
    ("KesuSymbols", Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")),
)
CID_FONT = "STSong-Light"
ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
SILENT = frozenset({"Cf", "Cc"})  # format and control characters: nothing to draw


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with code points outside the basic plane written as UTF-16
    surrogate pairs as PDF requires (reportlab writes five hex digits, which readers misread:
    𠮷 came back from pdftotext as ₻)."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
            "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
            "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
            "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
        ]
    )  # fmt: skip


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # used by reportlab when it embeds a subset


@cache
def fonts() -> tuple[tuple[str, frozenset[int] | None], ...]:
    """The fonts to draw with, each with the code points it covers (None: the basic plane)."""
    found: list[tuple[str, frozenset[int] | None]] = []
    for name, path in FONT_FILES:
        if path.is_file():
            font = ttfonts.TTFont(name, str(path))
            pdfmetrics.registerFont(font)
            found.append((name, frozenset(font.face.charToGlyph)))
    if not found or found[0][0] != FONT_FILES[0][0]:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        found.insert(0, (CID_FONT, None))
    return tuple(found)


def _font_for(char: str) -> str | None:
    code = ord(char)
    for name, covered in fonts():
        if code in covered if covered is not None else code <= 0xFFFF:
            return name
    return None


def markup(text: Any) -> str:
    """Paragraph markup for any text: escaped, each character in a font that has it, a marker
    for one that none has, line breaks kept."""
    main = current = fonts()[0][0]
    parts: list[str] = []
    for char in str(text if text is not None else "").replace("\r\n", "\n").replace("\t", " "):
        if char == "\n":
            parts.append("<br/>")
            continue
        if unicodedata.category(char) in SILENT or 0xFE00 <= ord(char) <= 0xFE0F:
            continue  # invisible (zero-width joiner, variation selector): nothing to draw
        font = _font_for(char)
        piece = ESCAPE.get(char, char) if font else f"[U+{ord(char):04X}]"
        font = font or main
        if font != current:
            parts.append("</font>" if current != main else "")
            parts.append(f'<font name="{font}">' if font != main else "")
            current = font
        parts.append(piece)
    return "".join(parts) + ("</font>" if current != main else "")


@cache
def _style(size: int) -> ParagraphStyle:
    """Paragraph style in the main font (a title above 12 pt is centred); CJK wrapping breaks
    lines between any two characters."""
    title = size > 12
    return ParagraphStyle(
        f"kesu-{size}", fontName=fonts()[0][0], fontSize=size, leading=round(size * 1.4),
        alignment=1 if title else 0, spaceAfter=4 * mm if title else 0, wordWrap="CJK",
    )  # fmt: skip


def _p(text: Any, size: int = 10) -> Paragraph:
    return Paragraph(markup(text), _style(size))


def _grid(
    rows: list[list[Any]],
    widths: list[float],
    *,
    head: bool = False,
    repeat: int = 0,
    ruled: bool = True,
) -> Table:
    """A ruled table of paragraphs whose rows may split across pages (a 10,000-character
    fact does not fit on one). Label cells are shaded: the first row of a list (`head`), else
    every other column from the first."""
    cells = [[_p(cell) for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, splitInRow=1, repeatRows=repeat)
    shaded = [(0, 0, -1, 0)] if head else [(i, 0, i, -1) for i in range(0, len(widths), 2)]
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts()[0][0]),  # else Helvetica is referenced
                *([("GRID", (0, 0), (-1, -1), 0.6, colors.black)] if ruled else []),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *(
                    ("BACKGROUND", (a, b), (c, d), colors.whitesmoke)
                    for a, b, c, d in (shaded if ruled else [])
                ),
            ]
        )
    )
    return table


def _when(moment: Any) -> str:
    return local(moment).strftime("%Y年%m月%d日 %H:%M") if moment else ""


def _pdf(title: str, story: list[Any]) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm,
        topMargin=16 * mm, bottomMargin=16 * mm, initialFontName=fonts()[0][0],
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()


HALVES = [28 * mm, 58 * mm, 28 * mm, 60 * mm]  # label, value, label, value
WHOLE = [28 * mm, 146 * mm]  # label, long value


def registration_form(case: Case, authority: Authority) -> bytes:
    """客户投诉登记表 as a PDF of its own."""
    return _pdf(f"客户投诉登记表 {case.number}", registration_story(case, authority))


def registration_story(case: Case, authority: Authority) -> list[Any]:
    """客户投诉登记表: the record as the receiver took it, with the acceptance decision. The
    grid is stacked from tables of four and two columns, so long text can split across pages."""
    person = complainant(case, authority)
    accepted = case.accepted_at is not None
    decision = "☑受理 □不予受理" if accepted else (
        "□受理 ☑不予受理" if case.state == State.DECLINED else "□受理 □不予受理"
    )  # fmt: skip
    kind = label(CaseKind(case.kind))
    return [
        _p("客户投诉登记表", 16),
        _grid(
            [
                [
                    "受理编号",
                    case.number,
                    "受理日期",
                    _when(case.accepted_at or case.registered_at),
                ],
                ["投诉客户姓名", person["name"], "联系电话", person["phone"]],
                ["客户地址", person["address"], "工作单位", person["employer"]],
                [
                    "投诉类型",
                    f"{kind} · {case.category or '—'}",
                    "受理渠道",
                    label(Channel(case.channel)),
                ],
                ["所购商品/服务", case.subject_product, "订单/保单号", case.subject_order_number],
                [
                    "金额",
                    display.yuan(case.subject_amount),
                    "购买日期",
                    case.subject_purchase_date or "",
                ],
            ],
            HALVES,
        ),
        _grid([["投诉缘由", case.facts], ["客户要求", case.demand]], WHOLE),
        _grid([["投诉受理", decision, "承诺办理期限", _when(case.resolution_due)]], HALVES),
        _grid(
            [
                ["理由", case.decline_reason or ""],
                ["备注", f"严重程度：{label(Severity(case.severity))}"],
            ],
            WHOLE,
        ),
        Spacer(1, 6 * mm),
        _grid([[f"制表：{case.receiver}", "审核："]], [87 * mm, 87 * mm], ruled=False),
    ]


def handling_record(case: Case, authority: Authority) -> bytes:
    """投诉处理记录表 as a PDF of its own."""
    return _pdf(f"投诉处理记录表 {case.number}", handling_story(case, authority))


def handling_story(case: Case, authority: Authority) -> list[Any]:
    """投诉处理记录表: every step on the record, who and when, with the result."""
    name = complainant(case, authority)["name"]
    head = _grid(
        [
            ["档案编号", case.number, "投诉人", name],
            ["责任部门", case.assigned_department or "—", "承办人", case.handler or "—"],
        ],
        [24 * mm, 63 * mm, 24 * mm, 63 * mm],
    )
    lines: list[list[Any]] = [["时间", "经办人", "处理过程", "状态"]]
    for item in display.timeline(selectors.case_timeline(case)):
        event = item["event"]
        who = str(event.actor) + (f"（代{event.on_behalf_of}）" if event.on_behalf_of else "")
        detail = [item["label"], *(f"{name}：{after}" for name, _before, after in item["changes"])]
        detail += [f"{name}：{value}" for name, value in item["data"]]
        if event.note:
            detail.append(event.note)
        lines.append(
            [_when(event.at), who, "\n".join(str(part) for part in detail), item["to"] or ""]
        )
    steps = _grid(lines, [30 * mm, 26 * mm, 96 * mm, 22 * mm], head=True, repeat=1)
    shares = "、".join(
        display.share_text(share.party_kind, share.party_name, share.percent)
        for share in selectors.responsibility_shares(case)
    )
    result = _grid(
        [
            ["处理结果", case.answer or "—"],
            [
                "处理方式",
                "　".join(
                    part
                    for part in (
                        display.term_name(TERMS[case.result_method])
                        if case.result_method in TERMS
                        else case.result_method,
                        f"金额 {display.yuan(case.result_amount)}"
                        if case.result_amount is not None
                        else "",
                        f"损失 {display.yuan(case.loss_amount)}"
                        if case.loss_amount is not None
                        else "",
                    )
                    if part
                )
                or "—",
            ],
            ["责任划分", shares or "—"],
            ["当前状态", label(State(case.state))],
        ],
        [24 * mm, 150 * mm],
    )
    return [_p("投诉处理记录表", 16), head, Spacer(1, 4 * mm), steps, Spacer(1, 4 * mm), result]


def deliberation_record(
    deliberation: Deliberation, seats: list[DeliberationSeat], authority: Authority
) -> bytes:
    """投诉案件合议记录表 (seed 004 附7): the case, the meeting, the evidence bundle, the minutes,
    each participant's opinion with their confirmation (签名确认) and the decision."""
    case = deliberation.case
    name = complainant(case, authority)["name"]
    head = _grid(
        [
            ["档案编号", case.number, "投诉人", name],
            ["合议事由", label(Grounds(deliberation.grounds)), "状态",
             label(DeliberationStatus(deliberation.status))],
            ["会议时间", _when(deliberation.meeting_at), "会议地点", deliberation.place],
            ["主持人", deliberation.chair or "", "提请人", deliberation.requested_by],
            ["最终意见期限", _when(deliberation.due_at), "责任部门",
             case.assigned_department or "—"],
        ],
        HALVES,
    )  # fmt: skip
    evidence = "、".join(item.original_name for item in deliberation.evidence.all()) or "—"
    body = _grid(
        [
            ["提请理由", deliberation.reason or "—"],
            ["案情摘要", case.facts],
            ["证据材料", evidence],
            ["会议记录", deliberation.minutes or ""],
        ],
        WHOLE,
    )
    opinions: list[list[Any]] = [["与会人员", "意见", "签名确认"]]
    for seat in seats:
        signed = f"已确认 {_when(seat.confirmed_at)}" if seat.confirmed_at else "未确认"
        opinions.append([seat.user, seat.opinion or "", signed])
    table = _grid(opinions, [30 * mm, 104 * mm, 40 * mm], head=True, repeat=1)
    decision = _grid(
        [
            ["初步倾向性意见", deliberation.preliminary or "—"],
            ["合议决定", deliberation.decision or "—"],
            ["决定时间", _when(deliberation.decided_at) or "—"],
        ],
        WHOLE,
    )
    story = [
        _p("投诉案件合议记录表", 16), head, Spacer(1, 3 * mm), body, Spacer(1, 3 * mm), table,
        Spacer(1, 3 * mm), decision,
    ]  # fmt: skip
    return _pdf(f"投诉案件合议记录表 {case.number}", story)


FORMS = {"registration": registration_form, "handling": handling_record}

#: The building blocks other printable forms use (kesu/web/department_printing.py).
paragraph, grid, pdf, when = _p, _grid, _pdf, _when


@login_required
@require_GET
def printable(request: HttpRequest, number: str, form: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    record_access(authority, case, AccessRecord.PRINT, now=now, detail=form)
    response = HttpResponse(FORMS[form](case, authority), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={case.number}-{form}.pdf"
    return response
