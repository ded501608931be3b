"""Settings pages for the approval matrix 审批权限 (R-12): the table in force with its rules in
order of precedence, a preset to put in force, a rule's edit form, and a preview answering
"who approves ¥2,000.01 for a surrender at 70 %?"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesu.approvals import selectors as matrix
from kesu.approvals.models import ApprovalRuleRow
from kesu.approvals.services import RuleInput, rule_problems
from kesu.backoffice import services
from kesu.backoffice.access import actor, manager_required
from kesu.backoffice.pages import Row, Table, edit, show_table, typed
from kesu.core.labels import label
from kesu.domain.approvals import ACTION_NAMES, ApprovalAction
from kesu.domain.presets.approvals import APPROVAL_PRESETS
from kesu.domain.vocabulary import Role

#: Roles the matrix may name: those that approve plans, plus a department head (penalties).
APPROVER_ROLES = (
    Role.SUPERVISOR, Role.CS_MANAGER, Role.GENERAL_MANAGER, Role.TECHNICAL_APPROVER,
    Role.DEPARTMENT_HEAD,
)  # fmt: skip


def _english() -> bool:
    return (get_language() or "").startswith("en")


def action_choices() -> list[tuple[str, str]]:
    index = 1 if _english() else 0
    return [(action.value, names[index]) for action, names in ACTION_NAMES.items()]


MANAGER_CHOICES = [
    ("", gettext_lazy("either")),
    ("true", gettext_lazy("only when the subject is a manager")),
    ("false", gettext_lazy("only when the subject is not a manager")),
]


class ApprovalRuleForm(forms.ModelForm):
    subject_is_manager = forms.TypedChoiceField(
        label=gettext_lazy("subject is a manager"),
        choices=MANAGER_CHOICES,
        required=False,
        coerce={"true": True, "false": False}.get,
        empty_value=None,
    )

    class Meta:
        model = ApprovalRuleRow
        fields = (
            "position", "key", "action", "approver_role", "amount_low", "amount_low_inclusive",
            "amount_high", "amount_high_inclusive", "share_above", "share_at_most",
            "subject_is_manager", "source",
        )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = action_choices()
        self.fields["approver_role"].choices = [(r.value, label(r)) for r in APPROVER_ROLES]
        if self.instance.pk is not None:
            current = self.instance.subject_is_manager
            self.initial["subject_is_manager"] = {True: "true", False: "false"}.get(current, "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        probe = RuleInput(
            key=data.get("key", ""),
            action=ApprovalAction(data.get("action", "plan")),
            approver_role=Role(data.get("approver_role", Role.SUPERVISOR)),
            position=data.get("position") or 0,
            amount_low=data.get("amount_low"),
            amount_high=data.get("amount_high"),
            share_above=data.get("share_above"),
            share_at_most=data.get("share_at_most"),
        )
        for field, message in rule_problems(probe):
            self.add_error(field, message)
        return data


class PreviewForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"))
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (¥)"), required=False, min_value=0, max_digits=14,
        decimal_places=2,
    )  # fmt: skip
    premium_share = forms.DecimalField(
        label=gettext_lazy("Share of premiums (0–1)"), required=False, min_value=0,
        max_value=1, max_digits=5, decimal_places=4,
    )  # fmt: skip
    subject_is_manager = forms.BooleanField(
        label=gettext_lazy("The subject is a manager"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = action_choices()


def _bounds(row: ApprovalRuleRow) -> str:
    return row.as_rule().amounts.words("en" if _english() else "zh")


def _conditions(row: ApprovalRuleRow) -> str:
    words = row.as_rule().conditions.words("en" if _english() else "zh")
    return "; ".join(words) or "—"


def _preview(request: HttpRequest) -> dict[str, Any]:
    """The preview form and, when filled in, the matrix's answer for it."""
    if "action" not in request.GET:
        return {"preview": PreviewForm(), "answer": None, "asked": False}
    form = PreviewForm(request.GET)
    answer = None
    if form.is_valid():
        data = form.cleaned_data
        answer = matrix.approval_route(
            data["action"],
            amount=data["amount"],
            premium_share=data["premium_share"],
            subject_is_manager=data["subject_is_manager"],
        )
    return {
        "preview": form,
        "asked": form.is_valid(),
        "answer": answer,
        "answer_role": label(answer.approver_role) if answer else "",
    }


@manager_required
def approval_rules(request: HttpRequest) -> HttpResponse:
    rows_in_force = matrix.rules_in_force()
    index = 1 if _english() else 0
    rows = [
        Row(
            cells=[
                row.position,
                ACTION_NAMES[ApprovalAction(row.action)][index],
                _bounds(row),
                _conditions(row),
                label(Role(row.approver_role)),
                row.source or "—",
                (row.preset or _("by hand")) + (" · " + _("edited") if row.edited else ""),
            ],
            url=reverse("backoffice:approval-rule", args=[row.pk]),
        )
        for row in rows_in_force
    ]
    presets = matrix.presets_in_force()
    table = Table(
        title=_("Approval matrix"),
        columns=[
            _("precedence"),
            _("action"),
            _("amount"),
            _("conditions"),
            _("approver"),
            _("source"),
            _("preset"),
        ],
        rows=rows,
        new_url=reverse("backoffice:approval-rule-new"),
        new_label=_("New rule"),
        intro=_(
            "The first rule (lowest precedence number) that matches names the approver. With "
            "no rule in force, any complaint supervisor or manager approves plans."
        ),
        extra={
            "presets": [(p.key, p.name_en if _english() else p.name_zh) for p in APPROVAL_PRESETS],
            "in_force": ", ".join(presets) or _("none"),
            **_preview(request),
        },
    )
    return show_table(request, table, "backoffice/approvals.html")


@manager_required
def approval_rule(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(ApprovalRuleRow, pk=pk) if pk else ApprovalRuleRow()
    return edit(
        request,
        form=ApprovalRuleForm(request.POST or None, instance=instance),
        save=lambda f: services.save_approval_rule(
            actor=actor(request), data=typed(RuleInput, f), pk=pk
        ),
        title=_("Approval rule") if pk else _("New rule"),
        back=reverse("backoffice:approvals"),
        extra={"remove_url": reverse("backoffice:approval-rule-remove", args=[pk]) if pk else ""},
    )


@manager_required
@require_POST
def remove_rule(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ApprovalRuleRow, pk=pk)
    services.remove_approval_rule(actor=actor(request), pk=row.pk)
    messages.success(request, _("Rule removed: %(name)s") % {"name": row.key})
    return redirect("backoffice:approvals")


@manager_required
@require_POST
def approval_preset(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("preset", "")
    if key not in {p.key for p in APPROVAL_PRESETS}:
        messages.error(request, _("Choose one of the listed presets."))
    else:
        added = services.load_approval_matrix(actor=actor(request), key=key)
        messages.success(request, _("%(n)s approval rules in force.") % {"n": added})
    return redirect("backoffice:approvals")
