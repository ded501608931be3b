"""The import pages (issue 17): upload a regulator's transfer sheet or another system's history,
map its columns to our fields (the presets fill in what they recognise), check every row in a
dry run, then import the file — all of it or nothing. The templates are downloadable here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kesu.cases.models import Case
from kesu.core.errors import ServiceError
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Channel
from kesu.imports import selectors
from kesu.imports.fields import REGULATORS, Source, fields_for, regulator_by_code
from kesu.imports.models import ImportBatch
from kesu.imports.readers import UnreadableFile
from kesu.imports.services.runner import ImportReport, import_table
from kesu.imports.services.uploads import store_upload
from kesu.imports.template import template_workbook
from kesu.org.access import Authority
from kesu.web.common import acting

#: The channels an imported case has (transfers: the regulator; history: import).
IMPORT_CHANNELS = frozenset({Channel.REGULATOR, Channel.IMPORT})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _importer(request: HttpRequest) -> tuple[Authority, datetime]:
    authority, now = acting(request)
    if not authority.may(Permission.IMPORT_CASES):
        raise PermissionDenied(_("Imports are made by the complaint supervisors and managers."))
    return authority, now


def _regulators() -> list[tuple[str, str]]:
    english = (get_language() or "").startswith("en")
    return [(r.code, r.name_en if english else r.name_zh) for r in REGULATORS]


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The upload form, the templates and the imports so far."""
    authority, now = _importer(request)
    error, status = "", 200
    if request.method == "POST":
        source = request.POST.get("source", "")
        upload = request.FILES.get("file")
        regulator = regulator_by_code(request.POST.get("regulator", ""))
        if source not in {s.value for s in Source}:
            error = _("Choose what the file holds.")
        elif upload is None:
            error = _("Choose a file.")
        else:
            try:
                batch = store_upload(
                    upload=upload,
                    source=Source(source),
                    regulator=regulator,
                    authority=authority,
                    now=now,
                )
            except ServiceError as refused:
                error = str(refused.message)
            else:
                return redirect("web:import-batch", batch_id=batch.pk)
        status = 400
    context = {
        "regulators": _regulators(),
        "batches": selectors.recent_batches(),
        "error": error,
    }
    return render(request, "web/imports.html", context, status=status)


@login_required
@require_GET
def template(request: HttpRequest, source: str) -> HttpResponse:
    _importer(request)
    if source not in {s.value for s in Source}:
        raise Http404(_("No such template."))
    response = HttpResponse(template_workbook(Source(source)), content_type=XLSX)
    name = "kesu-transfer-template.xlsx" if source == "transfer" else "kesu-history-template.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def batch_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Map the columns, then a dry run or the import (the mapping is sent with either)."""
    authority, now = _importer(request)
    batch = selectors.batch_for(batch_id, authority.user.pk)
    if batch is None:
        raise Http404(_("Import not found."))
    source = Source(batch.source)
    mapping = dict(batch.mapping)
    regulator = regulator_by_code(batch.regulator)
    report: ImportReport | None = None
    status = 200
    if request.method == "POST" and batch.status != ImportBatch.IMPORTED:
        mapping = {
            spec.name: request.POST.get(f"map-{spec.name}", "")
            for spec in fields_for(source)
            if request.POST.get(f"map-{spec.name}", "") in batch.headings
        }
        regulator = regulator_by_code(request.POST.get("regulator", ""))
        dry_run = request.POST.get("step") != "import"
        try:
            report = import_table(
                table=selectors.batch_table(batch),
                source=source,
                mapping=mapping,
                authority=authority,
                now=now,
                dry_run=dry_run,
                regulator=regulator,
                file_name=batch.file_name,
                batch=batch,
            )
        except (ServiceError, UnreadableFile) as error:
            raise PermissionDenied(str(error)) from error
        status = 200 if report.ok else 400
        batch.refresh_from_db()
    columns = [
        {"field": spec, "heading": mapping.get(spec.name, "")} for spec in fields_for(source)
    ]
    context = {
        "batch": batch,
        "source": source,
        "columns": columns,
        "headings": [h for h in batch.headings if h],
        "regulators": _regulators(),
        "regulator": regulator.code if regulator else "",
        "report": report,
        "imported": batch.status == ImportBatch.IMPORTED,
    }
    return render(request, "web/import_batch.html", context, status=status)


def case_panel(case: Case, now: datetime) -> dict[str, Any]:
    """What the case page shows of an import: the regulator, its reference and reply-due date
    (late once passed on an open case), or the previous system's number and state."""
    if case.channel not in IMPORT_CHANNELS:  # no query for the cases registered here
        return {"imported": None}
    record = selectors.imported_facts(case)
    if record is None:
        return {"imported": None}
    regulator = regulator_by_code(record.regulator)
    english = (get_language() or "").startswith("en")
    return {
        "imported": {
            "source": record.source,
            "reference": record.reference,
            "regulator": (regulator.name_en if english else regulator.name_zh) if regulator else "",
            "reply_due": record.reply_due,
            "reply_late": bool(
                record.reply_due
                and case.is_open
                and not case.answered_at
                and record.reply_due < now
            ),
            "original_status": record.original.get("status", ""),
            "batch": record.batch,
        }
    }
