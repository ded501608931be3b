"""The record of settings changes. Changes made on these pages and in the Django admin land in
one place, Django's admin log (`LogEntry`), so a superuser's admin history and a manager's
change list show the same facts: who, when, which object, which fields."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kesu.org.models import User


def record_change(
    *,
    actor: User,
    obj: models.Model,
    fields: list[str] | None = None,
    note: str = "",
    deleted: bool = False,
    values: dict[str, list[str]] | None = None,
) -> LogEntry:
    """Write one log row for `obj`: an addition when `fields` is None, else a change of
    `fields` (or its removal); `values` keeps each changed field's old and new value, as
    people read them, for the audit. Call it inside the service's transaction, so a failed
    save logs nothing."""
    if deleted:
        message: list[dict[str, Any]] = [{"deleted": {}}]
        flag = DELETION
    elif fields is None:
        message = [{"added": {}}]
        flag = ADDITION
    else:
        message = [{"changed": {"fields": fields}}]
        flag = CHANGE
    if values:
        message.append({"values": values})
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


#: Fields whose values the log never keeps.
SECRET_FIELDS = frozenset({"password"})


def snapshot(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The values of the fields `names` of `obj` as stored (a related object by its key, a list
    as a list), to compare before and after a save."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, obj._meta.get_field(name).attname)
        values[name] = list(value) if isinstance(value, list | tuple) else value
    return values


def changed_values(
    model: type[models.Model],
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    words: dict[str, dict[str, Any]] | None = None,
) -> dict[str, list[str]]:
    """{field label: [old, new]} for each field whose value differs between two `snapshot`s,
    as people read them; `words` names the items of a list field without choices of its own.
    A password is never written down, not even changed."""
    values = {}
    for name, old in before.items():
        new = after[name]
        if old == new or name in SECRET_FIELDS:
            continue
        field = model._meta.get_field(name)
        named = (words or {}).get(name, {})
        values[field_label(model, name)] = [
            value_text(field, old, named),
            value_text(field, new, named),
        ]
    return values


def field_label(model: type[models.Model], name: str) -> str:
    """A field's name as its form shows it (the model's verbose name, capitalised)."""
    return capfirst(str(model._meta.get_field(name).verbose_name))


def value_text(field: Any, value: Any, words: dict[str, Any] | None = None) -> str:
    """A stored value as the form shows it: a choice's label, a related object's name, 是/否,
    the items of a list joined."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, list | tuple):
        return "、".join(value_text(field, item, words) for item in value)
    if words and str(value) in words:
        return str(words[str(value)])
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related if related is not None else value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
