"""The staff home page: who you are, your counts, the latest cases you may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kesu.api.presenters import overdue_clocks
from kesu.cases import selectors
from kesu.core import clock
from kesu.core.labels import label
from kesu.domain import privacy
from kesu.domain.vocabulary import OPEN_STATES, Role, State
from kesu.org.access import authority_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    authority = authority_of(request.user, now=now)  # type: ignore[arg-type]
    visible = selectors.visible_cases(authority)
    # Separate counts, each answered from an index (state; next_due), not one scan of the book.
    counts = {
        "open": visible.filter(state__in=OPEN_STATES).count(),
        "overdue": visible.filter(selectors.overdue(now)).count(),
        "mine": visible.filter(handler=authority.user, state__in=OPEN_STATES).count(),
    }
    latest = list(
        visible.select_related("category", "assigned_department", "handler").order_by(
            "-received_at", "-id"
        )[:20]
    )
    rows = [
        {
            "case": case,
            "state": label(State(case.state)),
            "complainant": case.complainant_name
            if authority.sees_personal_data
            else privacy.mask_name(case.complainant_name),
            "phone": case.complainant_phone
            if authority.sees_personal_data
            else privacy.mask_phone(case.complainant_phone),
            "overdue": bool(overdue_clocks(case, now)),
        }
        for case in latest
    ]
    return render(
        request,
        "web/home.html",
        {
            "authority": authority,
            "roles": [label(Role(r)) for r in sorted(authority.roles)],
            "counts": counts,
            "rows": rows,
        },
    )
