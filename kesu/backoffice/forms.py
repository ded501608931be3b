"""Forms of the settings pages. They check types, choices and the simple rules a manager can
fix on the spot (a parent that would make a loop, a period that ends before it starts); the
services check again and write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from kesu.backoffice.services import POLICY_AMOUNTS, policy_problems
from kesu.cases.models import Category, DeclineReason
from kesu.core.labels import PAUSE_REASON_LABELS, choices
from kesu.core.trees import parent_would_cycle, tree_order
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.permissions import PRIVILEGED_ROLES, Permission
from kesu.domain.vocabulary import Role
from kesu.org.access import Authority, roles_held
from kesu.org.models import Department, User
from kesu.org.services import SYSTEM_USERNAME

INDENT = "\u3000"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class BoundedDateTimeField(forms.DateTimeField):
    """A moment between 2000 and 2099, like every date Kesu takes: a year typed wrong is a
    clear error on the form, not an overflow in the time-zone arithmetic."""

    widget = DateTimeInput

    def to_python(self, value: Any) -> datetime | None:
        try:
            moment = super().to_python(value)
        except OverflowError as error:
            raise forms.ValidationError(_("Choose a date between 2000 and 2099.")) from error
        if moment is not None and not 2000 <= moment.year <= 2099:
            raise forms.ValidationError(_("Choose a date between 2000 and 2099."))
        return moment


class TreeChoiceField(forms.ModelChoiceField):
    """A parent picker that shows the tree, children indented under their parents. The
    choices are read when a form is made (`show_tree`), not when the module is imported."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset=queryset, required=False, **kwargs)

    def show_tree(self) -> None:
        self.widget.choices = [("", "—")] + [
            (node.pk, INDENT * depth + str(node)) for node, depth in tree_order(self.queryset)
        ]


class TreeForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, TreeChoiceField):
                field.show_tree()


class CategoryForm(TreeForm):
    parent = TreeChoiceField(Category.objects.all(), label=_("parent"))

    class Meta:
        model = Category
        fields = ("name_zh", "name_en", "code", "parent", "sort_order", "is_active")

    def clean_parent(self) -> Category | None:
        parent: Category | None = self.cleaned_data.get("parent")
        if self.instance.pk and parent and parent_would_cycle(self.instance.path, parent.path):
            raise forms.ValidationError(_("A category cannot be moved under itself."))
        return parent


class DeclineReasonForm(forms.ModelForm):
    class Meta:
        model = DeclineReason
        fields = (
            "name_zh", "name_en", "code", "customer_text_zh", "customer_text_en", "sort_order",
            "is_active",
        )  # fmt: skip


#: What an empty choice means on the policy form, in words (never Django's "---------").
EMPTY_CHOICES = {
    "kind": _("any kind"),
    "severity": _("any severity"),
    "channel": _("any channel"),
    "extension_approver": _("any complaint supervisor or above"),
    "extension2_approver": _("any complaint supervisor or above"),
}


