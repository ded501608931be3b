"""Writing a table — headings and rows — to Excel (.xlsx) or CSV, in constant memory.

`write_table` is the engine every export uses: the queue's case lists here, and the statistics
tables (kesu.stats), which only need to pass their headings and rows. Excel is written with
openpyxl's write-only mode (rows go straight to the zip stream); CSV is UTF-8 with a byte-order
mark, so Excel opens the Chinese right. Cells that a spreadsheet would run as a formula (text
starting with = + - @) are written as text, so a complainant cannot plant a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.writer.excel import save_workbook

XLSX = "xlsx"
CSV = "csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Excel's sheet holds 1,048,576 rows; an export stops short of it.
MAX_ROWS = 1_000_000


def plain(value: Any) -> Any:
    """A cell value: local wall-clock time without a zone (Excel has none), text guarded
    against formulas, numbers as numbers, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date | int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_value(value: Any) -> str:
    value = plain(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def write_table(
    path: Path,
    *,
    headings: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: str,
    title: str = "Sheet1",
    progress: Callable[[int], None] | None = None,
    every: int = 2000,
) -> int:
    """Write `headings` and `rows` to `path` as `fmt` ("xlsx" or "csv"); `progress(n)` is
    called every `every` rows and at the end. Returns the number of rows written."""
    count = 0
    if fmt == CSV:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([str(h) for h in headings])
            for row in rows:
                writer.writerow([_csv_value(v) for v in row])
                count += 1
                if progress and count % every == 0:
                    progress(count)
                if count >= MAX_ROWS:
                    break
    elif fmt == XLSX:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=title[:31])
        bold = Font(bold=True)
        header = []
        for heading in headings:
            cell = WriteOnlyCell(sheet, value=str(heading))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([plain(v) for v in row])
            count += 1
            if progress and count % every == 0:
                progress(count)
            if count >= MAX_ROWS:
                break
        save_workbook(book, str(path))  # (a file, not a row: `book.save` reads as one)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    if progress:
        progress(count)
    return count
