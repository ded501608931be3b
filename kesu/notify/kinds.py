"""Kinds of in-app notice, for the notification centre's filter: each groups the templates that
tell of one sort of event. A template in no kind (an administrator's own) shows under "all"."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KINDS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "assigned": (_("Assignments"), ("case_assigned",)),
    "deadlines": (_("Deadline warnings"), ("deadline_warning",)),
    "escalations": (
        _("Overdue and escalations"),
        ("deadline_overdue", "deadline_escalation", "group_complaint_formed"),
    ),
    "hastened": (
        _("Customer chasing and additions"),
        ("case_hastened", "customer_added_information", "customer_wrote_email"),
    ),
    "plans": (_("Plans"), ("plan_submitted", "plan_returned", "plan_approved")),
    "return_visits": (_("Return visits"), ("return_visit_requested",)),
    "deliberations": (
        _("Deliberations"),
        (
            "deliberation_requested",
            "deliberation_refused",
            "deliberation_convened",
            "deliberation_preliminary",
            "deliberation_decided",
            "deliberation_overdue",
        ),
    ),
}


def templates_of(kind: str) -> tuple[str, ...]:
    """The templates of `kind`; KeyError for an unknown kind."""
    return KINDS[kind][1]


def kind_of(template: str) -> str | None:
    return next((code for code, (_l, names) in KINDS.items() if template in names), None)
