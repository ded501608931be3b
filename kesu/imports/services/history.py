"""Writing imported history: cases from another system, closed or still open, with their
history event, import record and satisfaction mark, a chunk of rows at a time (a few bulk
statements per chunk, not a handful per case). Called inside the import's transaction.

- Numbers: `H-` + the old system's number. The year's sequence (`CaseSequence`) is not touched,
  so the next case registered here gets the number it would have had without the import.
- Closed cases are written closed: no clock runs (`next_due` and `next_alert_at` empty), so no
  warning or 督办 ever fires on them.
- Open cases are taken over on the day of the import: accepted then (and assigned, when the file
  names a department), with the policy's clocks counted from the import, not from the old
  received date (which would make every one overdue at once). The acceptance clock is recorded as
  met at the import.
- Each case has one history event, `history_imported`, at the time of the import (never
  back-dated: the daily anchors of past days stay intact), carrying the old dates and state.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kesu.cases.models import Case, CaseRating, Category, normalise_phone
from kesu.cases.services.deadlines import matching_policy, next_alert_at, next_due, start_clocks
from kesu.cases.services.events import EventRow, plain, record_events
from kesu.domain.clocks import ClockName, ClockState
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Severity, State
from kesu.imports.models import ImportBatch, ImportedCase
from kesu.imports.rows import HISTORY_PREFIX, HistoryRow
from kesu.org.access import Authority
from kesu.org.models import Department

IMPORTED = "history_imported"
RATING_SOURCE = "import"


def write_history(
    rows: list[HistoryRow], *, batch: ImportBatch, authority: Authority, now: datetime
) -> list[Case]:
    """Create the cases of `rows` (none imported before) with their events and records."""
    categories = Category.objects.in_bulk({r.category_id for r in rows if r.category_id})
    departments = Department.objects.in_bulk({r.department_id for r in rows if r.department_id})
    policies: dict[object, object] = {}  # one policy look-up per category, not per row
    cases = [
        _case(row, categories, departments, policies, authority=authority, now=now) for row in rows
    ]
    cases = Case.objects.bulk_create(cases)
    role = authority.role_for(Permission.IMPORT_CASES)
    record_events(
        [
            EventRow(
                case=case,
                action=IMPORTED,
                at=now,
                role=role,
                to_state=case.state,
                data=_original(row) | {"batch": batch.pk},
            )
            for case, row in zip(cases, rows, strict=True)
        ],
        authority=authority,
    )
    ImportedCase.objects.bulk_create(
        ImportedCase(
            case=case,
            batch=batch,
            source="history",
            regulator="",
            reference=row.reference,
            original=_original(row),
        )
        for case, row in zip(cases, rows, strict=True)
    )
    CaseRating.objects.bulk_create(
        CaseRating(
            case=case,
            source=RATING_SOURCE,
            result=row.satisfaction,
            process=row.satisfaction,
            rated_at=row.closed_at or now,
        )
        for case, row in zip(cases, rows, strict=True)
        if row.satisfaction is not None
    )
    return cases


def _original(row: HistoryRow) -> dict[str, object]:
    return {
        "reference": row.reference,
        "status": row.status_text,
        "received_at": plain(row.received_at),
        "closed_at": plain(row.closed_at),
        "row": row.row,
    }


def _case(
    row: HistoryRow,
    categories: dict[int, Category],
    departments: dict[int, Department],
    policies: dict[object, object],
    *,
    authority: Authority,
    now: datetime,
) -> Case:
    data = row.registration
    phone = normalise_phone(data.complainant_phone)
    department = departments.get(row.department_id) if row.department_id else None
    case = Case(
        number=HISTORY_PREFIX + row.reference,
        kind=data.kind,
        severity=Severity.GENERAL,
        channel=data.channel,
        category=categories.get(row.category_id) if row.category_id else None,
        received_at=row.received_at,
        registered_at=now,
        receiver=authority.user,
        complainant_name=data.complainant_name.strip(),
        complainant_phone=phone,
        complainant_phone_reversed=phone[::-1],
        complainant_address=data.complainant_address.strip(),
        subject_product=data.subject_product.strip(),
        subject_order_number=data.subject_order_number.strip(),
        facts=data.facts.strip(),
        demand=data.demand.strip(),
        assigned_department=department,
        answer=row.outcome if row.closed else "",
    )
    if row.category_id not in policies:
        policies[row.category_id] = matching_policy(case)
    case.policy = policies[row.category_id]  # type: ignore[assignment]
    if row.closed:
        case.state = State.CLOSED
        case.answered_at = row.closed_at if row.outcome else None
        case.closed_at = row.closed_at
        return case  # no clock: nothing to warn about
    case.state = State.ASSIGNED if department is not None else State.ACCEPTED
    case.accepted_at = now
    case.assigned_at = now if department is not None else None
    taken_over = ClockState(started=now, due=now, stopped=now)
    case.apply(replace(case.clocks(), states={ClockName.ACCEPTANCE: taken_over}))
    start_clocks(case)
    case.next_due = next_due(case)
    case.next_alert_at = next_alert_at(case)
    return case
