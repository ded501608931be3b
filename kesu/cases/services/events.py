"""Writing the case history. Called only from inside a service's transaction."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Role
from kesu.org.access import Authority


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value for the before/after record."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(case: Case, fields: list[str]) -> dict[str, Any]:
    return {name: plain(getattr(case, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [before, after]}` for every field that changed."""
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def record_event(
    *,
    case: Case,
    authority: Authority,
    action: str,
    at: datetime,
    role: Role | None = None,
    from_state: str = "",
    to_state: str = "",
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> CaseEvent:
    acting_role = role or next(iter(sorted(authority.roles)), None)
    return CaseEvent.objects.create(
        case=case,
        at=at,
        actor=authority.user,
        on_behalf_of=authority.on_behalf_of(acting_role) if acting_role else None,
        acting_role=acting_role or "",
        action=action,
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
        note=note,
    )
