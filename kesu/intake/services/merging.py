"""Merging and splitting cases (R-06), keeping every history event of both.

- **Merge**: the duplicate (`source`) is closed as merged into the case that continues
  (`target`): its own history chain keeps every event and ends with `merged_into`; the target's
  gets `merged_from`; a `CaseLink` ties them, and the target's page shows the merged case's
  events too (`selectors.merged_histories`). Nothing is moved or rewritten, so both chains still
  verify (`manage.py verify_history`).
- **Split**: part of a case (another product, another fault) becomes a new case registered with
  the same complainant, channel, receipt time and category; both histories say so
  (`split_into`, `split_from`) and a `CaseLink` ties them.

Both need `merge_cases` (the complaint supervisor and above) and lock the cases' rows in key
order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.models import Case, CaseEvent
from kesu.cases.services import deadlines as case_deadlines
from kesu.cases.services.events import diff, record_event, snapshot
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.signals import closing_details
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import OPEN_STATES, CaseKind, Channel, Severity, State
from kesu.intake.models import CaseLink
from kesu.org.access import Authority

MERGED_INTO = "merged_into"
MERGED_FROM = "merged_from"
SPLIT_INTO = "split_into"
SPLIT_FROM = "split_from"
MAX_NOTE = 500
CLOSING = ["state", "closed_at", "next_due", "next_alert_at", "clock_paused_at"]


def _allowed(authority: Authority) -> None:
    if not authority.may(Permission.MERGE_CASES):
        raise Forbidden("not_allowed", _("Your role cannot merge or split cases."))


def _note(note: str) -> str:
    if len(note) > MAX_NOTE:
        raise ServiceError(
            "too_long", _("The note is longer than %(n)s characters.") % {"n": MAX_NOTE},
            field="note",
        )  # fmt: skip
    return note.strip()


def _visible(authority: Authority, number: str, field: str) -> Case:
    case = selectors.visible_cases(authority).filter(number=number.strip()[:40]).first()
    if case is None:
        raise NotFound(
            "not_found", _("Case %(number)s not found.") % {"number": number}, field=field
        )
    return case


def merge_cases(
    *, source: str, target: str, authority: Authority, now: datetime, note: str = ""
) -> Case:
    """Close case `source` as merged into case `target` (both open and visible); returns the
    target."""
    _allowed(authority)
    note = _note(note)
    first, second = _visible(authority, source, "source"), _visible(authority, target, "target")
    if first.pk == second.pk:
        raise ServiceError("same_case", _("A case cannot be merged into itself."), field="target")
    with transaction.atomic():
        locked = {
            c.pk: c
            for c in Case.objects.select_for_update(of=("self",))
            .select_related("policy")
            .filter(pk__in=[first.pk, second.pk])
            .order_by("pk")
        }
        merged, kept = locked[first.pk], locked[second.pk]
        for case, field in ((merged, "source"), (kept, "target")):
            if case.state not in OPEN_STATES:
                raise ServiceError(
                    "case_not_open",
                    _("Case %(number)s is not open: only open cases are merged.")
                    % {"number": case.number},
                    field=field,
                )
        before = snapshot(merged, CLOSING)
        source_state = merged.state
        merged.state = State.CLOSED
        merged.closed_at = now
        merged.clock_paused_at, merged.clock_pause_reason = None, ""
        merged.next_due = case_deadlines.next_due(merged)
        merged.next_alert_at = case_deadlines.next_alert_at(merged)
        merged.save()
        # Closed like any case: its archive number (kesu.archives) goes into the closing step.
        closing = closing_details(merged, now, authority)
        role = authority.role_for(Permission.MERGE_CASES)
        record_event(
            case=merged, authority=authority, action=MERGED_INTO, at=now, role=role,
            from_state=source_state, to_state=State.CLOSED,
            changes=diff(before, snapshot(merged, CLOSING)),
            data={"into": kept.number, **closing}, note=note,
        )  # fmt: skip
        events = CaseEvent.objects.filter(case=merged).count()
        record_event(
            case=kept, authority=authority, action=MERGED_FROM, at=now, role=role,
            data={"from": merged.number, "events": events}, note=note,
        )  # fmt: skip
        CaseLink.objects.create(
            kind=CaseLink.MERGED, source=merged, target=kept, at=now, by=authority.user, note=note
        )
    return kept


@dataclass(frozen=True)
class SplitPart:
    """What goes to the new case: its facts (required), the customer's demand about it, and
    what it is about (default: as on the original)."""

    facts: str
    demand: str = ""
    subject_product: str | None = None
    subject_order_number: str | None = None
    category_code: str | None = None


def split_case(
    *, number: str, part: SplitPart, authority: Authority, now: datetime, note: str = ""
) -> Case:
    """Register part of case `number` as a new case linked to it; returns the new case. The
    same split asked twice (a double click) answers with the case it made first."""
    _allowed(authority)
    note = _note(note)
    original = _visible(authority, number, "number")
    if not part.facts.strip():
        raise ServiceError(
            "required", _("Describe the part that becomes a new case."), field="facts"
        )
    with transaction.atomic():
        source = Case.objects.select_for_update(of=("self",)).get(pk=original.pk)
        if source.state not in OPEN_STATES:
            raise ServiceError(
                "case_not_open",
                _("Case %(number)s is not open: only open cases are split.")
                % {"number": source.number},
                field="number",
            )
        new, created = register_case(data=_part_of(source, part), authority=authority, now=now)
        if not created:
            return new
        role = authority.role_for(Permission.MERGE_CASES)
        record_event(
            case=source, authority=authority, action=SPLIT_INTO, at=now, role=role,
            data={"case": new.number, "facts": part.facts.strip()}, note=note,
        )  # fmt: skip
        record_event(
            case=new, authority=authority, action=SPLIT_FROM, at=now, role=role,
            data={"case": source.number}, note=note,
        )  # fmt: skip
        CaseLink.objects.create(
            kind=CaseLink.SPLIT, source=source, target=new, at=now, by=authority.user, note=note
        )
    return new


def _part_of(source: Case, part: SplitPart) -> Registration:
    category = part.category_code
    if category is None:
        category = source.category.code if source.category_id and source.category else None
    product = source.subject_product if part.subject_product is None else part.subject_product
    order = (
        source.subject_order_number
        if part.subject_order_number is None
        else part.subject_order_number
    )
    return Registration(
        complainant_name=source.complainant_name,
        facts=part.facts.strip(),
        channel=Channel(source.channel),
        kind=CaseKind(source.kind),
        severity=Severity(source.severity),
        received_at=source.received_at,
        category_code=category,
        complainant_phone=source.complainant_phone,
        complainant_email=source.complainant_email,
        complainant_address=source.complainant_address,
        complainant_employer=source.complainant_employer,
        complainant_id_number=source.complainant_id_number,
        complainant_relation=source.complainant_relation,
        complainant_count=source.complainant_count,
        subject_product=product,
        subject_order_number=order,
        demand=part.demand.strip(),
        major_criteria=tuple(source.major_criteria or ()),
    )
