"""Reference data of the cases app, and the case history read-only. Cases themselves are not in
the admin: they are read and changed through the workflow (pages and API), where visibility and
masking apply."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kesu.cases.models import CaseEvent, Category, DeclineReason
from kesu.cases.services.catalogue import save_category
from kesu.core.trees import parent_would_cycle
from kesu.domain.vocabulary import CaseKind
from kesu.org.access import admin_sees_personal_data


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("code", "name_zh", "name_en", "parent", "sort_order", "is_active")

    def clean_parent(self) -> Category | None:
        parent = self.cleaned_data.get("parent")
        if self.instance.pk and parent and parent_would_cycle(self.instance.path, parent.path):
            raise forms.ValidationError(_("A category cannot be moved under itself."))
        return parent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ("name_zh", "name_en", "code", "parent", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_zh", "name_en", "code")
    readonly_fields = ("path",)

    def save_model(self, request: HttpRequest, obj: Category, form: Any, change: bool) -> None:
        save_category(obj)  # keeps the tree paths of the category and everything below it

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: cases keep their category


@admin.register(DeclineReason)
class DeclineReasonAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "code", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    """The case history (R-25), for auditing: nobody adds, changes or deletes here (the database
    refuses it anyway). Roles that read masked data (the administrator) see who did what and
    when, and which fields changed, but not the values, details or notes."""

    list_display = ("at", "case", "action", "actor", "on_behalf_of", "from_state", "to_state")
    list_filter = ("action", "acting_role")
    list_select_related = ("case", "actor", "on_behalf_of")
    search_fields = ("case__number", "actor__username", "actor__full_name")
    date_hierarchy = "at"
    WHO_WHAT_WHEN = (
        "case", "at", "actor", "on_behalf_of", "acting_role", "action", "from_state", "to_state",
    )  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> Any:
        # Whistleblowing reports' history is the discipline function's (issue 20): not here.
        return super().get_queryset(request).exclude(case__kind=CaseKind.WHISTLEBLOWING)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if admin_sees_personal_data(request):
            return (*self.WHO_WHAT_WHEN, "changes", "data", "note")
        return (*self.WHO_WHAT_WHEN, "changed_fields", "withheld_data", "withheld_note")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("changes"))
    def changed_fields(self, event: CaseEvent) -> str:
        if not event.changes:
            return "—"
        fields = ", ".join(sorted(event.changes))
        return gettext("%(fields)s (values withheld: personal data)") % {"fields": fields}

    @admin.display(description=_("details"))
    def withheld_data(self, event: CaseEvent) -> str:
        return gettext("withheld: personal data") if event.data else "—"

    @admin.display(description=_("note"))
    def withheld_note(self, event: CaseEvent) -> str:
        return gettext("withheld: personal data") if event.note else "—"
