"""Absences of approvers in the Django admin (the approval rules are kept on the settings pages,
/manage/approvals/). A new absence goes through `record_absence`."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kesu.approvals.models import Absence
from kesu.approvals.services import record_absence


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("user", "starts_at", "ends_at", "reason")
    list_filter = ("starts_at",)
    search_fields = ("user__username", "user__full_name", "reason")
    autocomplete_fields = ("user",)

    def save_model(self, request: HttpRequest, obj: Absence, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        saved = record_absence(
            user=obj.user, starts_at=obj.starts_at, ends_at=obj.ends_at, reason=obj.reason
        )
        obj.pk = saved.pk
