"""Checking one row of a sheet and turning it into what the import writes. Every problem is a
`RowError` naming the row, the column heading as the sheet has it and what is wrong, in the
user's language; a row with no problem becomes a `TransferRow` or a `HistoryRow`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kesu.cases.services.limits import NUL, PHONE_PATTERN, TEXT_LIMITS, text_problem
from kesu.cases.services.registration import Registration
from kesu.deadlines.services import FIRST_YEAR
from kesu.domain.vocabulary import CaseKind, Channel
from kesu.imports.fields import Field, Regulator, Source, fields_for, regulator_named
from kesu.imports.readers import Cell
from kesu.imports.selectors import import_lookups

#: Imported history gets a number of its own: this prefix and the old system's number (the
#: year's sequence of new cases is not touched; see docs/imports.md).
HISTORY_PREFIX = "H-"
REFERENCE_MAX = 60
HISTORY_REFERENCE_MAX = 40 - len(HISTORY_PREFIX)
#: What may stand in a reference: it becomes part of a page address for history.
REFERENCE_PATTERN = re.compile(r"^[^\s/\\?#%]+$")
OUTCOME_MAX = 10_000
MAX_CLOCK_SKEW = timedelta(minutes=5)

CLOSED_WORDS = frozenset(
    {"已结案", "结案", "已办结", "办结", "已完成", "完成", "已关闭", "关闭", "已解决", "closed"}
)
OPEN_WORDS = frozenset(
    {"处理中", "未结案", "未办结", "待处理", "已受理", "办理中", "进行中", "open", "未完成"}
)
SATISFACTION_WORDS = {
    "非常满意": 5,
    "很满意": 5,
    "满意": 4,
    "基本满意": 3,
    "一般": 3,
    "不满意": 2,
    "非常不满意": 1,
    "很不满意": 1,
}
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H:%M",
    "%Y年%m月%d日",
)


@dataclass(frozen=True)
class RowError:
    row: int  # 0: the file as a whole (a required column is not mapped)
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return _("Column %(column)s: %(message)s") % {
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class TransferRow:
    row: int
    regulator: Regulator
    reference: str
    registration: Registration


@dataclass(frozen=True)
class HistoryRow:
    row: int
    reference: str
    registration: Registration
    received_at: datetime
    closed: bool
    status_text: str
    closed_at: datetime | None
    department_id: int | None
    category_id: int | None
    outcome: str
    satisfaction: int | None


class RowChecker:
    """Checks rows of one file against one mapping (`{field: heading}`), reading the category
    and department lists once."""

    def __init__(
        self,
        *,
        source: Source,
        headings: list[str],
        mapping: dict[str, str],
        now: datetime,
        regulator: Regulator | None = None,
    ) -> None:
        self.source = source
        self.now = now
        self.regulator = regulator
        self.specs = {spec.name: spec for spec in fields_for(source)}
        self.mapping = {f: h for f, h in mapping.items() if f in self.specs and h in headings}
        self.index = {f: headings.index(h) for f, h in self.mapping.items()}
        self.categories, self.departments = import_lookups()
        self.seen: dict[tuple[str, str], int] = {}

    def file_errors(self) -> list[RowError]:
        """Required fields without a column, and a transfer file without a regulator."""
        errors = [
            RowError(0, str(spec.label), _("No column of the file is mapped to this field."))
            for spec in self.specs.values()
            if spec.required and spec.name not in self.mapping
        ]
        if (
            self.source is Source.TRANSFER
            and self.regulator is None
            and "regulator" not in self.mapping
        ):
            errors.append(
                RowError(
                    0,
                    str(self.specs["regulator"].label),
                    _("Choose the regulator the file comes from, or map its column."),
                )
            )
        return errors

    def column(self, name: str) -> str:
        return self.mapping.get(name) or str(self.specs[name].label)

    def check(self, number: int, cells: list[Cell]) -> tuple[Any, list[RowError]]:
        """The row's value (None when it has errors) and its errors."""
        row = _Row(self, number, cells)
        value = self._transfer(row) if self.source is Source.TRANSFER else self._history(row)
        return (value if not row.errors else None), row.errors

    def _common(self, row: _Row) -> dict[str, Any]:
        values = {
            name: row.text(name)
            for name in (
                "complainant_name",
                "complainant_phone",
                "complainant_address",
                "facts",
                "demand",
                "subject_product",
                "subject_order_number",
            )
        }
        for name, value in values.items():
            if _plainly_fine(name, value):
                continue  # the common case, without building the rules' messages per cell
            problem = text_problem(name, value)
            if problem is not None:
                row.error(name, problem.message)
        values["category_code"] = row.category()
        return values

    def _transfer(self, row: _Row) -> TransferRow | None:
        reference = row.reference(REFERENCE_MAX)
        regulator = self.regulator
        named = row.text("regulator")
        if named:
            regulator = regulator_named(named)
            if regulator is None:
                row.error("regulator", _("Unknown regulator: %(name)s.") % {"name": named})
        received_at = row.moment("received_at")
        reply_due = row.moment("reply_due", end_of_day=True)
        if reply_due is not None and received_at is not None and reply_due < received_at:
            row.error("reply_due", _("The reply-due date is before the transfer date."))
        values = self._common(row)
        if regulator is not None and reference:
            self._once(row, regulator.code, reference)
        if row.errors or regulator is None:
            return None
        registration = Registration(
            channel=Channel.REGULATOR,
            kind=CaseKind.COMPLAINT,
            received_at=received_at,
            external_due=reply_due,
            **values,
        )
        return TransferRow(row.number, regulator, reference, registration)

    def _history(self, row: _Row) -> HistoryRow | None:
        reference = row.reference(HISTORY_REFERENCE_MAX)
        received_at = row.moment("received_at")
        status_text = row.text("status")
        closed = status_text.lower() in CLOSED_WORDS
        if status_text and not closed and status_text.lower() not in OPEN_WORDS:
            row.error(
                "status",
                _("Unknown status %(value)s: write 已结案 (closed) or 处理中 (open).")
                % {"value": status_text},
            )
        closed_at = row.moment("closed_at")
        if closed and closed_at is None and "closed_at" not in row.errored:
            row.error("closed_at", _("A closed case needs the day it was closed."))
        if closed_at is not None and received_at is not None and closed_at < received_at:
            row.error("closed_at", _("The closing date is before the received date."))
        outcome = row.text("outcome")
        if len(outcome) > OUTCOME_MAX:
            row.error("outcome", _("Too long: at most %(max)s characters.") % {"max": OUTCOME_MAX})
        values = self._common(row)
        if reference:
            self._once(row, "", reference)
        department_id = row.department()
        satisfaction = row.satisfaction()
        if row.errors or received_at is None:
            return None
        registration = Registration(
            channel=Channel.IMPORT, kind=CaseKind.COMPLAINT, received_at=received_at, **values
        )
        return HistoryRow(
            row=row.number,
            reference=reference,
            registration=registration,
            received_at=received_at,
            closed=closed,
            status_text=status_text,
            closed_at=closed_at if closed else None,
            department_id=department_id,
            category_id=self.categories.get(values["category_code"] or "", (None, None))[1],
            outcome=outcome,
            satisfaction=satisfaction,
        )

    def _once(self, row: _Row, regulator: str, reference: str) -> None:
        key = (regulator, reference)
        first = self.seen.setdefault(key, row.number)
        if first != row.number:
            row.error(
                "reference",
                _("The same reference is already in row %(row)s of this file.") % {"row": first},
            )


