from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kesu.deadlines.models import (
    CalendarDay,
    CalendarYear,
    DeadlinePolicy,
    EscalationLadder,
    EscalationStep,
)
from kesu.deadlines.services import forget_ladders, set_calendar_day, set_year_official


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "official", "loaded_at")
    list_editable = ("official",)

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        set_year_official(year=obj.year, official=obj.official)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "is_working", "source", "note")
    list_filter = ("is_working", "source")
    date_hierarchy = "day"
    readonly_fields = ("source",)

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        # An administrator's word overrides the package; the service marks it "edited".
        set_calendar_day(day=obj.day, is_working=obj.is_working, note=obj.note)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = (
        "name", "code", "kind", "severity", "category", "acceptance_amount", "acceptance_unit",
        "contact_amount", "contact_unit", "resolution_amount", "resolution_unit",
        "return_visit_amount", "return_visit_unit", "is_active",
    )  # fmt: skip
    list_filter = ("is_active", "kind", "severity")
    list_editable = ("is_active",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switch a policy off instead: cases keep a reference to theirs


class EscalationStepInline(admin.TabularInline):
    model = EscalationStep
    extra = 0


@admin.register(EscalationLadder)
class EscalationLadderAdmin(admin.ModelAdmin):
    list_display = ("code", "warning_percent", "warn_day_before")
    inlines = (EscalationStepInline,)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        forget_ladders()  # this process at once; other processes within a minute
