"""The record of settings changes. Changes made on these pages and in the Django admin land in
one place, Django's admin log (`LogEntry`), so a superuser's admin history and a manager's
change list show the same facts: who, when, which object, which fields."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from kesu.org.models import User


def record_change(
    *,
    actor: User,
    obj: models.Model,
    fields: list[str] | None = None,
    note: str = "",
    deleted: bool = False,
) -> LogEntry:
    """Write one log row for `obj`: an addition when `fields` is None, else a change of
    `fields` (or its removal). Call it inside the service's transaction, so a failed save
    logs nothing."""
    if deleted:
        message: list[dict[str, Any]] = [{"deleted": {}}]
        flag = DELETION
    elif fields is None:
        message = [{"added": {}}]
        flag = ADDITION
    else:
        message = [{"changed": {"fields": fields}}]
        flag = CHANGE
    if note:
        message.append({"note": note})
    return LogEntry.objects.create(
        user_id=actor.pk,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=flag,
        change_message=json.dumps(message, ensure_ascii=False),
    )


def recent_changes(limit: int = 100) -> QuerySet[LogEntry]:
    """The newest settings changes first, with who made them (one query)."""
    return LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[:limit]


def changed_fields(form: Any) -> list[str]:
    """The verbose names of the fields a bound form changed (what the admin log shows)."""
    return [str(form.fields[name].label or name) for name in form.changed_data]