class _Row:
    """One row being checked: its cells by field and the errors found so far."""

    def __init__(self, checker: RowChecker, number: int, cells: list[Cell]) -> None:
        self.checker = checker
        self.number = number
        self.cells = cells
        self.errors: list[RowError] = []
        self.errored: set[str] = set()

    def error(self, name: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.checker.column(name), message))
        self.errored.add(name)

    def cell(self, name: str) -> Cell:
        index = self.checker.index.get(name)
        return self.cells[index] if index is not None else None

    def spec(self, name: str) -> Field:
        return self.checker.specs[name]

    def text(self, name: str) -> str:
        value = _text(self.cell(name))
        if not value and name in self.checker.specs and self.spec(name).required:
            self.error(name, _("This field is required."))
        return value

    def reference(self, limit: int) -> str:
        value = self.text("reference")
        if not value:
            return ""
        if len(value) > limit:
            self.error("reference", _("Too long: at most %(max)s characters.") % {"max": limit})
        elif not REFERENCE_PATTERN.match(value):
            self.error("reference", _("A reference may not contain spaces, / \\ ? # or %."))
        return value

    def moment(self, name: str, *, end_of_day: bool = False) -> datetime | None:
        cell = self.cell(name)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if name in self.checker.specs and self.spec(name).required:
                self.error(name, _("This field is required."))
            return None
        value = _moment(cell, end_of_day=end_of_day)
        if value is None:
            self.error(name, _("Not a date: write it as 2026-09-28 or 2026-09-28 10:30."))
            return None
        if value.year < FIRST_YEAR:
            self.error(name, _("The date must be in the year 2000 or later."))
            return None
        if name != "reply_due" and value > self.checker.now + MAX_CLOCK_SKEW:
            self.error(name, _("The date cannot be in the future."))
            return None
        return value

    def category(self) -> str | None:
        value = self.text("category")
        if not value:
            return None
        found = self.checker.categories.get(value)
        if found is None:
            self.error("category", _("Unknown category: %(code)s.") % {"code": value})
            return None
        return found[0]

    def department(self) -> int | None:
        value = self.text("department")
        if not value:
            return None
        found = self.checker.departments.get(value)
        if found is None:
            self.error("department", _("Unknown department: %(name)s.") % {"name": value})
        return found

    def satisfaction(self) -> int | None:
        value = self.text("satisfaction")
        if not value:
            return None
        mark = SATISFACTION_WORDS.get(value)
        if mark is None and value.isdigit() and 1 <= int(value) <= 5:
            mark = int(value)
        if mark is None:
            self.error(
                "satisfaction",
                _("Write the satisfaction as a mark from 1 to 5 or as 满意, 一般, 不满意 …"),
            )
        return mark


