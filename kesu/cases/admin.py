from django.contrib import admin

from kesu.cases.models import Case, CaseEvent, Category, DeclineReason


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "code", "parent", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_zh", "name_en", "code")
    readonly_fields = ("path",)


@admin.register(DeclineReason)
class DeclineReasonAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "code", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")


class ReadOnlyEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("at", "actor", "on_behalf_of", "action", "from_state", "to_state", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the workflow services (pages and API)."""

    list_display = ("number", "kind", "state", "severity", "received_at", "assigned_department")
    list_filter = ("state", "kind", "severity", "channel")
    search_fields = ("number",)
    inlines = (ReadOnlyEventInline,)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
