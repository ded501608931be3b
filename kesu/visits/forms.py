"""The questionnaire 回访问卷, the same for the caller during the call and for the customer on
the portal, and the caller's record of a call that did not get through."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kesu.domain.visits import SCALE, Answers, AttemptOutcome
from kesu.visits.models import OUTCOME_LABELS
from kesu.visits.services import MAX_COMMENT, MAX_NOTE

RATINGS = [
    (1, _("1 · very unhappy")),
    (2, _("2 · unhappy")),
    (3, _("3 · neutral")),
    (4, _("4 · satisfied")),
    (5, _("5 · very satisfied")),
]


class QuestionnaireForm(forms.Form):
    result = forms.TypedChoiceField(
        label=_("How satisfied are you with the result?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    process = forms.TypedChoiceField(
        label=_("How satisfied are you with how we handled it?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    solved = forms.TypedChoiceField(
        label=_("Was your problem solved?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the problem was solved.")},
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        assert data["result"] in SCALE  # noqa: S101 — the choices allow nothing else
        return Answers(
            result=data["result"],
            process=data["process"],
            solved=data["solved"],
            comment=data["comment"],
        )


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The call"),
        choices=[
            (o.value, OUTCOME_LABELS[o])
            for o in (AttemptOutcome.UNREACHABLE, AttemptOutcome.REFUSED)
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the call went.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=MAX_NOTE)
