"""The record of settings changes. Changes made on these pages and in the Django admin land in
one place, Django's admin log (`LogEntry`), so a superuser's admin history and a manager's
change list show the same facts: who, when, which object, which fields."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
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


def changed_fields(form: Any) -> list[str]:
    """The verbose names of the fields a bound form changed (what the admin log shows)."""
    return [str(form.fields[name].label or name) for name in form.changed_data]


def value_text(field: Any, value: Any) -> str:
    """A form value as the form shows it: a choice's label, a related object's name, 是/否."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(value, models.QuerySet):
        value = field.queryset.filter(pk__in=list(value))
    if isinstance(value, models.QuerySet | list | tuple):
        return "、".join(value_text(field, item) for item in value)
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, models.Model):
        value = field.queryset.filter(pk=value).first() or value
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): v for k, v in _flat(field.choices)}
        return str(labels.get(str(value), value))
    return str(value)


def _flat(choices: Any) -> list[tuple[Any, Any]]:
    flat = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((key, label))
    return flat


def changed_values(form: Any) -> dict[str, list[str]]:
    """{field label: [old, new]} for the fields a bound form changed (before it is saved)."""
    values = {}
    for name in form.changed_data:
        field = form.fields[name]
        if isinstance(field.widget, forms.PasswordInput):
            continue  # a password is never written down, not even changed
        old = form.initial.get(name, field.initial)
        values[str(field.label or name)] = [
            value_text(field, old),
            value_text(field, form.cleaned_data.get(name)),
        ]
    return values
