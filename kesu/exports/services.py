"""The exports' only writers: asking for an export, running it (in the worker, or at once when
it is small), and deleting expired files.

An export is a queue view — the /cases/ filters and sort — read through the queue's selector
with the exporter's visibility and masking, written by `tables.write_table`. Every case in the
file is on the record of personal-data reads as an EXPORT (kesu/cases/services/access.py).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.selectors import CaseFilters, QueueSort
from kesu.cases.services.access import record_exports
from kesu.core import clock
from kesu.core.errors import Forbidden, ServiceError
from kesu.core.sealed import seal, unseal
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import State
from kesu.exports import case_rows, tables
from kesu.exports.models import ExportJob
from kesu.library.selectors import resolve_text
from kesu.org.access import Authority, authority_of

logger = logging.getLogger("kesu.exports")

#: Up to this many rows an export is written during the request and downloaded at once;
#: larger ones go to the worker with progress on the page.
SMALL = 2000
#: A finished file is kept this long, then deleted (`manage.py expire_exports`, and each run).
KEEP = timedelta(hours=24)
#: One person's unfinished exports at a time.
MAX_PENDING = 3


def exports_dir() -> Path:
    path = Path(getattr(settings, "KESU_EXPORTS_DIR", settings.VAR_DIR / "exports"))
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- the request's filters, sealed --------------------------------------------------------


def _encode(filters: CaseFilters, sort: QueueSort) -> str:
    data = asdict(filters)
    data.pop("matched", None)  # resolved again in the worker, with its visibility
    for key, value in data.items():
        if isinstance(value, date | datetime):
            data[key] = value.isoformat()
    data["states"] = [str(s) for s in filters.states]
    return seal(json.dumps({"filters": data, "sort": sort.value}, ensure_ascii=False))


def decode(query: str) -> tuple[CaseFilters, QueueSort]:
    raw: dict[str, Any] = json.loads(unseal(query) or "{}")
    data = raw.get("filters", {})
    known = {f.name for f in fields(CaseFilters)} - {"matched"}
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    values["states"] = [State(s) for s in values.get("states", [])]
    for key in ("received_from", "received_to"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    if values.get("due_before"):
        values["due_before"] = datetime.fromisoformat(values["due_before"])
    return CaseFilters(**values), QueueSort(raw.get("sort", QueueSort.NEWEST.value))


# --- asking -----------------------------------------------------------------------------------


def request_export(
    *,
    authority: Authority,
    filters: CaseFilters,
    sort: QueueSort,
    fmt: str,
    language: str,
    now: datetime,
) -> ExportJob:
    """Record an export of the queue view `filters`/`sort`; a small one is written at once,
    a larger one is handed to the worker after commit (`tasks.run_export`)."""
    if not authority.may(Permission.EXPORT_CASES):
        raise Forbidden("forbidden", _("You may not export case lists."))
    if fmt not in (ExportJob.XLSX, ExportJob.CSV):
        raise ServiceError("invalid_format", _("Choose Excel or CSV."), field="format")
    pending = ExportJob.objects.filter(
        owner=authority.user, state__in=(ExportJob.QUEUED, ExportJob.RUNNING)
    ).count()
    if pending >= MAX_PENDING:
        raise ServiceError(
            "too_many_exports", _("Wait until one of your exports is ready."), field="format"
        )
    total = case_rows.count(authority, _resolved(authority, filters), now=now)
    with transaction.atomic():
        job = ExportJob.objects.create(
            owner=authority.user,
            format=fmt,
            query=_encode(filters, sort),
            language=language[:10],
            total=total,
            created_at=now,
        )
        if total > SMALL:
            from kesu.exports.tasks import run_export  # noqa: PLC0415  (tasks import services)

            transaction.on_commit(lambda: run_export.enqueue(job_id=job.pk))
    if total <= SMALL:
        run(job.pk)
        job.refresh_from_db()
    return job


def _resolved(authority: Authority, filters: CaseFilters) -> CaseFilters:
    """The search box's text resolved as the queue resolves it: identifiers first, then
    full-text search."""
    filters = selectors.resolve_search(filters, personal=authority.sees_personal_data)
    return resolve_text(authority, filters)


# --- running ----------------------------------------------------------------------------------


def _claim(job_id: int, now: datetime) -> ExportJob | None:
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != ExportJob.QUEUED:
            return None  # a second run of the same task: nothing to do
        job.state, job.started_at = ExportJob.RUNNING, now
        job.save(update_fields=["state", "started_at"])
    return job


def _progress(job: ExportJob, done: int) -> None:
    ExportJob.objects.filter(pk=job.pk).update(done=done)


def run(job_id: int) -> str:
    """Write the export's file (the worker's task, or the request for a small one); returns
    the state it ends in. Runs at most once per job."""
    job = _claim(job_id, clock.now())
    if job is None:
        return "skipped"
    path = exports_dir() / f"kesu-export-{job.pk}.{job.format}"
    try:
        now = clock.now()
        authority = authority_of(job.owner, now=now)
        filters, sort = decode(job.query)
        filters = _resolved(authority, filters)
        written: list[int] = []

        def rows() -> Any:
            for case in case_rows.cases(authority, filters, sort=sort, now=now):
                written.append(case.pk)
                if len(written) >= 2000:
                    record_exports(authority, written, now=now, detail=f"export {job.pk}")
                    written.clear()
                yield case_rows.row(case, authority)

        with translation.override(job.language):
            count = tables.write_table(
                path,
                headings=case_rows.headings(),
                rows=rows(),
                fmt=job.format,
                title=_("Cases"),
                progress=lambda n: _progress(job, n),
            )
        record_exports(authority, written, now=now, detail=f"export {job.pk}")
    except Exception as error:  # any failure: the job says so, the half file goes
        logger.exception("export %s failed", job.pk)
        path.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            state=ExportJob.FAILED, error=str(error)[:200], finished_at=clock.now()
        )
        return ExportJob.FAILED
    finished = clock.now()
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.DONE,
        done=count,
        total=count,
        file_name=path.name,
        size=path.stat().st_size,
        finished_at=finished,
        expires_at=finished + KEEP,
    )
    return ExportJob.DONE


def expire_exports(*, now: datetime) -> int:
    """Delete the files whose time is up and mark their exports expired; returns how many."""
    expired = 0
    for job in ExportJob.objects.filter(state=ExportJob.DONE, expires_at__lte=now):
        if job.file_name:
            (exports_dir() / job.file_name).unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.EXPIRED, file_name="")
        expired += 1
    return expired
