"""Reference data of the cases app. Cases themselves are not in the admin: they are read and
changed through the workflow (pages and API), where visibility and masking apply."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kesu.cases.models import Category, DeclineReason
from kesu.cases.services.catalogue import save_category
from kesu.core.trees import parent_would_cycle


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
