"""Settings → Triage model: which category model is in use, how well it did in its own
cross-validation, when it retrains, and a button to retrain now."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.backoffice.access import manager_required
from kesu.triage import selectors, services
from kesu.triage.tasks import retrain


@manager_required
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    rule = services.schedule()
    hours = rule.every.total_seconds() / 3600
    context = selectors.status() | {"hours": f"{hours:g}", "new_cases": rule.new_cases}
    return render(request, "backoffice/triage.html", context)


@manager_required
@require_POST
def retrain_now(request: HttpRequest) -> HttpResponse:
    """Queue a training for the task worker (run at once where there is no worker)."""
    retrain.enqueue()
    selectors.forget_model()
    messages.success(
        request, _("Retraining queued; the new model is used as soon as it is stored.")
    )
    return redirect("backoffice:triage")
