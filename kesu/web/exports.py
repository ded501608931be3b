"""Exports of the case queue: the current view (filters, search, sort) to Excel or CSV. A small
list downloads at once; a longer one is written by the worker while its page shows the progress
(HTMX polling) and then the download. Only the exporter downloads their file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.core.errors import NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.exports import selectors
from kesu.exports.models import ExportJob
from kesu.exports.services import request_export
from kesu.web import display
from kesu.web.common import acting
from kesu.web.forms import QueueFilterForm
from kesu.web.queue import MAX_BACK

CONTENT_TYPES = {
    ExportJob.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportJob.CSV: "text/csv; charset=utf-8",
}


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """导出: the queue view the form carries (its query string) as a file."""
    authority, now = acting(request)
    if not authority.may(Permission.EXPORT_CASES):
        raise PermissionDenied(_("You may not export case lists."))
    query = request.POST.get("query", "")[:MAX_BACK]
    form = QueueFilterForm(QueryDict(query) or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the filter before exporting it."))
        return HttpResponseRedirect(reverse("web:queue") + (f"?{query}" if query else ""))
    try:
        job = request_export(
            authority=authority,
            filters=form.filters(due_soon_until=display.end_of_next_working_day(now)),
            sort=form.chosen_sort(),
            fmt=request.POST.get("format", ""),
            language=get_language() or "zh-hans",
            now=now,
        )
    except ServiceError as problem:
        messages.error(request, str(problem.message))
        return HttpResponseRedirect(reverse("web:queue") + (f"?{query}" if query else ""))
    if job.state == ExportJob.DONE:
        return HttpResponseRedirect(reverse("web:export-download", args=[job.pk]))
    return HttpResponseRedirect(reverse("web:export", args=[job.pk]))


def _own(request: HttpRequest, job_id: int) -> ExportJob:
    try:
        return selectors.own_export(request.user, job_id)  # type: ignore[arg-type]
    except NotFound as error:
        raise Http404(_("Export not found.")) from error


@login_required
@require_GET
def exports(request: HttpRequest) -> HttpResponse:
    jobs = selectors.own_exports(request.user)  # type: ignore[arg-type]
    return render(request, "web/exports.html", {"jobs": jobs})


@login_required
@require_GET
def export(request: HttpRequest, job_id: int) -> HttpResponse:
    """One export's progress; an HTMX request gets the status box only (polled until done)."""
    job = _own(request, job_id)
    template = "web/_export_status.html" if request.headers.get("HX-Request") else "web/export.html"
    return render(request, template, {"job": job})


@login_required
@require_GET
def download(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _own(request, job_id)
    path = selectors.file_of(job)
    if path is None:
        raise Http404(_("This export is not ready or has expired."))
    stamp = job.created_at.strftime("%Y%m%d-%H%M")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"kesu-cases-{stamp}.{job.format}",
        content_type=CONTENT_TYPES[job.format],
    )
