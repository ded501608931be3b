"""The monthly complaint report (seed 000) and the regulator's quarterly sheet as Excel and PDF,
with the seed forms 客户投诉统计表 and 客户投诉分析表 (seed 001).

Excel (openpyxl): Chinese headings, the figures as numbers, totals as real `SUM` formulas and
rates as formulas over the cells they come from, so a reader who edits a cell sees the total
follow. PDF (reportlab): the same summary drawn with the embedded CJK font (BabelStone Han,
as the printable forms use; reportlab's STSong-Light where it is not installed)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import save_workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kesu.cases.privacy import complainant
from kesu.core.clock import local
from kesu.core.labels import label
from kesu.domain.presets.terms import HANDLING_METHODS
from kesu.domain.vocabulary import CaseKind
from kesu.org.access import Authority
from kesu.stats import selectors

FONT_FILE = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
FONT = "KesuStatsHan"
CID_FONT = "STSong-Light"
#: The monthly summary's columns: figure, Chinese heading (the report is the organisation's own,
#: written in Chinese like the seed's forms).
SUMMARY = (
    ("received", "受理投诉量"),
    ("accepted", "已受理"),
    ("declined", "不予受理"),
    ("closed", "已结案"),
    ("open_at_end", "期末未结"),
    ("on_time", "按时答复"),
    ("overdue", "超时"),
    ("supervised", "督办"),
    ("satisfied", "满意"),
    ("satisfaction_measured", "满意度调查数"),
    ("repeat", "重复投诉"),
    ("recomplaint", "再次投诉"),
)
#: The regulator's quarterly sheet (seed 004: 每季度上报统计报表; telecom: 重复、越级投诉率).
REGULATOR = (
    ("received", "投诉总量"),
    ("answered", "已答复"),
    ("on_time", "按时答复"),
    ("overdue", "超时答复"),
    ("repeat", "重复投诉"),
    ("supervised", "督办(升级)"),
    ("regulator", "监管转办"),
    ("satisfied", "满意"),
    ("satisfaction_measured", "满意度调查数"),
)
TITLE = "客户投诉月度统计报告"


def filename(period: selectors.Period) -> str:
    return f"complaints-{period.start:%Y%m%d}-{period.end:%Y%m%d}"


def _bold(sheet: Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _table(  # noqa: PLR0917
    sheet: Worksheet,
    first_row: int,
    heading: str,
    rows: list[dict[str, Any]],
    columns: tuple[tuple[str, str], ...],
    rates: list[tuple[str, str, str]],
) -> int:
    """A table with a totals row of SUM formulas and rate columns as formulas; returns the
    row after it. `rates`: (heading, numerator figure, denominator figure)."""
    names = [name for name, _h in columns]
    sheet.cell(first_row, 1, heading)
    for index, (_name, title) in enumerate(columns, start=2):
        sheet.cell(first_row, index, title)
    for offset, (title, _top, _bottom) in enumerate(rates):
        sheet.cell(first_row, len(columns) + 2 + offset, title)
    _bold(sheet, first_row)
    row_number = first_row
    for row in rows:
        row_number += 1
        sheet.cell(row_number, 1, row["name"])
        for index, name in enumerate(names, start=2):
            sheet.cell(row_number, index, row[name])
        _rates(sheet, row_number, names, rates)
    total_row = row_number + 1
    sheet.cell(total_row, 1, "合计")
    for index in range(2, len(columns) + 2):
        letter = get_column_letter(index)
        if rows:
            sheet.cell(total_row, index, f"=SUM({letter}{first_row + 1}:{letter}{row_number})")
        else:
            sheet.cell(total_row, index, 0)
    _rates(sheet, total_row, names, rates)
    _bold(sheet, total_row)
    return total_row + 2


def _rates(sheet: Worksheet, row: int, names: list[str], rates: list[tuple[str, str, str]]) -> None:
    for offset, (_title, top, bottom) in enumerate(rates):
        top_cell = f"{get_column_letter(names.index(top) + 2)}{row}"
        bottom_cell = f"{get_column_letter(names.index(bottom) + 2)}{row}"
        cell = sheet.cell(row, len(names) + 2 + offset,
                          f'=IF({bottom_cell}=0,"",{top_cell}/{bottom_cell})')  # fmt: skip
        cell.number_format = "0.0%"


SUMMARY_RATES = [
    ("按时答复率", "on_time", "received"),
    ("满意率", "satisfied", "satisfaction_measured"),
]


def workbook(authority: Authority, period: selectors.Period, *, now: datetime) -> bytes:
    with translation.override("zh-hans"):  # the report is written in Chinese, names too
        return _workbook(authority, period, now=now)


def _workbook(authority: Authority, period: selectors.Period, *, now: datetime) -> bytes:
    """The report workbook: 月度统计 (by category, channel and department, with the period
    compared), 监管季度统计表 (by kind), 客户投诉统计表 and 客户投诉分析表 (a row per case)."""
    book = Workbook()
    summary = book.active
    if summary is None:  # a new workbook always has its first sheet
        summary = book.create_sheet()
    summary.title = "月度统计"
    summary["A1"] = TITLE
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = (
        f"统计期间:{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}(按受理日期,北京时间)"
    )
    row = 4
    for by, heading in (("category", "投诉类别"), ("channel", "投诉渠道"),
                        ("department", "责任部门")):  # fmt: skip
        result = selectors.compute(authority, period, by, now=now)
        row = _table(summary, row, heading, result.rows, SUMMARY, SUMMARY_RATES)
    totals = selectors.compute(authority, period, "kind", now=now).totals
    comparison = selectors.compare(authority, period, now=now)
    facts = [
        ("平均处理时长(工作日)", totals["handling_days_avg"]),
        ("处理时长中位数(工作日)", totals["handling_days_median"]),
        ("损失金额(元)", Decimal(totals["loss_amount"])),
        ("赔偿金额(元)", Decimal(totals["compensation_amount"])),
        ("上期受理投诉量", comparison.previous_totals["received"]),
        ("去年同期受理投诉量", comparison.year_before_totals["received"]),
    ]
    for title, value in facts:
        summary.cell(row, 1, title)
        summary.cell(row, 2, value)
        row += 1
    summary.column_dimensions["A"].width = 28

    regulator = book.create_sheet("监管季度统计表")
    regulator["A1"] = "投诉统计报表(报监管机构)"
    regulator["A1"].font = Font(bold=True, size=14)
    regulator["A2"] = f"统计期间:{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}"
    by_kind = selectors.compute(authority, period, "kind", now=now)
    _table(regulator, 4, "类型", by_kind.rows, REGULATOR,
           [("按时答复率", "on_time", "answered"), ("重复投诉率", "repeat", "received"),
            ("越级(督办)投诉率", "supervised", "received"),
            ("满意率", "satisfied", "satisfaction_measured")])  # fmt: skip
    regulator.column_dimensions["A"].width = 16

    _case_sheets(book, authority, period, now=now)
    out = BytesIO()
    save_workbook(book, out)  # to memory: not a database write
    return out.getvalue()


def _case_sheets(book: Workbook, authority: Authority, period: selectors.Period, *,
                 now: datetime) -> None:  # fmt: skip
    """客户投诉统计表 and 客户投诉分析表 (seed 001), a row per case received in the period;
    names masked for readers who do not see personal data."""
    methods = [term for term in HANDLING_METHODS if term.code in
               {"return", "exchange", "discount", "repair"}]  # fmt: skip
    listing = book.create_sheet("客户投诉统计表")
    headings = ["编号", "客户名称", "商品名称", "购货日期", "投诉种类", "投诉内容", "责任部门",
                *(term.name_zh for term in methods), "其他", "损失(元)"]  # fmt: skip
    listing.append(["客户投诉统计表"])
    listing["A1"].font = Font(bold=True, size=14)
    listing.append(headings)
    _bold(listing, 2)
    analysis = book.create_sheet("客户投诉分析表")
    analysis.append(["客户投诉分析表"])
    analysis["A1"].font = Font(bold=True, size=14)
    analysis.append(["编号", "客户名称", "受理日期", "投诉种类", "承诺期限", "投诉缘由",
                     "客户要求", "顾客期望是否达成", "实行主要措施"])  # fmt: skip
    _bold(analysis, 2)
    cases = selectors.figure_cases(authority, period, "received", now=now)
    codes = [term.code for term in methods]
    count = 0
    for case in cases.iterator(chunk_size=500):
        count += 1
        name = complainant(case, authority)["name"]
        kind = str(label(CaseKind(case.kind)))
        marks = ["✓" if case.result_method == code else "" for code in codes]
        other = "✓" if case.result_method and case.result_method not in codes else ""
        listing.append([
            case.number, name, case.subject_product,
            case.subject_purchase_date.isoformat() if case.subject_purchase_date else "",
            case.category.name_zh if case.category else kind, case.facts[:500],
            case.assigned_department.name if case.assigned_department else "",
            *marks, other, float(case.loss_amount) if case.loss_amount is not None else 0,
        ])  # fmt: skip
        satisfied = case.s_confirmed or (case.s_rated and not case.s_rated_low)
        achieved = "是" if satisfied else ("否" if case.s_unhappy or case.s_rated_low else "")
        analysis.append([
            case.number, name, local(case.received_at).strftime("%Y-%m-%d"),
            case.category.name_zh if case.category else kind,
            local(case.resolution_due).strftime("%Y-%m-%d") if case.resolution_due else "",
            case.facts[:500], case.demand[:500], achieved, case.plan[:500],
        ])  # fmt: skip
    loss_column = get_column_letter(len(headings))
    total = listing.max_row + 1
    listing.cell(total, 1, "合计")
    listing.cell(total, len(headings), f"=SUM({loss_column}3:{loss_column}{total - 1})"
                 if count else 0)  # fmt: skip
    _bold(listing, total)
    listing.append([])
    listing.append(["制表:", "", "审核:"])
    analysis.append([])
    analysis.append(["制表:", "", "审核:"])


@cache
def _font() -> str:
    if FONT_FILE.is_file():
        pdfmetrics.registerFont(ttfonts.TTFont(FONT, str(FONT_FILE)))
        return FONT
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def _p(text: Any, size: int = 8) -> Paragraph:
    escaped = str(text if text is not None else "").replace("&", "&amp;").replace("<", "&lt;")
    style = ParagraphStyle(f"s{size}", fontName=_font(), fontSize=size,
                           leading=round(size * 1.35), wordWrap="CJK")  # fmt: skip
    return Paragraph(escaped, style)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def pdf(authority: Authority, period: selectors.Period, *, now: datetime) -> bytes:
    with translation.override("zh-hans"):
        return _pdf(authority, period, now=now)


def _pdf(authority: Authority, period: selectors.Period, *, now: datetime) -> bytes:
    """The monthly report as PDF: the figures by category with totals, the rates, handling
    time, amounts and the comparison with the previous period and the year before."""
    out = BytesIO()
    document = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=12 * mm,
                                 rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                                 title=TITLE)  # fmt: skip
    story: list[Any] = [
        _p(TITLE, 16),
        Spacer(1, 3 * mm),
        _p(f"统计期间:{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}(按受理日期,北京时间)", 10),
        Spacer(1, 4 * mm),
    ]
    for by, heading in (("category", "投诉类别"), ("department", "责任部门")):
        result = selectors.compute(authority, period, by, now=now)
        data = [[_p(heading)] + [_p(title) for _n, title in SUMMARY] +
                [_p("按时答复率"), _p("满意率")]]  # fmt: skip
        for row in [*result.rows, {**result.totals, "name": "合计"}]:
            data.append(
                [_p(row["name"])]
                + [_p(row[name]) for name, _t in SUMMARY]
                + [_p(_rate(row["on_time_rate"])), _p(_rate(row["satisfaction_rate"]))]
            )
        table = Table(data, repeatRows=1, colWidths=[40 * mm] + [17 * mm] * 14)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f4f6")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))  # fmt: skip
        story += [table, Spacer(1, 5 * mm)]
    totals = selectors.compute(authority, period, "kind", now=now).totals
    comparison = selectors.compare(authority, period, now=now)
    changes = comparison.changes(totals, ["received"])["received"]
    average = totals["handling_days_avg"]
    median = totals["handling_days_median"]
    lines = [
        f"平均处理时长:{'—' if average is None else average} 个工作日;"
        f"中位数:{'—' if median is None else median} 个工作日",
        f"损失金额:{totals['loss_amount']} 元;赔偿金额:{totals['compensation_amount']} 元",
        f"重复投诉率:{_rate(totals['repeat_rate'])};再次投诉率:{_rate(totals['recomplaint_rate'])};"
        f"督办率:{_rate(totals['escalation_rate'])}",
        f"上期受理:{comparison.previous_totals['received']}"
        f"(环比 {_rate(changes['previous'])});"
        f"去年同期:{comparison.year_before_totals['received']}"
        f"(同比 {_rate(changes['year_before'])})",
    ]
    story += [_p(line, 10) for line in lines]
    document.build(story)
    return out.getvalue()
