"""Writing the case history. Called only from inside a service's transaction."""

from __future__ import annotations

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
    """Append one step to the case history. `on_behalf_of` names the delegator whose authority
    was used; by default the delegator lending `role`, if the user does not hold it."""
    acting_role = role or next(iter(sorted(authority.roles)), None)
    if on_behalf_of is None and acting_role is not None:
        on_behalf_of = authority.on_behalf_of(acting_role)
    return CaseEvent.objects.create(
        case=case,
        at=at,
        actor=authority.user,
        on_behalf_of=on_behalf_of,
        acting_role=acting_role or "",
        action=action,
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
        data=data or {},
        note=note,
    )
