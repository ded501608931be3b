"""What every settings page shares: the list table and the edit form, so each kind of
reference data only says which columns it shows and which service saves it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kesu.core.errors import ServiceError
from kesu.core.formatting import punctuation

T = TypeVar("T")


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


@dataclass(frozen=True)
class Row:
    cells: Sequence[Any]
    url: str = ""
    inactive: bool = False
    depth: int = 0


@dataclass(frozen=True)
class Table:
    title: str
    columns: Sequence[str]
    rows: Sequence[Row]
    new_url: str = ""
    new_label: str = ""
    intro: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def show_table(
    request: HttpRequest, table: Table, template: str = "backoffice/table.html"
) -> HttpResponse:
    return render(request, template, {"table": table, **table.extra})


def typed(kind: type[T], form: ModelForm) -> T:
    """The service's input `kind` from a valid form: the fields both have (lists as tuples)."""
    data = form.cleaned_data
    return kind(
        **{
            f.name: tuple(data[f.name]) if isinstance(data[f.name], list) else data[f.name]
            for f in fields(kind)  # type: ignore[arg-type]
            if f.name in data
        }
    )


def edit(
    request: HttpRequest,
    *,
    form: ModelForm,
    save: Callable[[ModelForm], object],
    title: str,
    back: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show `form`; on a valid POST call `save` (a service, given the form's values with
    `typed`) and go back to the list with a message naming what it saved. A refusal from the
    service is shown on the form, nothing is stored."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Saved: %(name)s") % {"name": saved})
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "title": title,
        "back": back,
        "intro": intro,
        "p": punctuation(),
        **(extra or {}),
    }
    return render(request, "backoffice/form.html", context, status=status)
