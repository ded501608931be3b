"""Importing one file: every row checked first, then all of it written in one transaction or
nothing at all.

A dry run stops after the check and stores nothing. A real run checks again (the file is read
twice, streamed, so 100,000 rows never sit in memory at once) and writes every row whose
reference was not imported before; a row already imported is counted and skipped, so importing
the same file twice creates nothing the second time and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.core.errors import Forbidden, ServiceError
from kesu.domain.permissions import Permission
from kesu.imports import selectors
from kesu.imports.fields import Regulator, Source
from kesu.imports.models import ImportBatch, ImportedCase
from kesu.imports.readers import Table
from kesu.imports.rows import HISTORY_PREFIX, HistoryRow, RowChecker, RowError, TransferRow
from kesu.imports.services.history import write_history
from kesu.intake.services import arrival as on_arrival
from kesu.org.access import Authority

#: Errors kept for the report (the count is always complete).
MAX_ERRORS = 1000
#: History rows written per bulk statement.
CHUNK = 500
#: Case numbers listed in the report.
MAX_NUMBERS = 50


@dataclass
class ImportReport:
    source: Source
    dry_run: bool
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    #: Rows that would be (dry run) or were imported.
    new: int = 0
    #: Rows whose reference was imported before (skipped).
    already: int = 0
    numbers: list[str] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_errors(self, errors: list[RowError]) -> None:
        self.error_count += len(errors)
        room = MAX_ERRORS - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])


@dataclass(frozen=True)
class _Job:
    table: Table
    source: Source
    mapping: dict[str, str]
    regulator: Regulator | None
    file_name: str
    authority: Authority
    now: datetime


class _Refused(Exception):
    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_table(
    *,
    table: Table,
    source: Source,
    mapping: dict[str, str],
    authority: Authority,
    now: datetime,
    dry_run: bool,
    regulator: Regulator | None = None,
    file_name: str = "",
    batch: ImportBatch | None = None,
) -> ImportReport:
    """Check (and unless `dry_run`, import) every row of `table`. `mapping` is
    `{our field: the sheet's heading}`; `regulator` the one a transfer file comes from when it
    has no regulator column. Refused rows leave everything unwritten."""
    if not authority.may(Permission.IMPORT_CASES):
        raise Forbidden("not_allowed", _("Your role cannot import cases."))
    report = ImportReport(source=source, dry_run=dry_run)
    checker = _checker(table, source, mapping, regulator, now)
    report.add_errors(checker.file_errors())
    if not report.ok:
        return report
    keys = []
    for _number, value in _checked(table, checker, report):
        if value is not None:
            keys.append(_key(value))
    already = selectors.already_imported(source.value, keys)
    report.already = len(already)
    report.new = len(keys) - len(already)
    if not report.ok or dry_run:
        return report
    job = _Job(table, source, mapping, regulator, file_name, authority, now)
    try:
        with transaction.atomic():
            _write(job, batch, report)
    except _Refused as refused:
        report.add_errors([refused.error])
        report.new, report.numbers, report.batch_id = 0, [], None
    except IntegrityError:
        report.add_errors(
            [RowError(0, _("Reference"), _("Another import of these rows ran at the same time; "
                                           "run this one again to see what is left."))]
        )  # fmt: skip
        report.new, report.numbers, report.batch_id = 0, [], None
    return report


def _checker(
    table: Table,
    source: Source,
    mapping: dict[str, str],
    regulator: Regulator | None,
    now: datetime,
) -> RowChecker:
    return RowChecker(
        source=source, headings=table.headings, mapping=mapping, now=now, regulator=regulator
    )


def _checked(
    table: Table, checker: RowChecker, report: ImportReport | None
) -> Iterator[tuple[int, Any]]:
    for number, cells in table.rows():
        value, errors = checker.check(number, cells)
        if report is not None:
            report.rows += 1
            report.add_errors(errors)
        yield number, value


def _key(value: TransferRow | HistoryRow) -> tuple[str, str]:
    regulator = value.regulator.code if isinstance(value, TransferRow) else ""
    return regulator, value.reference


def _write(job: _Job, batch: ImportBatch | None, report: ImportReport) -> None:
    table, source, authority, now = job.table, job.source, job.authority, job.now
    batch = _batch(job, batch)
    report.batch_id = batch.pk
    checker = _checker(table, source, job.mapping, job.regulator, now)  # a fresh memory
    values: list[HistoryRow] = []
    for number, value in _checked(table, checker, None):
        if value is None:  # the file changed between the two readings
            raise _Refused(RowError(number, "", _("The row changed while it was imported.")))
        if isinstance(value, TransferRow):
            _transfer(value, checker, batch, job, report)
            continue
        values.append(value)
        if len(values) >= CHUNK:
            _flush_history(_new(values, source), batch, authority, now, report)
            values = []
    if values:
        _flush_history(_new(values, source), batch, authority, now, report)
    batch.rows, batch.created, batch.already = report.rows, report.new, report.already
    batch.status, batch.imported_at = ImportBatch.IMPORTED, now
    batch.save(update_fields=["rows", "created", "already", "status", "imported_at"])


def _new(values: list[HistoryRow], source: Source) -> list[HistoryRow]:
    found = selectors.already_imported(source.value, [_key(v) for v in values])
    return [v for v in values if _key(v) not in found]


def _flush_history(
    rows: list[HistoryRow],
    batch: ImportBatch,
    authority: Authority,
    now: datetime,
    report: ImportReport,
) -> None:
    if not rows:
        return
    taken = set(
        Case.objects.filter(number__in=[HISTORY_PREFIX + r.reference for r in rows]).values_list(
            "number", flat=True
        )
    )
    for row in rows:
        if HISTORY_PREFIX + row.reference in taken:
            raise _Refused(
                RowError(row.row, _("Original number"), _("A case with this number exists."))
            )
    cases = write_history(rows, batch=batch, authority=authority, now=now)
    _numbers(report, [case.number for case in cases])


def _transfer(
    value: TransferRow, checker: RowChecker, batch: ImportBatch, job: _Job, report: ImportReport
) -> None:
    authority, now = job.authority, job.now
    if selectors.already_imported("transfer", [_key(value)]):
        return
    key = f"transfer:{value.regulator.code}:{value.reference}"
    try:
        # On arrival (kesu.intake): numbered, and placed in a batch or group complaint with
        # similar ones. Never folded into the caller's open case as 催办: the transfer's own
        # reference and reply-due date must run on a case of their own.
        case = on_arrival.receive(
            value.registration,
            authority=authority,
            now=now,
            idempotency_key=key,
            attach_repeats=False,
        ).case
    except ServiceError as error:
        column = checker.column(error.field) if error.field in checker.specs else ""
        raise _Refused(RowError(value.row, column, str(error.message))) from error
    ImportedCase.objects.create(
        case=case,
        batch=batch,
        source=Source.TRANSFER.value,
        regulator=value.regulator.code,
        reference=value.reference,
        reply_due=value.registration.external_due,
    )
    _numbers(report, [case.number])


def _numbers(report: ImportReport, numbers: list[str]) -> None:
    room = MAX_NUMBERS - len(report.numbers)
    if room > 0:
        report.numbers.extend(numbers[:room])


def _batch(job: _Job, batch: ImportBatch | None) -> ImportBatch:
    regulator = job.regulator
    if batch is not None:
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == ImportBatch.IMPORTED:
            raise _Refused(RowError(0, "", _("This upload was imported already.")))
        batch.mapping = job.mapping
        batch.regulator = regulator.code if regulator else ""
        batch.save(update_fields=["mapping", "regulator"])
        return batch
    return ImportBatch.objects.create(
        source=job.source.value,
        regulator=regulator.code if regulator else "",
        file_name=(job.file_name or job.table.path.name)[:200],
        sha256=file_sha256(job.table.path),
        headings=job.table.headings,
        mapping=job.mapping,
        uploaded_by=job.authority.user,
        uploaded_at=job.now,
    )
