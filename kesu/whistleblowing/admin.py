"""The Django admin shows that a report exists and that its identity is sealed — never the
identity, not even to a superuser (only `services.unseal_identity` opens it, on record)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kesu.whistleblowing.models import SEALED, SealedIdentity


@admin.register(SealedIdentity)
class SealedIdentityAdmin(admin.ModelAdmin[SealedIdentity]):
    list_display = ("report_case", "identity", "sealed_at")
    fields = ("report_case", "identity", "sealed_at")
    readonly_fields = fields

    @admin.display(description=_("report"))
    def report_case(self, obj: SealedIdentity) -> str:
        return str(obj.report.case_id)

    @admin.display(description=_("identity"))
    def identity(self, obj: SealedIdentity) -> str:
        return SEALED

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
