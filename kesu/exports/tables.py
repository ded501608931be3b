"""Writing a table — headings and rows — to Excel (.xlsx) or CSV, in constant memory.

`write_table` is the engine every export uses: the queue's case lists here, and the statistics
tables (kesu.stats), which only need to pass their headings and rows. Excel is written with
XlsxWriter in constant-memory mode (each row is flushed to
disk as it is written; every value through its typed writer, so text is never read as a formula
or a link); CSV is UTF-8 with a byte-order
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

import xlsxwriter
from django.utils import timezone

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
        count = _write_xlsx(path, headings, rows, title=title, progress=progress, every=every)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    if progress:
        progress(count)
    return count


def _write_xlsx(
    path: Path,
    headings: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    progress: Callable[[int], None] | None,
    every: int,
) -> int:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent)})
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.freeze_panes(1, 0)
    for column, heading in enumerate(headings):
        sheet.write_string(0, column, str(heading), bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, raw in enumerate(row):
            value = plain(raw)
            if isinstance(value, datetime):
                sheet.write_datetime(count, column, value, moment)
            elif isinstance(value, date):
                sheet.write_datetime(count, column, value, day)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(count, column, float(value))
            elif value != "":
                sheet.write_string(count, column, value)
        if progress and count % every == 0:
            progress(count)
        if count >= MAX_ROWS:
            break
    book.close()
    return count