_PHONE = re.compile(PHONE_PATTERN)


def _plainly_fine(name: str, value: str) -> bool:
    """Whether `value` passes the registration's text rules (`limits.text_problem`) for sure."""
    if not value:
        return True
    if NUL in value or len(value) > TEXT_LIMITS.get(name, len(value)):
        return False
    return name != "complainant_phone" or _PHONE.fullmatch(value.strip()) is not None


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a phone number or a reference Excel stored as a number
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    return str(cell).strip()


def _moment(cell: Cell, *, end_of_day: bool) -> datetime | None:
    """A cell as a moment in the configured time zone; a day alone is its start (or its end
    for a due date: the regulator's "答复期限 10月15日" runs to the end of that day)."""
    if isinstance(cell, datetime):
        value = cell
    elif isinstance(cell, date):
        value = datetime.combine(cell, time())
    else:
        text = _text(cell).replace("T", " ")
        value = next((v for f in DATE_FORMATS if (v := _parse(text, f)) is not None), None)
        if value is None:
            return None
    if value.tzinfo is None:
        if end_of_day and value.time() == time():
            value = datetime.combine(value.date(), time(23, 59, 59))
        value = timezone.make_aware(value)
    return value


def _parse(text: str, pattern: str) -> datetime | None:
    try:
        return datetime.strptime(text, pattern)
    except ValueError:
        return None
