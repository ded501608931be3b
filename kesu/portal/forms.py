"""The portal's forms: what a customer types. Lengths come from the registration limits, so the
form refuses what the service would."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from kesu.cases.services import limits
from kesu.cases.services.limits import TEXT_LIMITS
from kesu.cases.services.portal import COMMENT_MAX, KEY_MAX

MARKS = [(n, str(n)) for n in range(5, 0, -1)]


class ComplaintForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=TEXT_LIMITS["complainant_name"])
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=limits.PHONE_PATTERN,
        max_length=TEXT_LIMITS["complainant_phone"],
        help_text=_("We send your tracking code to this number."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False, max_length=TEXT_LIMITS["complainant_email"]
    )
    product = forms.CharField(
        label=_("Product or service"), required=False, max_length=TEXT_LIMITS["subject_product"]
    )
    order_number = forms.CharField(
        label=_("Order or policy number"),
        required=False,
        max_length=TEXT_LIMITS["subject_order_number"],
    )
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        required=False,
        min_value=0,
        max_digits=limits.AMOUNT_DIGITS,
        decimal_places=limits.AMOUNT_PLACES,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    facts = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_LIMITS["facts"],
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    demand = forms.CharField(
        label=_("What would you like us to do"),
        required=False,
        max_length=TEXT_LIMITS["demand"],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read and agree to the privacy notice"),
        error_messages={"required": _("Please read and agree to the privacy notice.")},
    )
    #: One per form shown: a second tap on "submit" sends the same token, and makes no second case.
    token = forms.CharField(widget=forms.HiddenInput, max_length=KEY_MAX)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["token"].initial = uuid.uuid4().hex


class CodeRequestForm(forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=TEXT_LIMITS["follows_number"])
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=limits.PHONE_PATTERN,
        max_length=TEXT_LIMITS["complainant_phone"],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )


class CodeForm(CodeRequestForm):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class AddForm(forms.Form):
    text = forms.CharField(
        label=_("What you want to add"),
        required=False,
        max_length=TEXT_LIMITS["facts"],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RateForm(forms.Form):
    result = forms.TypedChoiceField(
        label=_("How satisfied are you with the result?"), choices=MARKS, coerce=int,
        widget=forms.RadioSelect,
    )  # fmt: skip
    process = forms.TypedChoiceField(
        label=_("How satisfied are you with the way we handled it?"), choices=MARKS, coerce=int,
        widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
