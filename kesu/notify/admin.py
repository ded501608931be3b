"""Templates are edited here; notifications are read-only, with one action: resend the uncertain
or failed ones after checking they did not arrive."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kesu.core import clock
from kesu.notify.models import Notification, NotificationTemplate
from kesu.notify.services import resend


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "language", "channel", "subject", "updated_at")
    list_filter = ("language", "channel", "code")
    search_fields = ("code", "subject", "body")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "created_at", "template", "channel", "recipient", "address", "case", "status",
        "attempts", "sent_at",
    )  # fmt: skip
    list_filter = ("status", "channel", "template")
    search_fields = ("address", "dedupe_key", "case__number", "recipient__username")
    list_select_related = ("recipient", "case")
    date_hierarchy = "created_at"
    actions = ("resend_selected",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record of what was sent to whom stays

    @admin.action(description=_("Resend (only after checking it did not arrive)"))
    def resend_selected(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        count = resend(queryset.values_list("pk", flat=True), now=clock.now())
        self.message_user(
            request,
            gettext("Queued again: %(count)d uncertain or failed message(s).") % {"count": count},
            messages.SUCCESS,
        )
