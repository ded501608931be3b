"""Writing the case history. Called only from inside a service's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Role
from kesu.org.access import Authority
from kesu.org.models import User


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value for the before/after record."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime):
        # Local time, so a value read back from the database (UTC) and the same instant just
        # computed (+08:00) compare equal in the before/after record.
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(case: Case, fields: list[str]) -> dict[str, Any]:
    return {name: plain(getattr(case, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [before, after]}` for every field that changed."""
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


@dataclass(frozen=True)
class EventRow:
    """One step for the case history, before it is written (see `record_events`)."""

    case: Case
    action: str
    at: datetime
    role: Role | None = None
    on_behalf_of: User | None = None
    from_state: str = ""
    to_state: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def _event(row: EventRow, authority: Authority) -> CaseEvent:
    """The history row for `row` acted with `authority`. `on_behalf_of` names the delegator
    whose authority was used; by default the delegator lending the acting role, if the user does
    not hold it."""
    acting_role = row.role or next(iter(sorted(authority.roles)), None)
    on_behalf_of = row.on_behalf_of
    if on_behalf_of is None and acting_role is not None:
        on_behalf_of = authority.on_behalf_of(acting_role)
    return CaseEvent(
        case=row.case,
        at=row.at,
        actor=authority.user,
        on_behalf_of=on_behalf_of,
        acting_role=acting_role or "",
        action=row.action,
        from_state=row.from_state,
        to_state=row.to_state,
        changes=row.changes,
        data=row.data,
        note=row.note,
    )


def record_event(
    *,
    case: Case,
    authority: Authority,
    action: str,
    at: datetime,
    role: Role | None = None,
    on_behalf_of: User | None = None,
    from_state: str = "",
    to_state: str = "",
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> CaseEvent:
    """Append one step to the case history."""
    row = EventRow(
        case=case,
        action=action,
        at=at,
        role=role,
        on_behalf_of=on_behalf_of,
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
        data=data or {},
        note=note,
    )
    event = _event(row, authority)
    event.save()
    return event


def record_events(rows: list[EventRow], *, authority: Authority) -> list[CaseEvent]:
    """Append many steps acted with one authority (the deadline sweep's 督办) in one insert."""
    return CaseEvent.objects.bulk_create([_event(row, authority) for row in rows])
