"""The notification centre 通知中心: the user's in-app messages, newest first, marked read here."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.notify.services import inbox, mark_read
from kesu.web.common import acting, row_id

SHOWN = 50


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    authority, _now = acting(request)
    rows = list(inbox(authority.user).select_related("case")[:SHOWN])
    return render(request, "web/notifications.html", {"rows": rows})


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    """Mark one message (`id`) or all of them (`all`) read, then back to the list."""
    authority, now = acting(request)
    if request.POST.get("all"):
        mark_read(authority.user, "all", now=now)
    elif (chosen := row_id(request.POST.get("id", ""))) is not None:
        mark_read(authority.user, [chosen], now=now)
    else:
        return HttpResponseBadRequest(_("Choose a message to mark read."))
    return redirect("web:notifications")
