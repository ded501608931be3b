"""One small form per workflow action. Each form asks only for what its action uses; whether the
action is allowed, and what it requires, is decided by `perform_transition`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kesu.cases.services.transitions import (
    CONTACT_METHODS,
    MAX_NOTE,
    PAUSE_REASONS,
    TransitionInput,
)
from kesu.core.labels import CONTACT_METHOD_LABELS, PAUSE_REASON_LABELS, label
from kesu.domain.approvals import ACTION_NAMES
from kesu.domain.presets.terms import HANDLING_METHODS
from kesu.domain.responsibility import MAX_PARTY_NAME, PartyKind, Share
from kesu.domain.vocabulary import Action, TimeUnit
from kesu.web import choices as options

#: Actions whose note is required by the service: the form says so up front.
NOTE_REQUIRED = frozenset(
    {
        Action.LOG_CONTACT, Action.RECORD_INVESTIGATION, Action.REJECT_PLAN,
        Action.NOT_SATISFIED, Action.PROVISIONALLY_CLOSE, Action.REOPEN, Action.WITHDRAW,
        Action.EXTEND_DEADLINE, Action.HASTEN, Action.RECALCULATE_DEADLINES,
    }
)  # fmt: skip
EXTENSION_UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS)


class ActionForm(forms.Form):
    """The note every action may carry; subclasses add the action's own fields."""

    note = forms.CharField(
        label=_("Note"), required=False, max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, action: Action, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=action.value, **kwargs)
        self.action = action
        self.label = str(label(action))
        self.notice = ""  # shown above the fields, e.g. why a plan was sent back
        if action in NOTE_REQUIRED:
            self.fields["note"].widget.attrs["required"] = True

    def transition_input(self) -> TransitionInput:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return TransitionInput(**data)


class AcceptForm(ActionForm):
    promised_days = forms.IntegerField(
        label=_("Promised deadline (working days, optional)"), required=False,
        min_value=1, max_value=180,
    )  # fmt: skip


