"""Writing the case history. Called only from inside a service's transaction.

Every row is chained (kesu/cases/chain.py): its `seq` follows the case's last row and its
`digest` covers that row's digest. Callers hold the case row locked (`select_for_update` in
transitions, attachments and the sweep; a case being registered is not visible to anyone else
yet), so two writers never read the same head; were one to slip through, the unique
(case, seq) constraint refuses the second row instead of forking the chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from kesu.cases import chain
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
    first: bool = False,
) -> CaseEvent:
    """Append one step to the case history. `first`: the case is being registered in this
    transaction and has no history yet, so its chain's head is not read."""
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
    head = (
        None
        if first
        else CaseEvent.objects.filter(case_id=case.pk)
        .order_by("-seq")
        .values_list("seq", "digest")
        .first()
    )
    _chain(event, case, *(head or (0, chain.GENESIS)))
    event.save()
    return event


def _chain(event: CaseEvent, case: Case, last_seq: int, last_digest: str) -> None:
    event.seq = last_seq + 1
    event.digest = chain.digest(chain.link_of(event, case.number), last_digest)


def record_events(rows: list[EventRow], *, authority: Authority) -> list[CaseEvent]:
    """Append many steps acted with one authority (the deadline sweep's 督办) in one insert;
    the heads of all their cases' chains are read with one query."""
    if not rows:
        return []
    last = CaseEvent.objects.filter(case_id=OuterRef("pk")).order_by("-seq")
    heads = {
        pk: (seq or 0, head or chain.GENESIS)
        for pk, seq, head in Case.objects.filter(pk__in={row.case.pk for row in rows})
        .annotate(
            last_seq=Subquery(last.values("seq")[:1]),
            last_digest=Subquery(last.values("digest")[:1]),
        )
        .values_list("pk", "last_seq", "last_digest")
    }
    events = []
    for row in rows:
        event = _event(row, authority)
        _chain(event, row.case, *heads[row.case.pk])
        heads[row.case.pk] = (event.seq, event.digest)
        events.append(event)
    return CaseEvent.objects.bulk_create(events)
