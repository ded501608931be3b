"""Whistleblowing 举报 on the portal (`/portal/report/…`): no login and no identity kept. The
record holds no address, no browser and no phone unless the reporter chooses to give them (then
sealed); the rate limits count hashed addresses in the cache only. A report key and a password
(shown once) open the thread: acceptance, extension and outcome notices, and questions and
answers with the discipline officers."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kesu.core import clock, throttle
from kesu.core.errors import ServiceError, TooManyRequests
from kesu.portal.report_forms import NAMED, FollowForm, ReporterMessageForm, ReportForm
from kesu.portal.views import _refused, _show
from kesu.whistleblowing import services
from kesu.whistleblowing.models import Report

RECEIPT = "portal_report_receipt"
OPEN = "portal_report_open"


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        identity = (
            services.Identity(name=data["name"], phone=data["phone"], email=data["email"])
            if data["mode"] == NAMED
            else None
        )
        try:
            throttle.run_check(request, "report")
            throttle.hit("report_address", throttle.client_address(request))
            receipt = services.submit_report(
                services.Submission(
                    facts=data["facts"],
                    persons_named=data["persons_named"],
                    department_code=data["department"],
                    identity=identity,
                ),
                now=clock.now(),
                idempotency_key=f"report:{data['token']}",
            )
        except TooManyRequests as error:
            return _refused(request, error)
        except ServiceError as error:
            _show(form, error)
        else:
            shown = request.session.get(RECEIPT) or {}
            # A double tap: the repeat has no password to show (only a hash is kept), so the
            # first tap's receipt, still waiting to be shown with its password, stays.
            if receipt.password is not None or shown.get("key") != receipt.key:
                request.session[RECEIPT] = {"key": receipt.key, "password": receipt.password}
            return redirect("portal:report_done")
    return render(request, "portal/report.html", {"form": form})


@never_cache
def report_done(request: HttpRequest) -> HttpResponse:
    """The key and the password, shown once: the session forgets the password as it shows it."""
    receipt = request.session.pop(RECEIPT, None)
    if receipt is None:
        return redirect("portal:report_follow")
    return render(request, "portal/report_done.html", {"receipt": receipt})


@require_http_methods(["GET", "POST"])
def report_follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            throttle.run_check(request, "report_follow")
            throttle.hit("report_login_address", throttle.client_address(request))
            throttle.hit("report_login_key", form.cleaned_data["key"].upper())
        except TooManyRequests as error:
            return _refused(request, error)
        except ServiceError as error:
            _show(form, error)
        else:
            found = services.reporter_report(
                form.cleaned_data["key"], form.cleaned_data["password"]
            )
            if found is None:
                form.add_error(None, _("The key or the password is not right."))
            else:
                request.session.cycle_key()
                request.session[OPEN] = {"report": found.pk, "since": time.time()}
                return redirect("portal:report_thread")
    return render(request, "portal/report_follow.html", {"form": form})


def _opened(request: HttpRequest) -> Report | None:
    opened = request.session.get(OPEN)
    if not opened:
        return None
    if time.time() - opened["since"] > settings.KESU_PORTAL_SESSION_MINUTES * 60:
        request.session.pop(OPEN, None)
        return None
    return Report.objects.select_related("case").filter(pk=opened["report"]).first()


@never_cache
@require_http_methods(["GET", "POST"])
def report_thread(request: HttpRequest) -> HttpResponse:
    found = _opened(request)
    if found is None:
        return redirect("portal:report_follow")
    form = ReporterMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            throttle.hit("report_address", throttle.client_address(request))
            services.reporter_message(found, body=form.cleaned_data["body"], now=clock.now())
        except TooManyRequests as error:
            return _refused(request, error)
        except ServiceError as error:
            _show(form, error)
        else:
            return redirect("portal:report_thread")
    context = {
        "report": found,
        "case": found.case,
        "messages_": found.messages.all(),
        "form": form,
    }
    return render(request, "portal/report_thread.html", context)


@require_POST
def report_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(OPEN, None)
    return redirect("portal:home")
