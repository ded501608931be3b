"""Retention (issue 20 part 5): the personal data of cases closed longer ago than the
organisation's retention period is masked in place; a legal hold stops it.

What is masked, on the case row: the complainant's name (surname kept, `王*`), phone (and its
reversed search column: the case is no longer found by the number), e-mail, address (province,
city and district kept), employer, ID number, the order / policy number, and phone numbers and
e-mail addresses inside the facts and the demand. What stays: the case, its number, kind,
category, severity, channel, dates, department, handler, plan, amounts, states, clocks, alerts
and the whole history — the figures and statistics. The history holds no personal field (see
docs/decisions/0004-history-chain-and-access-log.md), so the append-only, chained record needs
no change; evidence files are kept (see the admin guide).

`apply_retention` is idempotent (a masked case carries `personal_data_masked_at` and is not
touched again), works in batches, each in its own transaction with its cases locked, writes one
`retention_mask` history event per case (which fields, no values) and stores a `RetentionRun`
report: the masked case numbers and the ones a legal hold kept.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kesu.cases.models import (
    LEGAL_HOLD,
    LEGAL_HOLD_LIFTED,
    RETENTION_MASK,
    Case,
    RetentionPolicy,
    RetentionRun,
)
from kesu.cases.services.events import EventRow, record_event, record_events
from kesu.core.clock import local
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain import privacy
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import State
from kesu.org.access import Authority, authority_of
from kesu.org.services import system_user

BATCH = 200
#: The longest retention period one may set (50 years).
MAX_MONTHS = 600
MASKED_FIELDS = (
    "complainant_name", "complainant_phone", "complainant_email", "complainant_address",
    "complainant_employer", "complainant_id_number", "subject_order_number", "facts", "demand",
)  # fmt: skip
CLOSED = (State.CLOSED, State.DECLINED, State.WITHDRAWN)


def retention_months() -> int:
    """The retention period in months after closure; 0: personal data is kept."""
    policy = RetentionPolicy.objects.order_by("pk").first()
    return policy.months if policy is not None else 0


def set_retention(*, months: int, now: datetime) -> RetentionPolicy:
    """Change the retention period (the settings page records the change in the change log)."""
    if not 0 <= months <= MAX_MONTHS:
        raise ServiceError(
            "out_of_range",
            _("The retention period is between 0 and %(max)s months.") % {"max": MAX_MONTHS},
            field="months",
        )
    with transaction.atomic():
        policy = RetentionPolicy.objects.select_for_update().order_by("pk").first()
        policy = policy or RetentionPolicy()
        policy.months, policy.changed_at = months, now
        policy.save()
    return policy


def set_legal_hold(
    *, case_id: int, authority: Authority, hold: bool, reason: str, now: datetime
) -> Case:
    """Place or lift a legal hold on a case (on its record with the reason)."""
    if not authority.may(Permission.SET_LEGAL_HOLD):
        raise Forbidden("not_allowed", _("Your role cannot place or lift a legal hold."))
    if hold and not reason.strip():
        raise ServiceError("required", _("Say why the case is held."), field="reason")
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None:
            raise NotFound("not_found", _("Case not found."))
        if case.legal_hold == hold:
            return case
        case.legal_hold = hold
        case.save(update_fields=["legal_hold", "updated_at"])
        record_event(
            case=case,
            authority=authority,
            action=LEGAL_HOLD if hold else LEGAL_HOLD_LIFTED,
            at=now,
            role=authority.role_for(Permission.SET_LEGAL_HOLD),
            changes={"legal_hold": [not hold, hold]},
            note=reason.strip()[:4000],
        )
    return case


def mask_personal_data(case: Case) -> list[str]:
    """Mask `case`'s personal fields in place; returns the fields that changed."""
    before = {name: getattr(case, name) for name in MASKED_FIELDS}
    case.complainant_name = privacy.mask_name(case.complainant_name)
    case.complainant_phone = ""
    case.complainant_phone_reversed = ""
    case.complainant_email = ""
    case.complainant_address = privacy.mask_address(case.complainant_address)
    case.complainant_employer = ""
    case.complainant_id_number = ""
    case.subject_order_number = ""
    case.facts = privacy.mask_text(case.facts)
    case.demand = privacy.mask_text(case.demand)
    return [name for name in MASKED_FIELDS if getattr(case, name) != before[name]]


@dataclass
class RetentionReport:
    months: int
    masked: list[str]
    held: list[str]


def months_before(moment: datetime, months: int) -> datetime:
    """The same local day and time `months` earlier (the 31st becomes the month's last day)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def due_cases(months: int, now: datetime) -> QuerySet[Case]:
    """Closed cases past the retention period whose personal data is still in place."""
    return Case.objects.filter(
        state__in=CLOSED,
        closed_at__lte=months_before(local(now), months),
        personal_data_masked_at__isnull=True,
    )


def apply_retention(*, now: datetime) -> RetentionReport:
    """Mask the personal data of every closed case past the retention period (not held)."""
    months = retention_months()
    report = RetentionReport(months=months, masked=[], held=[])
    if not months:
        return report  # nothing to do, nothing to report
    due = due_cases(months, now)
    report.held = list(
        due.filter(legal_hold=True).order_by("number").values_list("number", flat=True)
    )
    system = authority_of(system_user(), now=now)
    while batch := _mask_batch(due.filter(legal_hold=False), system, now):
        report.masked.extend(batch)
    RetentionRun.objects.create(ran_at=now, months=months, masked=report.masked, held=report.held)
    return report


def _mask_batch(due: QuerySet[Case], system: Authority, now: datetime) -> list[str]:
    """Mask one batch of cases, locked (cases someone holds right now wait for the next run)."""
    with transaction.atomic():
        cases = list(due.select_for_update(skip_locked=True).order_by("closed_at", "id")[:BATCH])
        rows = []
        for case in cases:
            fields = mask_personal_data(case)
            case.personal_data_masked_at = now
            rows.append(EventRow(case=case, action=RETENTION_MASK, at=now, data={"fields": fields}))
        Case.objects.bulk_update(
            cases, [*MASKED_FIELDS, "complainant_phone_reversed", "personal_data_masked_at"]
        )
        record_events(rows, authority=system)
    return [case.number for case in cases]
