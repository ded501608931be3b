"""Real files for the import tests: .xlsx built with openpyxl, .csv in a chosen encoding."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

TRANSFER_HEADINGS = ["工单编号", "转办时间", "答复期限", "诉求人", "联系电话", "诉求内容"]
HISTORY_HEADINGS = [
    "原投诉编号",
    "受理时间",
    "状态",
    "结案时间",
    "责任部门",
    "投诉分类",
    "处理结果",
    "满意度",
    "投诉人",
    "联系电话",
    "投诉内容",
]


def xlsx(path: Path, headings: list[str], rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def csv_file(path: Path, headings: list[str], rows: list[list[Any]], encoding: str) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def transfer_row(reference: str, **over: Any) -> list[Any]:
    values = {
        "工单编号": reference,
        "转办时间": "2026-09-14 10:00",
        "答复期限": "2026-09-30",
        "诉求人": "王丽",
        "联系电话": "13812345678",
        "诉求内容": f"用户反映宽带故障多次报修未修复（{reference}）。",
    } | over
    return [values[h] for h in TRANSFER_HEADINGS]


def history_row(reference: str, **over: Any) -> list[Any]:
    values = {
        "原投诉编号": reference,
        "受理时间": "2024-05-06 09:30",
        "状态": "已结案",
        "结案时间": "2024-05-20",
        "责任部门": "售后服务部",
        "投诉分类": "",
        "处理结果": "已上门维修并赔偿100元。",
        "满意度": "满意",
        "投诉人": "李强",
        "联系电话": "13900001111",
        "投诉内容": f"空调安装后漏水（{reference}）。",
    } | over
    return [values[h] for h in HISTORY_HEADINGS]
