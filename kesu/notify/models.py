"""Message templates and the notifications sent from them (in-app, e-mail, SMS)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.domain.privacy import mask_email, mask_phone


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In-app")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", _("Simplified Chinese")
    EN = "en", _("English")


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    UNCERTAIN = "uncertain", _("Uncertain")


class NotificationTemplate(models.Model):
    """The text of one message in one language for one channel. Subject and body are Django
    template syntax rendered as plain text (no HTML escaping). Defaults come from `presets`."""

    code = models.SlugField(_("code"), max_length=60)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_("E-mail subject or in-app title; not used for SMS."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Django template syntax, e.g. {{ number }} or {{ due|date:'Y-m-d' }}. Available: "
            "number, name, due, case_url, hotline, note; to staff: staff_name, actor, clock, "
            "clock_code, level, plan, amount, answer, resolution_due; the answer: answer, "
            "answer_sms, answer_cut, has_email; a decline: reason."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        ordering = ("code", "language", "channel")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "language", "channel"], name="notification_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.language} · {self.channel}"

    def clean(self) -> None:
        from kesu.notify.rendering import check_template  # noqa: PLC0415 — avoid a cycle

        check_template(subject=self.subject, body=self.body)


class Notification(models.Model):
    """One message to one person on one channel, rendered when it was created. Rows are never
    deleted; `status` says how far delivery got (in-app rows are created as sent)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    address = models.CharField(
        _("address"), max_length=254, blank=True, help_text=_("E-mail address or phone number.")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("template"), max_length=60)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    dedupe_key = models.CharField(_("deduplication key"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    provider_id = models.CharField(_("provider message ID"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-id",)
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key", "channel"], name="notification_once_per_channel"
            )
        ]

    def __str__(self) -> str:
        # Masked: this is the admin's page title and its change-log text, read by roles that
        # may not see customers' phone numbers or e-mail addresses.
        address = self.address
        shown = mask_email(address) if "@" in address else mask_phone(address)
        return f"{self.template} → {shown or self.recipient_id} ({self.channel})"
