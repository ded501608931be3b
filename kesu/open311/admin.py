from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kesu.core import clock
from kesu.open311.models import Open311Key, ServiceRequest
from kesu.open311.services import revoke_keys


@admin.register(Open311Key)
class Open311KeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    exclude = ("key_hash",)
    actions = ("revoke",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # keys are issued with `manage.py issue_open311_key`, shown once

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # the requests a key posted keep naming it

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Open311Key]) -> None:
        count = revoke_keys(key_ids=list(queryset.values_list("pk", flat=True)), now=clock.now())
        self.message_user(request, _("%(n)s keys revoked.") % {"n": count}, messages.SUCCESS)


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ("token", "case", "key", "service_code", "created_at")
    readonly_fields = [f.name for f in ServiceRequest._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
