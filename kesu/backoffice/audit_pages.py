"""Settings pages of the record (issue 20): the access log (who read which personal data; the
discipline officer and the administrator), the history chain's status with a "check now"
button, and retention — the period, what each run masked and which cases a legal hold kept."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kesu.backoffice import services
from kesu.backoffice.access import acting_authority, actor, manager_required
from kesu.cases import audit_selectors
from kesu.cases.integrity import verify
from kesu.cases.models import AccessRecord
from kesu.cases.services import retention as retention_service
from kesu.cases.services.anchors import record_check, write_anchors
from kesu.core import clock
from kesu.core.errors import NotFound, ServiceError
from kesu.domain.permissions import Permission

View = Callable[..., HttpResponse]

WHAT_LABELS = {
    AccessRecord.VIEW: gettext_lazy("opened the case unmasked"),
    AccessRecord.DOWNLOAD: gettext_lazy("opened evidence"),
    AccessRecord.PRINT: gettext_lazy("printed"),
    AccessRecord.EXPORT: gettext_lazy("exported"),
    AccessRecord.UNSEAL: gettext_lazy("unsealed"),
}


def access_log_required(view: View) -> View:
    """The view runs for the discipline officer and the administrator only."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not acting_authority(request).may(Permission.SEE_ACCESS_LOG):
            raise PermissionDenied(
                _("Only the discipline officer and the administrator read the access log.")
            )
        return view(request, *args, **kwargs)

    return wrapper


@access_log_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Search the access records of one case (by number), optionally of one user."""
    number = request.GET.get("case", "").strip()[:40]
    who = request.GET.get("actor", "").strip()[:150]
    rows: list[dict[str, Any]] = []
    error = ""
    if number:
        try:
            records = audit_selectors.access_log(number, actor=who)
        except NotFound:
            error = _("No case has the number %(number)s.") % {"number": number}
        else:
            rows = [
                {"record": record, "what": WHAT_LABELS.get(record.what, record.what)}
                for record in records
            ]
    context = {
        "number": number,
        "actor": who,
        "rows": rows,
        "error": error,
        "searched": bool(number),
    }
    return render(request, "backoffice/access_log.html", context, status=404 if error else 200)


def chain_summary() -> str:
    """One line on the history's state for the settings start page."""
    status = audit_selectors.chain_status()
    if status.check is None:
        return _("The history's hash chain has not been checked yet.")
    if status.check.ok:
        return _("Intact at the last check (%(when)s).") % {
            "when": f"{clock.local(status.check.ran_at):%Y-%m-%d %H:%M}"
        }
    return _("BROKEN at the last check (%(when)s): %(n)s case(s).") % {
        "when": f"{clock.local(status.check.ran_at):%Y-%m-%d %H:%M}",
        "n": len(status.check.broken),
    }


@manager_required
def integrity(request: HttpRequest) -> HttpResponse:
    status = audit_selectors.chain_status()
    context = {
        "status": status,
        "summary": chain_summary(),
        "broken": sorted((status.check.broken if status.check else {}).items()),
    }
    return render(request, "backoffice/integrity.html", context)


@manager_required
@require_POST
def check_now(request: HttpRequest) -> HttpResponse:
    """Anchor finished days and check every chain now (a small site's button; large sites run
    `manage.py verify_history` from cron)."""
    now = clock.now()
    write_anchors(now=now)
    report = verify()
    record_check(report, now=now)
    if report.ok:
        messages.success(request, _("The history is intact."))
    else:
        broken = len(report.broken) + len(report.broken_anchors)
        messages.error(request, _("The history is broken: %(n)s finding(s).") % {"n": broken})
    return redirect("backoffice:integrity")


@manager_required
def retention(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            months = int(request.POST.get("months", "").strip())
        except ValueError:
            error = _("Enter a whole number of months.")
        else:
            try:
                services.save_retention(actor=actor(request), months=months, now=clock.now())
            except ServiceError as problem:
                error = str(problem.message)
            else:
                messages.success(request, _("Retention period saved."))
                return redirect("backoffice:retention")
    context = {
        "months": retention_service.retention_months(),
        "max_months": retention_service.MAX_MONTHS,
        "runs": audit_selectors.retention_runs(),
        "error": error,
    }
    return render(request, "backoffice/retention.html", context, status=400 if error else 200)
