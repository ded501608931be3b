"""The case queue: filterable, keyset-paginated, overdue and near-due rows marked, personal data
masked per role. An HTMX request (the filter form) gets only the table back."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from kesu.api.presenters import complainant
from kesu.cases import selectors
from kesu.core.errors import ServiceError
from kesu.core.labels import label
from kesu.domain.vocabulary import Severity, State
from kesu.web import display
from kesu.web.common import acting
from kesu.web.forms import QueueFilterForm

PAGE_SIZE = 50


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    authority, now = acting(request)
    form = QueueFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid filters still apply
    cursor = (getattr(form, "cleaned_data", {}) or {}).get("cursor") or None
    filters = form.filters(due_soon_until=display.end_of_next_working_day(now))
    try:
        page = selectors.list_cases(authority, filters, now=now, cursor=cursor, limit=PAGE_SIZE)
    except ServiceError as error:  # a broken cursor: show the first page and say why
        form.add_error(None, str(error.message))
        page = selectors.list_cases(authority, filters, now=now, limit=PAGE_SIZE)
    calendar = display.calendar_for(now, (c.next_due for c in page.items))
    rows = [
        {
            "case": case,
            "complainant": complainant(case, authority),
            "state": label(State(case.state)),
            "severity": label(Severity(case.severity)),
            "urgency": display.urgency(case, calendar, now),
            "next": display.next_due_of(case, calendar, now),
        }
        for case in page.items
    ]
    context: dict[str, Any] = {
        "form": form,
        "rows": rows,
        "next_query": _with_cursor(request, page.next_cursor) if page.next_cursor else None,
        "first_query": _with_cursor(request, None) if cursor else None,
    }
    template = "web/_queue_table.html" if request.headers.get("HX-Request") else "web/queue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _with_cursor(request: HttpRequest, cursor: str | None) -> str:
    """The current filters with `cursor` replaced (dropped for the first page)."""
    params = request.GET.copy()
    params.pop("cursor", None)
    if cursor:
        params["cursor"] = cursor
    return "?" + params.urlencode()
