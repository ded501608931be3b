"""The case queue: filterable, sortable by column, keyset-paginated, overdue and near-due rows
marked, personal data masked per role. An HTMX request (the filter form, a column header, a
pager link) gets only the table back. Above it: the user's saved filters (我的筛选); in it, for
those who may assign, a checkbox per assignable row and the bulk assignment form (批量分派)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kesu.cases import selectors
from kesu.cases.privacy import complainant
from kesu.cases.selectors import QueueSort
from kesu.cases.services.transitions import actions_for
from kesu.core.errors import ServiceError
from kesu.core.labels import label
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Action, Severity, State
from kesu.library import selectors as library_selectors
from kesu.web import display, services
from kesu.web.action_forms import AssignForm
from kesu.web.common import acting
from kesu.web.forms import QueueFilterForm

PAGE_SIZE = 50
MAX_BACK = 2000  # a queue query string carried through a POST, to return to the same page


@login_required
@require_POST
def search(request: HttpRequest) -> HttpResponse:
    """The filter form posts here, so the search text (often a caller's phone) is never in a
    request line; the queue's address then carries it sealed (`qs`, kesu/core/sealed.py).
    htmx is sent on with `HX-Location` (the table swaps, the address is pushed)."""
    url = reverse("web:queue")
    query = QueueFilterForm(request.POST).query_string()
    url += f"?{query}" if query else ""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Location"] = json.dumps({"path": url, "target": "#queue-table"})
        return response
    return HttpResponseRedirect(url, status=303)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if request.GET.get("q"):  # an old link or a typed address: seal it before going on
        query = QueueFilterForm(request.GET).query_string()
        return HttpResponseRedirect(reverse("web:queue") + f"?{query}", status=303)
    authority, now = acting(request)
    form = QueueFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid filters still apply
    cursor = (getattr(form, "cleaned_data", {}) or {}).get("cursor") or None
    sort = form.chosen_sort()
    # Which saved filter this is (before a broken cursor adds its error to the form).
    current = form.query_string() if form.is_bound and form.is_valid() else ""
    filters = selectors.resolve_search(
        form.filters(due_soon_until=display.end_of_next_working_day(now)),
        personal=authority.sees_personal_data,
    )
    # Words in the search box: full-text search (kesu.library), visibility applied.
    filters = library_selectors.resolve_text(authority, filters)
    try:
        page = selectors.list_cases(
            authority, filters, now=now, cursor=cursor, limit=PAGE_SIZE, sort=sort
        )
    except ServiceError as error:  # a broken cursor: show the first page and say why
        form.add_error(None, str(error.message))
        cursor = None
        page = selectors.list_cases(authority, filters, now=now, limit=PAGE_SIZE, sort=sort)
    calendar = display.calendar_for(now, (c.next_due for c in page.items))
    total = selectors.count_cases(authority, filters, now=now)
    may_assign = services.may_assign(authority)
    rows = [
        {
            "case": case,
            "complainant": complainant(case, authority),
            "state": label(State(case.state)),
            "severity": label(Severity(case.severity)),
            "urgency": display.urgency(case, calendar, now),
            "next": display.next_due_of(case, calendar, now),
            "assignable": may_assign and Action.ASSIGN in actions_for(case, authority, now),
        }
        for case in page.items
    ]
    context: dict[str, Any] = {
        "form": form,
        "rows": rows,
        "total": _total_text(total),
        "sort": sort.value,
        "columns": _sort_columns(request, sort),
        "current_query": _with(request, cursor=None)[1:],  # 保存筛选 posts it; checked there
        "back_query": request.GET.urlencode(),
        "may_assign": may_assign,
        "may_export": authority.may(Permission.EXPORT_CASES),
        "assign_form": AssignForm(Action.ASSIGN) if may_assign else None,
        "next_query": _with(request, cursor=page.next_cursor) if page.next_cursor else None,
        "first_query": _with(request, cursor=None) if cursor else None,
    }
    if request.headers.get("HX-Request"):
        template = "web/_queue_table.html"
    else:
        template = "web/queue.html"
        context["saved_filters"] = [
            {"item": item, "current": item.query == current}
            for item in services.saved_filters(request.user)  # type: ignore[arg-type]
        ]
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _total_text(total: int) -> str:
    """共 37 件 / 共 1,000+ 件: the filter's count, capped (`selectors.COUNT_CAP`)."""
    if total > selectors.COUNT_CAP:
        return _("%(n)s+ cases in all") % {"n": f"{selectors.COUNT_CAP:,}"}
    return ngettext("%(n)s case in all", "%(n)s cases in all", total) % {"n": f"{total:,}"}


def _sort_columns(request: HttpRequest, sort: QueueSort) -> dict[str, dict[str, str]]:
    """Per sortable column: the link that sorts by it (received toggles newest/oldest) and its
    `aria-sort` value when it is the current order ("" otherwise)."""
    received_next = QueueSort.OLDEST if sort is QueueSort.NEWEST else QueueSort.NEWEST
    aria = {QueueSort.NEWEST: "descending", QueueSort.OLDEST: "ascending"}
    return {
        "received": {"query": _with(request, sort=received_next), "aria": aria.get(sort, "")},
        "due": {
            "query": _with(request, sort=QueueSort.DUE),
            "aria": "ascending" if sort is QueueSort.DUE else "",
        },
        "severity": {
            "query": _with(request, sort=QueueSort.SEVERITY),
            "aria": "descending" if sort is QueueSort.SEVERITY else "",
        },
    }


def _with(request: HttpRequest, *, cursor: str | None = None, sort: QueueSort | None = None) -> str:
    """The current query with `cursor` replaced (dropped for the first page) and, when `sort`
    is given, the order changed (which always starts again from the first page)."""
    params = request.GET.copy()
    params.pop("cursor", None)
    if sort is not None:
        params["sort"] = sort.value
    elif cursor:
        params["cursor"] = cursor
    return "?" + params.urlencode()


def _back_to_queue(request: HttpRequest) -> HttpResponseRedirect:
    """Back to the queue as the user left it (the posted `back` query, re-encoded so it can only
    ever be a query string of /cases/)."""
    back = QueryDict(request.POST.get("back", "")[:MAX_BACK]).urlencode()
    return HttpResponseRedirect(reverse("web:queue") + (f"?{back}" if back else ""))


@login_required
@require_POST
def save_filter(request: HttpRequest) -> HttpResponse:
    """保存筛选: the current filter and sort under a name (PRG; errors as a message)."""
    _authority, now = acting(request)
    query = request.POST.get("query", "")[:MAX_BACK]
    form = QueueFilterForm(QueryDict(query))
    try:
        if not form.is_valid():
            raise ServiceError(
                "invalid_filter", _("Correct the filter before saving it."), field="query"
            )
        saved = services.save_filter(
            owner=request.user,  # type: ignore[arg-type]
            name=request.POST.get("name", ""),
            query=form.query_string(),
            now=now,
        )
    except ServiceError as problem:
        messages.error(request, str(problem.message))
    else:
        messages.success(request, _("Saved the filter “%(name)s”.") % {"name": saved.name})
    return HttpResponseRedirect(reverse("web:queue") + (f"?{query}" if query else ""))


@login_required
@require_POST
def delete_filter(request: HttpRequest, filter_id: int) -> HttpResponse:
    try:
        services.delete_filter(owner=request.user, filter_id=filter_id)  # type: ignore[arg-type]
    except ServiceError as problem:
        messages.error(request, str(problem.message))
    else:
        messages.success(request, _("Deleted the saved filter."))
    return _back_to_queue(request)


@login_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """批量分派: the ticked cases to one department (and handler), each through the single
    assignment's service; then "N assigned, M refused" with each refusal's reason."""
    authority, now = acting(request)
    if not services.may_assign(authority):
        raise PermissionDenied(_("You may not assign cases."))
    form = AssignForm(Action.ASSIGN, request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            prefix = f"{form.fields[name].label}：" if name in form.fields else ""
            for error in errors:
                messages.error(request, prefix + error)
        return _back_to_queue(request)
    try:
        result = services.bulk_assign(
            authority=authority,
            numbers=request.POST.getlist("case"),
            data=form.transition_input(),
            now=now,
        )
    except ServiceError as problem:
        messages.error(request, str(problem.message))
        return _back_to_queue(request)
    counts = {"assigned": len(result.assigned), "refused": len(result.refused)}
    if result.refused:
        messages.warning(request, _("%(assigned)d assigned, %(refused)d refused:") % counts)
        for number, reason in result.refused:
            messages.error(
                request, _("Case %(number)s: %(reason)s") % {"number": number, "reason": reason}
            )
    else:
        messages.success(request, _("%(assigned)d assigned.") % counts)
    return _back_to_queue(request)
