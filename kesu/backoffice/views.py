"""The settings start page and the change log."""

from __future__ import annotations

import json

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kesu.backoffice.access import manager_required
from kesu.backoffice.audit import recent_changes
from kesu.backoffice.audit_pages import chain_summary
from kesu.core.formatting import punctuation


@manager_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/index.html", {"chain_summary": chain_summary()})


def _describe(message: str, flag: int) -> str:
    """The log row in words: added / deleted / changed: fields (and a note, if any)."""
    try:
        parts = json.loads(message or "[]")
    except ValueError:
        return message
    words = []
    if flag == ADDITION:
        words.append(_("added"))
    elif flag == DELETION:
        words.append(_("removed"))
    for part in parts if isinstance(parts, list) else []:
        if "changed" in part and not any("values" in other for other in parts):
            fields = punctuation().enumeration.join(part["changed"].get("fields", []))
            words.append(_("changed: %(fields)s") % {"fields": fields})
        if "values" in part:  # what each field was and became
            p = punctuation()
            words.extend(
                f"{name}{p.colon}{old} → {new}" for name, (old, new) in part["values"].items()
            )
        if "note" in part:
            words.append(str(part["note"]))
    return punctuation().separator.join(words)


def _kind(entry: LogEntry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name) if model else ""


@manager_required
def history(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "entry": entry,
            "kind": _kind(entry),
            "what": _describe(entry.change_message, entry.action_flag),
        }
        for entry in recent_changes(200)
    ]
    return render(request, "backoffice/history.html", {"rows": rows})
