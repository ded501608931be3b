"""Acceptance screening on a case (R-05): the active regulatory preset's time bars and validity
checks, offered as decline reasons with the facts that triggered them. Read only: the person
who accepts or declines the case decides (`kesu.domain.screening`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from kesu.cases.catalogue_selectors import decline_reason_names
from kesu.cases.models import Case
from kesu.cases.selectors import visible_cases
from kesu.core.clock import local_date
from kesu.core.formatting import long_date
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.presets.screening import SCREENING_PRESETS
from kesu.domain.screening import (
    CaseFacts,
    EarlierCase,
    Fact,
    Finding,
    ScreeningRules,
    screen,
)
from kesu.domain.vocabulary import State
from kesu.org.access import Authority

#: The customer's matter was handled: answered, or closed (for good or provisionally).
HANDLED = (State.ANSWERED, State.PROVISIONALLY_CLOSED, State.CLOSED)
#: Neither handled nor ended without handling (declined, withdrawn): still being handled.
ENDED_UNHANDLED = (State.DECLINED, State.WITHDRAWN)
EARLIER_MAX = 5


@dataclass(frozen=True)
class Offer:
    """One decline reason the case may meet, with the facts in the reader's language."""

    reason_code: str
    reason_name: str
    facts: str
    finding: Finding


def rules_for(case: Case) -> ScreeningRules | None:
    """The screening of the case's own policy when it has one, else of the organisation's
    active regulatory preset (the first by priority)."""
    if case.policy is not None and case.policy.code in SCREENING_PRESETS:
        return SCREENING_PRESETS[case.policy.code]
    code = (
        DeadlinePolicy.objects.filter(is_active=True, code__in=list(SCREENING_PRESETS))
        .order_by("priority", "id")
        .values_list("code", flat=True)
        .first()
    )
    return SCREENING_PRESETS[code] if code else None


def _earlier(case: Case, authority: Authority) -> tuple[EarlierCase, ...]:
    same = Q()
    if case.subject_order_number:
        same |= Q(subject_order_number=case.subject_order_number)
    if case.subject_product:
        same |= Q(subject_product=case.subject_product)
    if not case.complainant_phone or not same:
        return ()
    rows = (
        visible_cases(authority)
        .filter(same, complainant_phone=case.complainant_phone, received_at__lte=case.received_at)
        .exclude(pk=case.pk)
        .exclude(state__in=ENDED_UNHANDLED)
        .order_by("-received_at")
        .values("number", "state", "closed_at", "answered_at", "subject_order_number")[:EARLIER_MAX]
    )
    earlier = []
    for row in rows:
        handled_at = row["closed_at"] or row["answered_at"]
        handled = row["state"] in HANDLED and handled_at is not None
        matter = (
            "order"
            if case.subject_order_number
            and row["subject_order_number"] == case.subject_order_number
            else "product"
        )
        earlier.append(
            EarlierCase(row["number"], local_date(handled_at) if handled else None, matter)
        )
    return tuple(earlier)


def screening(case: Case, authority: Authority) -> list[Offer]:
    """What the acceptance decision should consider, while the case waits for it (state
    registered); nothing once it is decided."""
    if case.state != State.REGISTERED:
        return []
    rules = rules_for(case)
    if rules is None:
        return []
    facts = CaseFacts(
        received_on=local_date(case.received_at),
        event_date=case.event_date,
        text=f"{case.facts}\n{case.demand}",
        earlier=_earlier(case, authority) if rules.settled_reason or rules.duplicate_reason else (),
    )
    findings = screen(rules, facts)
    names = decline_reason_names(f.reason_code for f in findings)
    return [
        Offer(f.reason_code, names.get(f.reason_code, f.reason_code), describe(f), f)
        for f in findings
    ]


def _day(day: date | None) -> str:
    return long_date(day) if day else ""


def describe(finding: Finding) -> str:
    """The facts behind a finding in the active language."""
    if finding.fact == Fact.EVENT_TOO_OLD:
        months = finding.months or 0
        values = {
            "date": _day(finding.event_date),
            "received": _day(finding.received_on),
            "months": months,
            "years": months // 12,
        }
        if months % 12 == 0:
            return (
                _(
                    "The event happened on %(date)s, more than %(years)s years before the "
                    "complaint was received on %(received)s."
                )
                % values
            )
        return (
            _(
                "The event happened on %(date)s, more than %(months)s months before the "
                "complaint was received on %(received)s."
            )
            % values
        )
    if finding.fact == Fact.WORDS:
        return _("The complaint says “%(cue)s”.") % {"cue": finding.cue}
    matter = _("order / policy number") if finding.same_matter == "order" else _("product")
    if finding.fact == Fact.EARLIER_CASE_CLOSED:
        return _(
            "The same customer's case %(number)s about the same %(matter)s was handled on %(date)s."
        ) % {"number": finding.case_number, "matter": matter, "date": _day(finding.closed_on)}
    return _(
        "The same customer's case %(number)s about the same %(matter)s is still being handled."
    ) % {"number": finding.case_number, "matter": matter}
