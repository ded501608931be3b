from django.contrib import admin

from kesu.deadlines.models import CalendarDay, CalendarYear, DeadlinePolicy
from kesu.domain.vocabulary import DaySource


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "official", "loaded_at")
    list_editable = ("official",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "is_working", "source", "note")
    list_filter = ("is_working", "source")
    date_hierarchy = "day"
    readonly_fields = ("source",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.source = DaySource.EDITED  # an administrator's word overrides the package
        super().save_model(request, obj, form, change)


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = (
        "name", "code", "kind", "severity", "category", "acceptance_amount", "acceptance_unit",
        "contact_amount", "contact_unit", "resolution_amount", "resolution_unit", "is_active",
    )  # fmt: skip
    list_filter = ("is_active", "kind", "severity")
    list_editable = ("is_active",)
