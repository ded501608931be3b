"""The notification centre 通知中心: the user's in-app messages, newest first, 30 to a page,
filtered by unread/all and by kind; one notice or all those of the filter marked read here, and
a case's notices when its page is opened. An HTMX request (a filter or pager link) gets only the
list back. The badge in the navigation counts exactly the unread rows listed here."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.notify.kinds import KINDS
from kesu.notify.services import inbox, mark_read, unread_by_kind
from kesu.web.common import acting, row_id

PAGE_SIZE = 30


def _filters(params: Any) -> dict[str, str]:
    """The list's filter from a query or form: `show` ("unread", the default, or "all") and
    `kind` (one of `KINDS`, or "" for every kind); anything else falls back to the default."""
    show = params.get("show", "")
    kind = params.get("kind", "")
    return {
        "show": show if show in {"unread", "all"} else "unread",
        "kind": kind if kind in KINDS else "",
    }


def _query(filters: dict[str, str], **more: Any) -> str:
    return "?" + urlencode({**filters, **more})


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    authority, _now = acting(request)
    user = authority.user
    filters = _filters(request.GET)
    rows = inbox(user, unread=True if filters["show"] == "unread" else None, kind=filters["kind"])
    page = Paginator(rows.select_related("case"), PAGE_SIZE).get_page(request.GET.get("page"))
    unread = unread_by_kind(user)
    context = {
        "page": page,
        "filters": filters,
        "shows": [
            {"code": code, "label": label, "query": _query({**filters, "show": code})}
            for code, label in (("unread", _("Unread")), ("all", _("All")))
        ],
        "kinds": [
            {"code": "", "label": _("All kinds"), "query": _query({**filters, "kind": ""})},
            *(
                {
                    "code": code,
                    "label": label,
                    "unread": unread[code],
                    "query": _query({**filters, "kind": code}),
                }
                for code, (label, _templates) in KINDS.items()
            ),
        ],
        "previous_query": _query(filters, page=page.previous_page_number())
        if page.has_previous()
        else None,
        "next_query": _query(filters, page=page.next_page_number()) if page.has_next() else None,
    }
    template = (
        "web/_notifications_list.html"
        if request.headers.get("HX-Request")
        else "web/notifications.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    """Mark one message (`id`) read, or all unread ones of the current filter's kind (`all`),
    then back to the same filter (and page, for one message)."""
    authority, now = acting(request)
    filters = _filters(request.POST)
    back = reverse("web:notifications")
    if request.POST.get("all"):
        mark_read(authority.user, "all", now=now, kind=filters["kind"] or None)
        return redirect(back + _query(filters))
    if (chosen := row_id(request.POST.get("id", ""))) is None:
        return HttpResponseBadRequest(_("Choose a message to mark read."))
    mark_read(authority.user, [chosen], now=now)
    page = request.POST.get("page", "")
    return redirect(back + _query(filters, **({"page": page} if page.isdigit() else {})))
