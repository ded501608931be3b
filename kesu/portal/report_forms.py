"""The whistleblowing 举报 forms of the portal: a report (anonymous or named) and the follow-up
login with the report key and password."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kesu.org.models import Department
from kesu.whistleblowing.services import (
    EMAIL_MAX,
    FACTS_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    PERSONS_MAX,
    PHONE_MAX,
)

ANONYMOUS, NAMED = "anonymous", "named"


def _departments() -> list[tuple[str, str]]:
    rows = Department.objects.filter(is_active=True).values_list("code", "name")
    return [("", _("Not sure / none")), *rows]


class ReportForm(forms.Form):
    facts = forms.CharField(
        label=_("What do you report"),
        max_length=FACTS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, when and where, and what evidence exists."),
    )
    persons_named = forms.CharField(
        label=_("Who is involved (optional)"), required=False, max_length=PERSONS_MAX
    )
    department = forms.ChoiceField(label=_("Which department (optional)"), required=False)
    mode = forms.ChoiceField(
        label=_("Your identity"),
        choices=[
            (ANONYMOUS, _("Anonymous: we keep nothing about you")),
            (NAMED, _("With my name: sealed, seen only by the discipline officers")),
        ],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=NAME_MAX)
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=PHONE_MAX,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False, max_length=EMAIL_MAX)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = _departments()
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4().hex

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == NAMED and not (data.get("name") or "").strip():
            self.add_error("name", _("Give your name, or report anonymously."))
        return data


class FollowForm(forms.Form):
    key = forms.CharField(label=_("Report key"), max_length=30)
    password = forms.CharField(
        label=_("Password"), max_length=40, widget=forms.PasswordInput(render_value=False)
    )


class ReporterMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your question or addition"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
