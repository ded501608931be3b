"""Arrival's pages (R-06): the proposed batches 批量 with their cases side by side for a
supervisor to confirm or dismiss; on a case page, the panel with its batch or group complaint,
its merges and splits, the forms to merge it into another case or split part of it off, and the
histories of the cases merged into it. Thin: parse, authorise, call `kesu.intake`, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.cases.privacy import complainant
from kesu.core.errors import ServiceError
from kesu.core.labels import event_label, label
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import OPEN_STATES, State
from kesu.intake import selectors
from kesu.intake.models import CaseGroup
from kesu.intake.services.grouping import decide
from kesu.intake.services.merging import SplitPart, merge_cases, split_case
from kesu.org.access import Authority
from kesu.web import display
from kesu.web.common import acting, visible_case

STATUSES = (CaseGroup.PROPOSED, CaseGroup.CONFIRMED, CaseGroup.DISMISSED)
SUBJECT_MAX = 200


def _may(authority: Authority, permission: Permission) -> None:
    if not authority.may(permission):
        if permission is Permission.MERGE_CASES:
            raise PermissionDenied(_("Your role cannot merge or split cases."))
        raise PermissionDenied(_("Your role cannot decide on batches."))


@login_required
@require_GET
def batches(request: HttpRequest) -> HttpResponse:
    """Proposed batches (or the confirmed and dismissed ones), each with its cases side by side."""
    authority, _now = acting(request)
    _may(authority, Permission.DECIDE_BATCHES)
    status = request.GET.get("status", CaseGroup.PROPOSED)
    if status not in STATUSES:
        status = CaseGroup.PROPOSED
    groups = [
        {
            "group": view.group,
            "cases": [
                {
                    "case": case,
                    "state": label(State(case.state)),
                    "complainant": complainant(case, authority),
                    "score": view.scores.get(case.pk, 0),
                }
                for case in view.cases
            ],
        }
        for view in selectors.groups(authority, status=status)
    ]
    tabs = [
        (CaseGroup.PROPOSED, _("Proposed")),
        (CaseGroup.CONFIRMED, _("Confirmed")),
        (CaseGroup.DISMISSED, _("Dismissed")),
    ]
    context = {"groups": groups, "status": status, "tabs": tabs, "p": display.punctuation()}
    return render(request, "web/arrival_batches.html", context)


@login_required
@require_POST
def decide_batch(request: HttpRequest, group_id: int) -> HttpResponse:
    authority, now = acting(request)
    _may(authority, Permission.DECIDE_BATCHES)
    confirm = request.POST.get("decision") == "confirm"
    try:
        decide(
            group_id=group_id, authority=authority, now=now, confirm=confirm,
            note=request.POST.get("note", "")[:1000],
        )  # fmt: skip
    except ServiceError as problem:
        messages.error(request, str(problem.message))
    else:
        messages.success(
            request, _("Confirmed as one batch.") if confirm else _("Proposal dismissed.")
        )
    return redirect(reverse("web:batches"))


@login_required
@require_GET
def case_panel(request: HttpRequest, number: str) -> HttpResponse:
    """The case page's arrival panel (loaded after the page)."""
    authority, _now = acting(request)
    case = visible_case(authority, number)
    histories = [
        (
            source,
            [
                {"at": e.at, "actor": e.actor, "label": event_label(e.action), "note": e.note}
                for e in events
            ],
        )
        for source, events in selectors.merged_histories(case)
    ]
    context: dict[str, Any] = {
        "case": case,
        "groups": list(selectors.groups_of_case(case)),
        "links": selectors.links_of(case),
        "histories": histories,
        "may_merge": authority.may(Permission.MERGE_CASES) and case.state in OPEN_STATES,
        "p": display.punctuation(),
    }
    return render(request, "web/_case_arrival.html", context)


@login_required
@require_POST
def merge(request: HttpRequest, number: str) -> HttpResponse:
    """Merge this case into the one that continues (`into`)."""
    authority, now = acting(request)
    visible_case(authority, number)  # 404 first: out of sight says nothing more
    _may(authority, Permission.MERGE_CASES)
    into = request.POST.get("into", "")[:40]
    try:
        kept = merge_cases(
            source=number, target=into, authority=authority, now=now,
            note=request.POST.get("note", "")[:1000],
        )  # fmt: skip
    except ServiceError as problem:
        messages.error(request, str(problem.message))
        return redirect(reverse("web:case", args=[number]))
    messages.success(request, _("Case %(old)s merged into this case.") % {"old": number})
    return redirect(reverse("web:case", args=[kept.number]))


@login_required
@require_POST
def split(request: HttpRequest, number: str) -> HttpResponse:
    """Register part of this case as a new, linked case."""
    authority, now = acting(request)
    visible_case(authority, number)
    _may(authority, Permission.MERGE_CASES)
    product = request.POST.get("subject_product", "").strip()[:SUBJECT_MAX]
    part = SplitPart(
        facts=request.POST.get("facts", "")[:10_000],
        demand=request.POST.get("demand", "")[:2_000],
        subject_product=product or None,
    )
    try:
        new = split_case(
            number=number, part=part, authority=authority, now=now,
            note=request.POST.get("note", "")[:1000],
        )  # fmt: skip
    except ServiceError as problem:
        messages.error(request, str(problem.message))
        return redirect(reverse("web:case", args=[number]))
    messages.success(request, _("Split off from case %(old)s.") % {"old": number})
    return redirect(reverse("web:case", args=[new.number]))
