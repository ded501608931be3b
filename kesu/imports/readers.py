"""Reading a sheet: `.xlsx` through openpyxl's read-only mode (rows streamed, not the whole
workbook in memory), `.csv` in UTF-8 (with or without BOM) or GB18030 (what Excel on a Chinese
Windows writes; a superset of GBK and GB2312).

A table is its headings (the first row with any value) and its data rows, each with the row
number a person sees in Excel, so errors point at the right line."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

Cell = str | int | float | datetime | date | None

#: A data row: its number in the sheet and its cells (as many as there are headings).
Row = tuple[int, list[Cell]]


class UnreadableFile(Exception):
    """The file is not a sheet we can read; the message says why, in the user's language."""


@dataclass
class Table:
    headings: list[str]
    path: Path
    kind: str  # "xlsx" or "csv"
    encoding: str = ""

    def rows(self) -> Iterator[Row]:
        """The data rows, streamed again on each call (the import reads the file twice: once
        to check every row, once to write)."""
        reader = _xlsx_rows if self.kind == "xlsx" else _csv_rows
        first = True
        for number, cells in reader(self.path, self.encoding):
            if first:  # the heading row
                if any(_filled(c) for c in cells):
                    first = False
                continue
            if not any(_filled(c) for c in cells):
                continue  # blank lines in the middle or at the end of a sheet
            width = len(self.headings)
            yield number, (list(cells) + [None] * width)[:width]


def open_table(path: Path, name: str | None = None) -> Table:
    """The table in the file at `path` (`name`: the uploaded file's name, for its extension)."""
    suffix = Path(name or path.name).suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        kind, encoding = "xlsx", ""
    elif suffix == ".csv":
        kind, encoding = "csv", detect_encoding(path)
    else:
        raise UnreadableFile(_("Only .xlsx and .csv files can be imported."))
    reader = _xlsx_rows if kind == "xlsx" else _csv_rows
    for _number, cells in reader(path, encoding):
        if any(_filled(c) for c in cells):
            headings = [str(c).strip() if c is not None else "" for c in cells]
            while headings and not headings[-1]:
                headings.pop()
            return Table(headings=headings, path=path, kind=kind, encoding=encoding)
    raise UnreadableFile(_("The file has no heading row."))


def detect_encoding(path: Path) -> str:
    """`utf-8-sig` when the file has a BOM or decodes as UTF-8, else `gb18030`."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8-sig"
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The file is neither UTF-8 nor GB18030 text; save it again as CSV UTF-8.")
        ) from error
    return "gb18030"


def _filled(cell: Cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _xlsx_rows(path: Path, _encoding: str) -> Iterator[tuple[int, list[Cell]]]:
    from openpyxl import load_workbook  # noqa: PLC0415 — only imports need it
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise UnreadableFile(_("The file is not a readable .xlsx workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(v) for v in values]
    finally:
        workbook.close()


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | datetime | date):
        return value  # type: ignore[return-value]
    return str(value)


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[Cell]]]:
    with path.open(encoding=encoding, newline="") as handle:
        yield from _csv_lines(handle)


def _csv_lines(handle: IO[str]) -> Iterator[tuple[int, list[Cell]]]:
    reader = csv.reader(handle)
    try:
        # The row number as Excel shows it: records, not lines (a quoted cell may span lines).
        for number, values in enumerate(reader, start=1):
            yield number, [v if v != "" else None for v in values]
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
        ) from error