class PolicyForm(TreeForm):
    """Every field of a deadline policy in words: the pause reasons as tick boxes, empty
    choices named, the category as the tree. Refuses amounts of 0 and a first contact or an
    investigation later than the resolution (D11)."""

    category = TreeChoiceField(Category.objects.all(), label=_("Category"))
    pause_reasons = forms.MultipleChoiceField(
        label=_("clock may pause for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(PAUSE_REASON_LABELS.items()),
        help_text=_("None ticked: the clocks cannot be paused."),
    )

    class Meta:
        model = DeadlinePolicy
        exclude: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, words in EMPTY_CHOICES.items():
            field = self.fields[name]
            field.choices = [("", words), *[c for c in field.choices if c[0] != ""]]
        for amount, unit in POLICY_AMOUNTS:
            self.fields[amount].widget.attrs["min"] = 1
            choices = [c for c in self.fields[unit].choices if c[0] != ""]
            self.fields[unit].choices = (
                choices
                if self.fields[amount].required
                else [
                    ("", "—"),
                    *choices,
                ]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, message in policy_problems(data):
            self.add_error(name, message)
        return data


class DepartmentForm(TreeForm):
    parent = TreeChoiceField(Department.objects.all(), label=_("parent department"))

    class Meta:
        model = Department
        fields = ("name", "code", "parent", "sort_order", "is_active")

    def clean_parent(self) -> Department | None:
        parent: Department | None = self.cleaned_data.get("parent")
        if self.instance.pk and parent and parent_would_cycle(self.instance.path, parent.path):
            raise forms.ValidationError(_("A department cannot be moved under itself."))
        return parent


#: The user's own details a password may not resemble (AUTH_PASSWORD_VALIDATORS says the same).
SIMILAR_TO = ("username", "full_name", "email", "phone")


class UserForm(TreeForm):
    """A member of staff with a primary role and any further roles (held over the same
    department). The password is set only when creating (or when typed in)."""

    department = TreeChoiceField(Department.objects.filter(is_active=True), label=_("department"))
    extra_roles = forms.MultipleChoiceField(
        label=_("further roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=choices(Role),
        help_text=_(
            "Someone with two jobs (e.g. a clerk who both receives and handles complaints) holds "
            "both roles over the same department."
        ),
    )
    password = forms.CharField(
        label=_("password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = (
            "username", "full_name", "role", "extra_roles", "department", "phone", "email",
            "is_active",
        )  # fmt: skip

    def __init__(self, *args: Any, authority: Authority | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held: tuple[Role, ...] = ()
        if self.instance.pk:
            extra = list(self.instance.extra_roles.values_list("role", flat=True))
            held = roles_held(self.instance, extra)
            self.initial["extra_roles"] = [r.value for r in held[1:]]
        if authority is not None and not authority.may(Permission.MANAGE_PRIVILEGED_ACCOUNTS):
            # A manager gives only the office's roles (the service refuses the others too).
            for name in ("role", "extra_roles"):
                field: Any = self.fields[name]
                field.choices = [
                    (value, label)
                    for value, label in field.choices
                    if value not in PRIVILEGED_ROLES or value in held
                ]
        if self.instance.pk is None:
            self.fields["password"].required = True
            self.fields["password"].help_text = _(
                "At least 12 characters, not only digits, not like the user name."
            )

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password") or ""
        if password:
            # Compared with the name, e-mail and phone as typed here, not as stored before.
            typed = {f: self.cleaned_data.get(f, getattr(self.instance, f)) for f in SIMILAR_TO}
            validate_password(password, User(**typed))
        return password


def _people() -> Any:
    """Active staff who can lend or receive authority: never the hidden system account."""
    return (
        User.objects.filter(is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .select_related("department")
        .order_by("username")
    )


class DelegationForm(forms.Form):
    delegator = forms.ModelChoiceField(label=_("delegator"), queryset=_people())
    delegate = forms.ModelChoiceField(label=_("delegate"), queryset=_people())
    starts_at = BoundedDateTimeField(label=_("starts at"))
    ends_at = BoundedDateTimeField(label=_("ends at"))
    reason = forms.CharField(label=_("reason"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("delegator", "delegate"):
            field: Any = self.fields[name]
            field.label_from_instance = _person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts: datetime | None = data.get("starts_at")
        ends: datetime | None = data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The delegation must end after it starts."))
        return data


class AbsenceForm(forms.Form):
    """An approver away (leave, travel): with no delegate, their approvals climb a level."""

    user = forms.ModelChoiceField(label=_("person"), queryset=_people())
    starts_at = BoundedDateTimeField(label=_("starts at"))
    ends_at = BoundedDateTimeField(label=_("ends at"))
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        field.label_from_instance = _person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts: datetime | None = data.get("starts_at")
        ends: datetime | None = data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The absence must end after it starts."))
        return data


def _person(user: User) -> str:
    role = dict(choices(Role)).get(user.role, user.role)
    return f"{user} · {role} · {user.department or '—'}"


class CalendarDayForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, max_length=100)
