"""The approver's queue 待我审批 (R-12): plans waiting for the acting user's approval — the role
the approval matrix named for each, held by the user or lent to them — with who must approve
and why."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.cases.privacy import complainant
from kesu.cases.services.plan_approval import rule_words
from kesu.core.labels import label
from kesu.domain.approvals import ACTION_NAMES, ApprovalAction
from kesu.domain.vocabulary import Role
from kesu.web import display
from kesu.web.common import acting

SHOWN = 100  # rows listed; the count says how many there are


def action_name(case: Case) -> str:
    """What the plan asks approval for, in the active language."""
    try:
        names = ACTION_NAMES[ApprovalAction(case.plan_approval_action or "plan")]
    except ValueError:
        return case.plan_approval_action
    return names[1] if (get_language() or "").startswith("en") else names[0]


def approver_label(case: Case) -> str:
    """The role that must approve, or "any approver" with no matrix in force."""
    if case.plan_approver_role:
        return str(label(Role(case.plan_approver_role)))
    return str(_("any approver"))


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    authority, now = acting(request)
    queue = selectors.approval_queue(authority)
    if queue is None:
        raise PermissionDenied
    cases = list(queue[: SHOWN + 1])
    more = len(cases) > SHOWN
    cases = cases[:SHOWN]
    calendar = display.calendar_for(now, [c.next_due for c in cases])
    rows: list[dict[str, Any]] = [
        {
            "case": case,
            "complainant": complainant(case, authority),
            "what": action_name(case),
            "approver": approver_label(case),
            "rule": rule_words(case),
            "next": display.next_due_of(case, calendar, now),
        }
        for case in cases
    ]
    count = selectors.approval_count(authority) if more else len(rows)
    context = {"rows": rows, "count": count, "more": more, "p": display.punctuation()}
    return render(request, "web/approvals.html", context)
