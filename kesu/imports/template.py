"""The import templates: an .xlsx per source with our headings (required ones marked *), an
example row, and a sheet explaining every column and the regulators. Built from the same field
list the import reads, so the template and the import never disagree."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from kesu.imports.fields import REGULATORS, Source, fields_for

EXAMPLES: dict[Source, dict[str, str]] = {
    Source.TRANSFER: {
        "reference": "GD2026091500123",
        "regulator": "通管局",
        "received_at": "2026-09-15 10:00",
        "reply_due": "2026-09-22",
        "complainant_name": "王丽",
        "complainant_phone": "13812345678",
        "facts": "用户反映宽带多次报修未修复，要求尽快处理并减免当月费用。",
        "demand": "减免当月宽带费",
    },
    Source.HISTORY: {
        "reference": "TS2024-000123",
        "received_at": "2024-05-06 09:30",
        "status": "已结案",
        "closed_at": "2024-05-20",
        "department": "售后服务部",
        "outcome": "已上门维修并赔偿100元。",
        "satisfaction": "满意",
        "complainant_name": "李强",
        "complainant_phone": "13900001111",
        "facts": "空调安装后漏水。",
    },
}


def heading(source: Source, name: str) -> str:
    """The template's heading for a field: its first preset name, * when required."""
    spec = next(spec for spec in fields_for(source) if spec.name == name)
    return spec.headings[0] + ("*" if spec.required else "")


def template_workbook(source: Source) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 — only imports need it
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "导入" if source is Source.TRANSFER else "历史数据"
    specs = fields_for(source)
    sheet.append([heading(source, spec.name) for spec in specs])
    sheet.append([EXAMPLES[source].get(spec.name, "") for spec in specs])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, spec in enumerate(specs, start=1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = (
            40 if spec.name in {"facts", "outcome"} else 18
        )
    notes = workbook.create_sheet(_("Columns"))
    notes.append([_("Heading"), _("Field"), _("Required"), _("Also recognised"), _("Notes")])
    for spec in specs:
        notes.append(
            [
                spec.headings[0],
                str(spec.label),
                _("yes") if spec.required else "",
                "、".join(spec.headings[1:]),
                str(spec.help),
            ]
        )
    if source is Source.TRANSFER:
        notes.append([])
        notes.append([_("Regulator"), _("Code"), "", _("Also recognised")])
        for regulator in REGULATORS:
            notes.append([regulator.name_zh, regulator.code, "", "、".join(regulator.aliases)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
