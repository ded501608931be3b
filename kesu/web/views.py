"""The staff home page 工作台: what needs the acting user today, counted and listed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.cases.privacy import complainant
from kesu.core.labels import label
from kesu.domain.vocabulary import Role, State
from kesu.web import display
from kesu.web.common import acting

SHOWN = 8  # cases listed per box; the count says how many there are
COUNT_CAP = 999  # counting stops here ("999+"): a bounded query however large the book


@login_required
def home(request: HttpRequest) -> HttpResponse:
    authority, now = acting(request)
    until = display.end_of_next_working_day(now)
    load = selectors.workload(authority, now=now, due_soon_until=until)
    boxes: list[tuple[str, Any, QuerySet[Case] | None]] = [
        ("overdue", _("Overdue"), load.overdue),
        ("due_soon", _("Due by the end of the next working day"), load.due_soon),
        ("accept", _("Waiting for the acceptance decision"), load.to_accept),
        ("mine", _("My open cases"), load.mine),
        ("approve", _("Plans waiting for my approval"), load.to_approve),
        ("assign", _("Waiting to be assigned"), load.to_assign),
    ]
    fetched = []
    for key, title, cases in boxes:
        if cases is None:
            continue
        rows = list(cases[: SHOWN + 1])
        fetched.append((key, title, cases, rows[:SHOWN], len(rows) > SHOWN))
    # One calendar over every due time shown, as the queue does (the overdue box's rows may be
    # due years ago: outside the current year's rows they would only be estimated).
    dues = [case.next_due for *_, rows, _ in fetched for case in rows]
    calendar = display.calendar_for(now, dues)
    sections = []
    for key, title, cases, rows, more in fetched:
        sections.append(
            {
                "key": key,
                "title": title,
                "count": _bounded_count(cases) if more else len(rows),
                "more": more,
                "rows": [
                    {
                        "case": case,
                        "state": label(State(case.state)),
                        "complainant": complainant(case, authority),
                        "next": display.next_due_of(case, calendar, now),
                    }
                    for case in rows
                ],
            }
        )
    context = {
        "authority": authority,
        "roles": [label(Role(r)) for r in sorted(authority.roles)],
        "sections": sections,
        "p": display.punctuation(),
    }
    return render(request, "web/home.html", context)


def _bounded_count(cases: QuerySet[Case]) -> int | str:
    counted = cases.order_by().values("id")[: COUNT_CAP + 1].count()  # no joins, no sort
    return f"{COUNT_CAP}+" if counted > COUNT_CAP else counted
