from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kesu.core.trees import parent_would_cycle
from kesu.org.models import ApiToken, Delegation, Department, User, UserRole
from kesu.org.services import SYSTEM_USERNAME, revoke_tokens, save_department


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ("code", "name", "parent", "sort_order", "is_active")

    def clean_parent(self) -> Department | None:
        parent = self.cleaned_data.get("parent")
        if self.instance.pk and parent and parent_would_cycle(self.instance.path, parent.path):
            raise forms.ValidationError(_("A department cannot be moved under itself."))
        return parent


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    form = DepartmentForm
    list_display = ("name", "code", "parent", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # Paths of the tree are kept by the service, never by hand.
        save_department(department=obj, parent_changed="parent" in form.changed_data)


class UserRoleInline(admin.TabularInline):
    """Further roles the user holds over their department, besides the primary `role`."""

    model = UserRole
    extra = 0


@admin.register(User)
class KesuUserAdmin(UserAdmin):
    inlines = (UserRoleInline,)
    list_display = ("username", "full_name", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active")
    search_fields = ("username", "full_name", "phone")
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Kesu"), {"fields": ("full_name", "role", "department", "phone")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Kesu"), {"fields": ("full_name", "role", "department")}),
    )

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            revoke_tokens(user=obj)  # as when deactivated under Settings → Users


class DelegationAdminForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ("delegator", "delegate", "starts_at", "ends_at", "reason")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("delegator", "delegate"):
            person = data.get(name)
            if person is not None and person.username == SYSTEM_USERNAME:
                self.add_error(name, _("The system account cannot lend or receive a delegation."))
        return data


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    form = DelegationAdminForm
    list_display = ("delegator", "delegate", "starts_at", "ends_at", "reason")
    autocomplete_fields = ("delegator", "delegate")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked")
    readonly_fields = ("key_hash", "prefix", "created_at", "expires_at", "last_used_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # tokens are issued with `manage.py issue_token`, which shows the value once
