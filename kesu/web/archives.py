"""Archive pages (`/archives/`): the archives a person could ask to read, the 查阅档案审批表
(who, why, how long), the approver's decisions, destruction with the general manager's
approval, and the whole case file as one PDF (registration and handling forms, decisions,
evidence list, history) — for a confidential archive only while an approved reading runs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from kesu.archives import selectors, services
from kesu.archives.models import Archive
from kesu.cases import selectors as case_selectors
from kesu.cases.models import AccessRecord, Case
from kesu.cases.services.access import record_access
from kesu.core.errors import NotFound, ServiceError
from kesu.core.labels import label
from kesu.decisions.models import Deliberation
from kesu.domain.deliberation import Grounds
from kesu.domain.permissions import Permission
from kesu.org.access import Authority
from kesu.web import printing
from kesu.web.common import acting


class RequestForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why you need to read it"), max_length=200)
    days = forms.IntegerField(
        label=gettext_lazy("For how many days"),
        min_value=1,
        max_value=settings.KESU_ARCHIVE_ACCESS_MAX_DAYS,
        initial=3,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


@login_required
@require_GET
def archive_list(request: HttpRequest) -> HttpResponse:
    authority, now = acting(request)
    rows = [
        (a, selectors.running_grant(authority, a, now))
        for a in selectors.archives(authority)[: selectors.LIMIT]
    ]
    context = {
        "rows": rows,
        "mine": list(selectors.my_requests(authority)[:50]),
        "waiting": selectors.waiting_for(authority),
        "destructions": list(selectors.destructions_waiting(authority)),
        "now": now,
    }
    return render(request, "web/archives/list.html", context)


def _found(authority: Authority, number: str) -> Archive:
    found = selectors.get_archive(authority, number)
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def archive_page(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    found = _found(authority, number)
    return _page(request, authority, found, now)


def _page(
    request: HttpRequest, authority: Authority, found: Archive, now: Any, *, status: int = 200,
    form: RequestForm | None = None,
) -> HttpResponse:  # fmt: skip
    grant = selectors.running_grant(authority, found, now)
    context = {
        "archive": found,
        "grant": grant,
        "readable": not found.confidential or grant is not None,
        "form": form or RequestForm(),
        "reason_form": ReasonForm(),
        "may_keep": authority.may(Permission.KEEP_ARCHIVES),
    }
    return render(request, "web/archives/archive.html", context, status=status)


@login_required
@require_POST
def act(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    found = _found(authority, number)
    step = request.POST.get("step", "")
    try:
        if step == "request":
            form = RequestForm(request.POST)
            if not form.is_valid():
                return _page(request, authority, found, now, status=400, form=form)
            services.request_access(
                authority, number, reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"], now=now,
            )  # fmt: skip
            messages.success(request, _("Your request waits for approval."))
        elif step == "confidential":
            services.mark_confidential(authority, number, now=now)
            messages.success(request, _("The archive is confidential now."))
        elif step == "destroy":
            reason = ReasonForm(request.POST)
            if not reason.is_valid():
                return _page(request, authority, found, now, status=400)
            services.request_destruction(
                authority, number, reason=reason.cleaned_data["reason"], now=now
            )
            messages.success(request, _("The destruction waits for the general manager."))
        else:
            return HttpResponse(status=400)
    except NotFound as error:
        raise Http404 from error
    except ServiceError as error:
        messages.error(request, str(error.message))
    return redirect("web:archive", number=number)


@login_required
@require_POST
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    authority, now = acting(request)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_access(
            authority, request_id, approve=approve, now=now,
            note=request.POST.get("note", "")[:200],
        )  # fmt: skip
    except NotFound as error:
        raise Http404 from error
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Approved.") if approve else _("Refused."))
    return redirect("web:archives")


@login_required
@require_POST
def decide_destruction(request: HttpRequest, destruction_id: int) -> HttpResponse:
    authority, now = acting(request)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_destruction(authority, destruction_id, approve=approve, now=now)
    except NotFound as error:
        raise Http404 from error
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Approved.") if approve else _("Refused."))
    return redirect("web:archives")


@login_required
@require_GET
def case_file(request: HttpRequest, number: str) -> HttpResponse:
    """The whole case file as one PDF: for a confidential archive only while the reader's
    approved reading runs (the case is visible then); on record as an export."""
    authority, now = acting(request)
    found = _found(authority, number)
    case = case_selectors.visible_cases(authority, now=now).filter(pk=found.case_id).first()
    if case is None:
        raise Http404
    record_access(authority, case, AccessRecord.EXPORT, now=now, detail=f"case file {number}")
    response = HttpResponse(case_file_pdf(found, case, authority), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={found.number}.pdf"
    return response


def case_file_pdf(found: Archive, case: Case, authority: Authority) -> bytes:
    grid, p, when = printing._grid, printing._p, printing._when
    cover = [
        p("投诉案件档案", 18),
        grid(
            [
                ["档案号", found.number, "案件编号", case.number],
                [
                    "归档时间",
                    when(found.archived_at),
                    "密级",
                    "保密" if found.confidential else "普通",
                ],
            ],
            printing.HALVES,
        ),
        Spacer(1, 6 * mm),
    ]
    deliberations = [["合议事由", "状态", "决定"]] + [
        [label(Grounds(d.grounds)), d.status, d.decision or "—"]
        for d in Deliberation.objects.filter(case=case).order_by("requested_at")
    ]
    evidence = [["文件名", "类型", "上传时间", "SHA-256"]] + [
        [a.original_name, a.content_type, when(a.uploaded_at), a.sha256[:16]]
        for a in case.attachments.order_by("uploaded_at", "pk")
    ]
    story = [
        *cover,
        *printing.registration_story(case, authority),
        PageBreak(),
        *printing.handling_story(case, authority),
        PageBreak(),
        p("合议与决定", 14),
        grid(deliberations, [40 * mm, 30 * mm, 104 * mm], head=True, repeat=1),
        Spacer(1, 6 * mm),
        p("证据清单", 14),
        grid(evidence, [64 * mm, 36 * mm, 36 * mm, 38 * mm], head=True, repeat=1),
    ]
    return printing._pdf(f"投诉案件档案 {found.number}", story)
