"""The customer portal's pages (no staff login): complain, track with a one-time code, add
information and evidence, rate the handling. Thin: parse, guard (rate limits, the pluggable
check), call the same services as the API, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kesu.cases.customer_selectors import customer_case, customer_view, promised
from kesu.cases.models import Case, normalise_phone
from kesu.cases.services.portal import MAX_FILES, CustomerComplaint, add_information, rate_case
from kesu.cases.services.tracking import check_code, grant, granted_case_id, send_code
from kesu.core import clock, throttle
from kesu.core.errors import ServiceError, TooManyRequests
from kesu.domain.vocabulary import Channel
from kesu.intake.services.arrival import Outcome
from kesu.intake.services.customer import submit
from kesu.portal.forms import AddForm, CodeForm, CodeRequestForm, ComplaintForm, RateForm

SUBMITTED = "portal_submitted"
#: The complaint was added to the customer's open case as 催办 (its number is not shown: the
#: submitter has not proved the phone is theirs yet).
HASTENED = "portal_hastened"
PASS = "portal_pass"  # noqa: S105 — a session key, not a password


def _refused(request: HttpRequest, error: TooManyRequests) -> HttpResponse:
    response = render(request, "portal/limited.html", {"message": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def _show(form: Any, error: ServiceError) -> None:
    """A service's refusal on the form, at its field when the form has one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    version = settings.KESU_PRIVACY_NOTICE_VERSION
    return render(request, "portal/privacy.html", {"settings_version": version})


@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest) -> HttpResponse:
    """The complaint form; a double-tapped submit sends the same hidden token and makes one case."""
    if request.method == "POST":
        try:  # counted before the form and its files are looked at: bad forms are no free tries
            throttle.hit("complaint_address", throttle.client_address(request))
        except TooManyRequests as error:
            return _refused(request, error)
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = request.FILES.getlist("evidence")
        try:
            throttle.run_check(request, "complaint")
            data = {k: v for k, v in form.cleaned_data.items() if k != "token"}
            arrival = submit(
                data=CustomerComplaint(**data), channel=Channel.WEB, now=clock.now(),
                idempotency_key=form.cleaned_data["token"], evidence=files,
            )  # fmt: skip
        except TooManyRequests as error:
            return _refused(request, error)
        except ServiceError as error:
            _show(form, error)
        else:
            request.session[SUBMITTED] = arrival.case.pk
            request.session[HASTENED] = arrival.outcome is Outcome.HASTENED
            return redirect("portal:submitted")
    return render(request, "portal/complain.html", {"form": form, "max_files": MAX_FILES})


def submitted(request: HttpRequest) -> HttpResponse:
    """The number and the promised dates, right after the complaint (this browser only)."""
    case = customer_case(request.session.get(SUBMITTED))
    if case is None:
        return redirect("portal:complain")
    context = {
        "case": case,
        "promised": promised(case),
        "hastened": bool(request.session.get(HASTENED)),
    }
    return render(request, "portal/submitted.html", context)


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Step 1: number and phone → a one-time code by SMS. Step 2: the code → the case."""
    if request.method != "POST":
        return render(request, "portal/track.html", {"form": CodeRequestForm(), "step": 1})
    step = 2 if "code" in request.POST else 1
    form: Any = CodeForm(request.POST) if step == 2 else CodeRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/track.html", {"form": form, "step": step})
    number, phone = form.cleaned_data["number"], form.cleaned_data["phone"]
    address = throttle.client_address(request)
    try:
        if step == 1:
            throttle.run_check(request, "code")
            throttle.hit("code_address", address)
            throttle.hit("code_phone", normalise_phone(phone))
            send_code(number=number, phone=phone, address=address, now=clock.now())
            code_form = CodeForm(initial={"number": number, "phone": phone})
            return render(request, "portal/track.html", {"form": code_form, "step": 2})
        throttle.run_check(request, "track")
        throttle.hit("track_address", address)
        case = check_code(number=number, phone=phone, code=form.cleaned_data["code"],
                          address=address, now=clock.now())  # fmt: skip
    except TooManyRequests as error:
        return _refused(request, error)
    except ServiceError as error:
        _show(form, error)
        return render(request, "portal/track.html", {"form": form, "step": step})
    request.session.cycle_key()  # a new session for the pass: a planted session id gets nothing
    request.session[PASS] = grant(case)
    return redirect("portal:case")


def _tracked(request: HttpRequest) -> Case | None:
    return customer_case(granted_case_id(request.session.get(PASS)))


def case(request: HttpRequest) -> HttpResponse:
    """The customer's view of the case the one-time code opened."""
    tracked = _tracked(request)
    if tracked is None:
        messages.info(request, _("Please enter your case number and phone to get a new code."))
        return redirect("portal:track")
    return _case_page(request, tracked, AddForm(), RateForm())


def _case_page(
    request: HttpRequest, tracked: Case, add_form: AddForm, rate_form: RateForm, status: int = 200
) -> HttpResponse:
    context = {
        "view": customer_view(tracked),
        "add_form": add_form,
        "rate_form": rate_form,
        "max_files": MAX_FILES,
    }
    return render(request, "portal/case.html", context, status=status)


@require_POST
def add(request: HttpRequest) -> HttpResponse:
    tracked = _tracked(request)
    if tracked is None:
        return redirect("portal:track")
    try:  # counted before the form and its files are looked at
        throttle.hit("add_address", throttle.client_address(request))
    except TooManyRequests as error:
        return _refused(request, error)
    form = AddForm(request.POST)
    if form.is_valid():
        try:
            throttle.run_check(request, "add")
            add_information(
                case_id=tracked.pk,
                text=form.cleaned_data["text"],
                evidence=request.FILES.getlist("evidence"),
                now=clock.now(),
            )
        except TooManyRequests as error:
            return _refused(request, error)
        except ServiceError as error:
            _show(form, error)
        else:
            messages.success(request, _("Thank you. We have added it to your case."))
            return redirect("portal:case")
    return _case_page(request, tracked, form, RateForm(), status=400)


@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    tracked = _tracked(request)
    if tracked is None:
        return redirect("portal:track")
    try:
        throttle.hit("rate_address", throttle.client_address(request))
    except TooManyRequests as error:
        return _refused(request, error)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            throttle.run_check(request, "rate")
            rate_case(case=tracked, result=form.cleaned_data["result"],
                      process=form.cleaned_data["process"], comment=form.cleaned_data["comment"],
                      now=clock.now())  # fmt: skip
        except ServiceError as error:
            _show(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("portal:case")
    return _case_page(request, tracked, AddForm(), form, status=400)


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    """End tracking on this device, and forget the complaint it just sent."""
    request.session.pop(PASS, None)
    request.session.pop(SUBMITTED, None)
    return redirect("portal:home")
