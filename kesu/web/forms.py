"""Forms of the queue filter and of hotline entry. They check types and choices; the rules
(what may be registered, what is required by the workflow) stay in the services."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kesu.cases.selectors import CaseFilters, QueueSort
from kesu.cases.services import limits
from kesu.cases.services.registration import MAX_FOLLOW_REASON, Registration
from kesu.core import sealed
from kesu.core.labels import choices
from kesu.domain.presets.terms import MAJOR_CRITERIA, RELATIONS
from kesu.domain.vocabulary import CaseKind, Channel, Severity, State
from kesu.web import choices as options
from kesu.web.display import bilingual

EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
OVERDUE_CHOICES = [
    ("", _("(any)")),
    ("yes", _("Overdue")),
    ("soon", _("Due by the end of the next working day")),
    ("no", _("Not overdue")),
]
SORT_CHOICES = [
    (QueueSort.NEWEST.value, _("Newest received first")),
    (QueueSort.OLDEST.value, _("Oldest received first")),
    (QueueSort.DUE.value, _("Next deadline first")),
    (QueueSort.SEVERITY.value, _("Major first")),
]


def _bounded(day: date | None) -> date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValidationError(_("Choose a date between 2000 and 2099."))
    return day


class DateInput(forms.DateInput):
    input_type = "date"


class InlineSelect(forms.Select):
    """`forms.Select` rendering the same HTML without an include per option (issue 18 part 5)."""

    template_name = "web/widgets/select.html"


class InlineCheckboxes(forms.CheckboxSelectMultiple):
    """`forms.CheckboxSelectMultiple`, the same HTML without includes per box."""

    template_name = "web/widgets/checkbox_select.html"


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string; the same vocabulary as the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.MultipleChoiceField(
        label=_("State"), required=False, choices=choices(State),
        widget=InlineCheckboxes,
    )  # fmt: skip
    department = forms.ChoiceField(label=_("Department"), required=False, widget=InlineSelect)
    handler = forms.ChoiceField(label=_("Handler"), required=False, widget=InlineSelect)
    category = forms.ChoiceField(label=_("Category"), required=False, widget=InlineSelect)
    severity = forms.ChoiceField(label=_("Severity"), required=False, widget=InlineSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=InlineSelect)
    channel = forms.ChoiceField(label=_("Channel"), required=False, widget=InlineSelect)
    overdue = forms.ChoiceField(
        label=_("Overdue"), required=False, choices=OVERDUE_CHOICES, widget=InlineSelect
    )
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DateInput)
    received_to = forms.DateField(label=_("Received to"), required=False, widget=DateInput)
    sort = forms.ChoiceField(
        label=_("Sort"), required=False, choices=SORT_CHOICES, widget=forms.HiddenInput
    )
    cursor = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and "qs" in self.data and not self.data.get("q"):
            # The search travels sealed in the address (kesu/core/sealed.py): never a phone in
            # a request line. A token that does not open searches nothing.
            self.data = self.data.copy()
            self.data["q"] = sealed.unseal(self.data.get("qs", ""))
        fields: dict[str, Any] = self.fields
        fields["department"].choices = options.any_choice() + options.departments()
        fields["handler"].choices = options.any_choice() + options.handlers()
        fields["category"].choices = options.any_choice() + options.categories()
        fields["severity"].choices = options.any_choice() + choices(Severity)
        fields["kind"].choices = options.any_choice() + choices(CaseKind)
        fields["channel"].choices = options.any_choice() + choices(Channel)

    def clean_received_from(self) -> date | None:
        return _bounded(self.cleaned_data.get("received_from"))

    def clean_received_to(self) -> date | None:
        return _bounded(self.cleaned_data.get("received_to"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date is before the start date."))
        return data

    def query_string(self) -> str:
        """The query string of a bound, valid filter: its fields in form order, without the
        page cursor, empty values or the default sort — so equal filters give equal strings
        (what a saved filter stores and the queue compares)."""
        params = QueryDict(mutable=True)
        for name in self.fields:
            values = [value for value in self.data.getlist(name) if value]
            if name == "cursor" or not values or (name == "sort" and values == [QueueSort.NEWEST]):
                continue
            if name == "q":  # sealed: the address never shows the search text
                params["qs"] = sealed.seal(values[0][:100])
                continue
            params.setlist(name, values)
        return params.urlencode()

    def chosen_sort(self) -> QueueSort:
        """The chosen order; newest received first when none (or an unknown one) is given."""
        return QueueSort((getattr(self, "cleaned_data", {}) or {}).get("sort") or "newest")

    def filters(self, *, due_soon_until: datetime | None = None) -> CaseFilters:
        """The valid part of the input (an invalid field filters nothing and shows its error)."""
        data = getattr(self, "cleaned_data", {})
        overdue = {"yes": True, "no": False}.get(data.get("overdue") or "")
        soon = data.get("overdue") == "soon"
        return CaseFilters(
            states=[State(s) for s in data.get("state") or []],
            department=data.get("department") or "",
            handler=data.get("handler") or "",
            category=data.get("category") or "",
            severity=data.get("severity") or "",
            kind=data.get("kind") or "",
            channel=data.get("channel") or "",
            overdue=overdue,
            due_before=due_soon_until if soon else None,
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            text=data.get("q") or "",
        )


class RegistrationForm(forms.Form):
    """Hotline entry: the registration record (R-03) as an agent fills it during a call."""

    complainant_phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    complainant_name = forms.CharField(label=_("Complainant"), max_length=60)
    complainant_relation = forms.ChoiceField(label=_("Relation"), required=False)
    complainant_count = forms.IntegerField(
        label=_("Number of complainants"), min_value=1, max_value=100000, initial=1
    )
    complainant_email = forms.EmailField(label=_("E-mail"), required=False)
    complainant_address = forms.CharField(label=_("Address"), required=False, max_length=200)
    complainant_employer = forms.CharField(label=_("Employer"), required=False, max_length=100)
    complainant_id_number = forms.CharField(label=_("ID number"), required=False, max_length=30)
    kind = forms.ChoiceField(label=_("Kind"), initial=CaseKind.COMPLAINT.value)
    channel = forms.ChoiceField(label=_("Channel"), initial=Channel.HOTLINE.value)
    category = forms.ChoiceField(label=_("Category"), required=False)
    severity = forms.ChoiceField(label=_("Severity"), initial=Severity.GENERAL.value)
    major_criteria = forms.MultipleChoiceField(
        label=_("Major criteria"), required=False, widget=forms.CheckboxSelectMultiple
    )
    subject_product = forms.CharField(label=_("Product / service"), required=False, max_length=200)
    subject_order_number = forms.CharField(
        label=_("Order / policy number"), required=False, max_length=60
    )
    subject_amount = forms.DecimalField(
        label=_("Amount (¥)"),
        required=False,
        min_value=0,
        max_digits=limits.AMOUNT_DIGITS,
        decimal_places=limits.AMOUNT_PLACES,
    )
    subject_purchase_date = forms.DateField(
        label=_("Purchase date"), required=False, widget=DateInput
    )
    event_date = forms.DateField(
        label=_("Event date"),
        required=False,
        widget=DateInput,
        help_text=_("When it happened: the regulator's time bars count from it."),
    )
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 4}))
    demand = forms.CharField(
        label=_("Customer's demand"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # A customer unhappy with a closed case: that case's number and why; the service
    # checks the case is visible and closed.
    follows = forms.CharField(label=_("Follows case"), required=False, max_length=40)
    follow_reason = forms.CharField(
        label=_("Why the customer is not satisfied"),
        required=False,
        max_length=MAX_FOLLOW_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    accept_now = forms.BooleanField(label=_("Accept right away"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        # The organisation's industry words the relation, the reference number and the major
        # criteria (D6); the codes posted are the same vocabulary everywhere.
        industry = options.industry()
        relation, order = fields["complainant_relation"], fields["subject_order_number"]
        relation.label = bilingual(industry.relation_label_zh, industry.relation_label_en)
        relation.choices = options.none_choice() + options.industry_terms(
            RELATIONS, industry.relations
        )
        order.label = bilingual(industry.order_label_zh, industry.order_label_en)
        # A whistleblowing report is filed where its identity is sealed, not on this form.
        fields["kind"].choices = [
            (value, name) for value, name in choices(CaseKind) if value != CaseKind.WHISTLEBLOWING
        ]
        fields["channel"].choices = choices(Channel)
        fields["severity"].choices = choices(Severity)
        fields["category"].choices = [*options.none_choice(), *options.category_groups()]
        fields["major_criteria"].choices = options.industry_terms(
            MAJOR_CRITERIA, industry.major_criteria
        )
        for name, limit in limits.TEXT_LIMITS.items():
            field = fields.get(limits.FIELD_NAMES.get(name, name))
            if field is not None and getattr(field.widget, "input_type", "") != "select":
                field.widget.attrs["maxlength"] = str(limit)  # the browser stops there too
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        # Typing the number lists the caller's earlier cases (HTMX, debounced).
        fields["complainant_phone"].widget.attrs.update(
            {
                "autofocus": True, "type": "tel", "autocomplete": "off", "inputmode": "tel",
                # POST: the number never travels in a request line (issue 20, server logs).
                "hx-post": reverse("web:lookup"), "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#callers", "hx-sync": "this:replace",
            }
        )  # fmt: skip
        # Typing the facts asks triage for categories, major cues and similar cases (HTMX,
        # debounced; the whole form goes along, so the phone and order number count too).
        fields["facts"].widget.attrs.update(
            {
                "hx-post": reverse("web:triage"), "hx-trigger": "input changed delay:500ms",
                "hx-target": "#triage", "hx-sync": "this:replace",
            }
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        """The API's rules, from the same place (`limits`): every field's problem at once."""
        data = super().clean() or {}
        if self.errors:
            return data  # a field that did not parse: its own message is shown
        for problem in limits.registration_problems(asdict(self.registration())):
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, ValidationError(problem.message, code=problem.code))
        return data

    def registration(self) -> Registration:
        data = self.cleaned_data
        return Registration(
            complainant_name=data["complainant_name"],
            facts=data["facts"],
            channel=Channel(data["channel"]),
            kind=CaseKind(data["kind"]),
            severity=Severity(data["severity"]),
            category_code=data["category"] or None,
            complainant_phone=data["complainant_phone"],
            complainant_email=data["complainant_email"],
            complainant_address=data["complainant_address"],
            complainant_employer=data["complainant_employer"],
            complainant_id_number=data["complainant_id_number"],
            complainant_relation=data["complainant_relation"],
            complainant_count=data["complainant_count"],
            subject_product=data["subject_product"],
            subject_order_number=data["subject_order_number"],
            subject_amount=data["subject_amount"],
            subject_purchase_date=data["subject_purchase_date"],
            event_date=data["event_date"],
            demand=data["demand"],
            major_criteria=tuple(data["major_criteria"]),
            follows_number=data["follows"].strip(),
            follow_reason=data["follow_reason"],
        )
