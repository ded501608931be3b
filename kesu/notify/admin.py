"""Templates are edited here; notifications are read-only, with one action: resend the uncertain
or failed ones after checking they did not arrive. Roles that read masked data (the
administrator) see addresses masked and message texts withheld, and cannot search by address."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kesu.core import clock
from kesu.domain.privacy import mask_email, mask_phone, mask_text
from kesu.notify.models import Notification, NotificationTemplate
from kesu.notify.services import resend
from kesu.org.access import admin_sees_personal_data

#: What a masked viewer sees instead of a field that holds personal data.
MASKED_FIELDS = {
    "address": "masked_address",
    "subject": "withheld_subject",
    "body": "withheld_body",
    "last_error": "masked_error",
}


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

    def get_list_display(self, request: HttpRequest) -> Any:
        if admin_sees_personal_data(request):
            return self.list_display
        return [MASKED_FIELDS.get(name, name) for name in self.list_display]

    def get_search_fields(self, request: HttpRequest) -> Any:
        if admin_sees_personal_data(request):
            return self.search_fields
        return [name for name in self.search_fields if name != "address"]  # no phone lookup

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        names = [field.name for field in Notification._meta.fields if field.name != "id"]
        if admin_sees_personal_data(request):
            return names
        return [MASKED_FIELDS.get(name, name) for name in names]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return self.get_fields(request, obj)

    @admin.display(description=_("address"))
    def masked_address(self, notification: Notification) -> str:
        address = notification.address
        return mask_email(address) if "@" in address else mask_phone(address)

    @admin.display(description=_("subject"))
    def withheld_subject(self, notification: Notification) -> str:
        return gettext("withheld: personal data") if notification.subject else ""

    @admin.display(description=_("body"))
    def withheld_body(self, notification: Notification) -> str:
        return gettext("withheld: personal data") if notification.body else ""

    @admin.display(description=_("last error"))
    def masked_error(self, notification: Notification) -> str:
        return mask_text(notification.last_error)

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
