"""Whistleblowing 举报 pages for the discipline officers (`/whistleblowing/`) and the president's
extension decisions. Everyone else, and an officer recused from a report, gets 404. The sealed
identity is shown only in the answer to an unsealing with a reason (on record), never stored in
the session or the page's address."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kesu.core.errors import NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.web.common import acting
from kesu.whistleblowing import selectors, services
from kesu.whistleblowing.models import Report


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why you open it"), max_length=services.REASON_MAX)


class TextForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=services.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


class PersonForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    authority, _now = acting(request)
    if not (
        authority.may(Permission.HANDLE_WHISTLEBLOWING)
        or authority.may(Permission.APPROVE_WHISTLEBLOWING_EXTENSION)
    ):
        raise Http404
    context = {
        "reports": list(selectors.report_list(authority)[:200]),
        "extensions": list(selectors.pending_extensions(authority)),
    }
    return render(request, "web/whistleblowing/list.html", context)


def _report(request: HttpRequest, number: str) -> tuple[object, Report]:
    authority, _now = acting(request)
    report = selectors.get_report(authority, number)
    if report is None:
        raise Http404
    return authority, report


def _page(
    request: HttpRequest,
    report: Report,
    *,
    identity: object = None,
    status: int = 200,
    forms_: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    context = {
        "report": report,
        "case": report.case,
        "thread": list(selectors.thread(report)),
        "named": list(report.named.select_related("user")),
        "identity": identity,
        "reason_form": ReasonForm(),
        "text_form": TextForm(),
        "extension_form": ExtensionForm(),
        "person_form": PersonForm(),
        "pending_extension": report.extensions.filter(state="pending").exists(),
        **(forms_ or {}),
    }
    return render(request, "web/whistleblowing/report.html", context, status=status)


@never_cache
@login_required
@require_GET
def report_page(request: HttpRequest, number: str) -> HttpResponse:
    _authority, report = _report(request, number)
    return _page(request, report)


#: The steps with a form: the form, its name on the page, and the service call with its
#: success message.
STEPS: dict[str, tuple[type[forms.Form], str, Callable[..., object], str]] = {
    "reply": (TextForm, "text_form", lambda a, c, d, now: services.reply(
        a, c, body=d["body"], now=now), gettext_lazy("Your answer is in the reporter's thread.")),
    "close": (TextForm, "text_form", lambda a, c, d, now: services.close_report(
        a, c, outcome=d["body"], now=now),
        gettext_lazy("Closed; the reporter is told the outcome.")),
    "extension": (ExtensionForm, "extension_form", lambda a, c, d, now: services.request_extension(
        a, c, reason=d["reason"], now=now),
        gettext_lazy("The extension waits for the president's approval.")),
    "person": (PersonForm, "person_form", lambda a, c, d, now: services.name_person(
        a, c, username=d["username"], now=now),
        gettext_lazy("Recorded; that person is recused from this report.")),
}  # fmt: skip


@never_cache
@login_required
@require_POST
def act(request: HttpRequest, number: str) -> HttpResponse:
    """One form per step: unseal (answers the page with the identity), accept, reply, ask for
    an extension, name a person, close."""
    authority, now = acting(request)
    report = selectors.get_report(authority, number)
    if report is None:
        raise Http404
    step = request.POST.get("step", "")
    case_id = report.case_id
    try:
        if step == "unseal":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                return _page(request, report, status=400, forms_={"reason_form": form})
            identity = services.unseal_identity(
                authority, case_id, reason=form.cleaned_data["reason"], now=now
            )
            return _page(request, report, identity=identity)
        if step == "accept":
            services.accept(authority, case_id, now=now)
            messages.success(request, _("Accepted; the reporter is told."))
        elif step in STEPS:
            form_class, name, call, done = STEPS[step]
            form = form_class(request.POST)
            if not form.is_valid():
                return _page(request, report, status=400, forms_={name: form})
            call(authority, case_id, form.cleaned_data, now)
            messages.success(request, str(done))
        else:
            return HttpResponse(status=400)
    except NotFound as error:
        raise Http404 from error
    except ServiceError as error:
        messages.error(request, str(error.message))
        report.refresh_from_db()
        return _page(request, report, status=error.status)
    if selectors.get_report(authority, number) is None:  # the officer named themselves
        return redirect("web:reports")
    return redirect("web:report", number=number)


@login_required
@require_http_methods(["POST"])
def decide_extension(request: HttpRequest, request_id: int) -> HttpResponse:
    authority, now = acting(request)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_extension(
            authority, request_id, approve=approve, now=now, note=request.POST.get("note", "")[:500]
        )
    except NotFound as error:
        raise Http404 from error
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Extension approved.") if approve else _("Extension refused."))
    return redirect("web:reports")
