"""The return-visit list 回访 for the people who call customers back (front office), and the
visit page: the case in brief, the calls so far, the questionnaire filled in during the call,
or a call that did not get through."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kesu.core.errors import ServiceError
from kesu.domain.permissions import Permission
from kesu.domain.visits import AttemptOutcome, Source
from kesu.org.access import Authority
from kesu.visits import selectors, services
from kesu.visits.forms import CallForm, QuestionnaireForm
from kesu.web.common import acting

PAGE_SIZE = 30
TAB_LABELS = {
    "today": _("Due today"),
    "overdue": _("Overdue"),
    "open": _("All to call"),
    "recorded": _("Recorded"),
}


def _caller(request: HttpRequest) -> tuple[Authority, datetime]:
    authority, now = acting(request)
    if not authority.may(Permission.MAKE_RETURN_VISITS):
        raise PermissionDenied(_("Return visits are made by the front office."))
    return authority, now


@login_required
@require_http_methods(["GET"])
def visit_list(request: HttpRequest) -> HttpResponse:
    authority, now = _caller(request)
    show = request.GET.get("show", "today")
    if show not in selectors.FILTERS:
        show = "today"
    rows = selectors.visit_list(show, now=now)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "show": show,
        "tabs": [(code, TAB_LABELS[code]) for code in selectors.FILTERS],
        "counts": selectors.visit_counts(now=now),
        "now": now,
        "personal": authority.sees_personal_data,
    }
    return render(request, "web/visits.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_call(request: HttpRequest, pk: int) -> HttpResponse:
    authority, now = _caller(request)
    visit = selectors.visit_for_call(pk)
    if visit is None:
        raise Http404(_("Return visit not found."))
    questionnaire = QuestionnaireForm(
        request.POST if request.POST.get("step") == "answers" else None, prefix="q"
    )
    call = CallForm(request.POST if request.POST.get("step") == "call" else None, prefix="c")
    status = 200
    if request.method == "POST":
        try:
            if questionnaire.is_bound and questionnaire.is_valid():
                services.record_answers(
                    visit_id=visit.pk,
                    answers=questionnaire.answers(),
                    source=Source.CALLER,
                    authority=authority,
                    now=now,
                )
                messages.success(request, _("Return visit recorded: %(number)s") % {
                    "number": visit.case.number})  # fmt: skip
                return redirect(reverse("web:visits"))
            if call.is_bound and call.is_valid():
                data = services.CallInput(
                    outcome=AttemptOutcome(call.cleaned_data["outcome"]),
                    note=call.cleaned_data["note"],
                )
                services.record_call(visit_id=visit.pk, authority=authority, data=data, now=now)
                messages.success(request, _("Call recorded: %(number)s") % {
                    "number": visit.case.number})  # fmt: skip
                return redirect(reverse("web:visit", args=[visit.pk]))
        except ServiceError as error:
            target = questionnaire if questionnaire.is_bound else call
            target.add_error(None, str(error.message))
        status = 400
    context = {
        "visit": visit,
        "case": visit.case,
        "questionnaire": questionnaire,
        "call": call,
        "attempts": list(visit.attempts.all()),
        "personal": authority.sees_personal_data,
        "link": services.visit_link(visit) if visit.status == "open" else "",
    }
    return render(request, "web/visit.html", context, status=status)