class DeclineForm(ActionForm):
    reason_code = forms.ChoiceField(label=_("Reason for declining"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = options.none_choice() + options.decline_reasons()


class TaggedSelect(forms.Select):
    """A select whose options carry `data-path` (a department's tree path), so the page can
    offer only the handlers of the chosen department."""

    # Django's select with its option template inline: the same HTML, no include per option.
    template_name = "web/widgets/select.html"

    def __init__(self, paths: dict[str, str] | None = None) -> None:
        super().__init__()
        self.paths = paths or {}

    def create_option(  # noqa: PLR0917 — Django's signature
        self,
        name: str,
        value: Any,
        label: Any,
        selected: Any,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.paths:
            option["attrs"]["data-path"] = self.paths[str(value)]
        return option


class AssignForm(ActionForm):
    department = forms.ChoiceField(label=_("Responsible department"), widget=TaggedSelect)
    handler = forms.ChoiceField(label=_("Handler"), required=False, widget=TaggedSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        found = options.assign_choices()
        # The widgets first: a field hands its choices to the widget it has at that moment.
        fields["department"].widget = TaggedSelect(found.department_paths)
        fields["department"].widget.attrs["data-assign-department"] = True
        fields["department"].choices = options.none_choice() + found.departments
        fields["handler"].widget = TaggedSelect(found.handler_paths)
        fields["handler"].widget.attrs["data-assign-handler"] = True
        fields["handler"].choices = options.none_choice() + found.handlers


class ContactForm(ActionForm):
    method = forms.ChoiceField(label=_("Contact method"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [
            (code, CONTACT_METHOD_LABELS[code]) for code in CONTACT_METHODS
        ]


class PlanForm(ActionForm):
    plan = forms.CharField(label=_("Handling plan"), widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.ChoiceField(label=_("Handling method"), required=False)
    amount = forms.DecimalField(
        label=_("Amount (¥)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )

    # What the plan asks approval for and the facts the approval matrix weighs.
    approval_action = forms.ChoiceField(label=_("Approval for"), required=False)
    premium_share = forms.DecimalField(
        label=_("Surrender total over total premiums (0–1)"), required=False,
        min_value=0, max_value=1, max_digits=5, decimal_places=4,
    )  # fmt: skip
    subject_is_manager = forms.BooleanField(label=_("The subject is a manager"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = options.none_choice() + options.terms(HANDLING_METHODS)
        english = (get_language() or "").startswith("en")
        self.fields["approval_action"].choices = [
            (action.value, names[1] if english else names[0])
            for action, names in ACTION_NAMES.items()
        ]


#: Rows of the responsibility split the answer form offers (the API takes up to MAX_SHARES).
SHARE_ROWS = 4


class AnswerForm(ActionForm):
    """The answer, with the handling result (R-17): method, amount, loss, and the split of
    responsibility in up to four rows whose percentages add up to 100 (checked by the service,
    so the page and the API refuse the same way)."""

    answer = forms.CharField(
        label=_("Answer given to the customer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    result_method = forms.ChoiceField(label=_("Handling method"), required=False)
    result_amount = forms.DecimalField(
        label=_("Amount (¥)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    loss_amount = forms.DecimalField(
        label=_("Loss amount (¥)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result_method"].choices = options.none_choice() + options.terms(
            HANDLING_METHODS
        )
        kinds = options.none_choice() + [(k.value, label(k)) for k in PartyKind]
        for row in range(1, SHARE_ROWS + 1):
            self.fields[f"share_kind_{row}"] = forms.ChoiceField(
                label=_("Responsible party %(n)s") % {"n": row}, required=False, choices=kinds
            )
            self.fields[f"share_name_{row}"] = forms.CharField(
                label=_("Party name %(n)s (optional)") % {"n": row}, required=False,
                max_length=MAX_PARTY_NAME,
            )  # fmt: skip
            self.fields[f"share_percent_{row}"] = forms.DecimalField(
                label=_("Share %(n)s (%%)") % {"n": row}, required=False, min_value=0,
                max_value=100, max_digits=5, decimal_places=2,
            )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for row in range(1, SHARE_ROWS + 1):
            kind, percent = data.get(f"share_kind_{row}"), data.get(f"share_percent_{row}")
            if bool(kind) != (percent is not None):
                self.add_error(
                    f"share_percent_{row}" if kind else f"share_kind_{row}",
                    _("Give both the party and its share, or neither."),
                )
        return data

    def transition_input(self) -> TransitionInput:
        data = self.cleaned_data
        shares = tuple(
            Share(
                kind=PartyKind(data[f"share_kind_{row}"]),
                percent=data[f"share_percent_{row}"],
                name=data.get(f"share_name_{row}") or "",
            )
            for row in range(1, SHARE_ROWS + 1)
            if data.get(f"share_kind_{row}") and data.get(f"share_percent_{row}") is not None
        )
        return TransitionInput(
            note=data.get("note") or "",
            answer=data.get("answer") or "",
            result_method=data.get("result_method") or "",
            result_amount=data.get("result_amount"),
            loss_amount=data.get("loss_amount"),
            shares=shares,
        )


class PauseForm(ActionForm):
    reason_code = forms.ChoiceField(label=_("Why the clock stops"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = [
            (code, PAUSE_REASON_LABELS[code]) for code in PAUSE_REASONS
        ]


class ExtendForm(ActionForm):
    extension_amount = forms.IntegerField(label=_("Extend by"), min_value=1, max_value=60)
    extension_unit = forms.ChoiceField(label=_("Unit"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["extension_unit"].choices = [(u.value, label(u)) for u in EXTENSION_UNITS]

    def transition_input(self) -> TransitionInput:
        data = self.cleaned_data
        return TransitionInput(
            note=data.get("note") or "",
            extension_amount=data.get("extension_amount"),
            extension_unit=TimeUnit(data.get("extension_unit") or TimeUnit.WORKING_DAYS),
        )


FORMS: dict[Action, type[ActionForm]] = {
    Action.ACCEPT: AcceptForm,
    Action.DECLINE: DeclineForm,
    Action.ASSIGN: AssignForm,
    Action.LOG_CONTACT: ContactForm,
    Action.SUBMIT_PLAN: PlanForm,
    Action.ANSWER: AnswerForm,
    Action.PAUSE_CLOCK: PauseForm,
    Action.EXTEND_DEADLINE: ExtendForm,
}


def action_form(action: Action, data: Any = None, initial: Any = None) -> ActionForm:
    return FORMS.get(action, ActionForm)(action, data, initial=initial)
