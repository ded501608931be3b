"""Every e-mail received (raw bytes kept, so nothing a customer sent is lost) and the mailbox's
polling status."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    NEW_CASE = "new_case", _("New case")
    REPLY = "reply", _("Added to its case")
    QUARANTINED = "quarantined", _("Quarantined")
    FAILED = "failed", _("Could not be registered")


class QuarantineReason(models.TextChoices):
    AUTO_REPLY = "auto_reply", _("Automatic reply")
    BOUNCE = "bounce", _("Delivery failure report (bounce)")
    MAILING_LIST = "mailing_list", _("Mailing list or bulk mail")
    OWN_ADDRESS = "own_address", _("Sent by our own address")
    NO_SENDER = "no_sender", _("No sender address")


class Source(models.TextChoices):
    IMAP = "imap", _("Mailbox")
    UPLOAD = "upload", _("Uploaded .eml file")
    COMMAND = "command", _("import_eml command")


class InboundMessage(models.Model):
    """One received message, stored once: `key` is its Message-ID's hash, or the raw bytes'
    hash when it has none. Written in the same transaction as the case or event it made."""

    key = models.CharField(max_length=80, unique=True)
    message_id = models.CharField(max_length=998, blank=True, db_index=False)
    #: `UIDVALIDITY:UID` of the mailbox copy it was fetched from (empty for uploads).
    mailbox_uid = models.CharField(max_length=60, blank=True, default="", db_index=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    raw = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    sender_email = models.CharField(max_length=254, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    quarantine_reason = models.CharField(
        max_length=20, choices=QuarantineReason.choices, blank=True
    )
    error = models.CharField(max_length=500, blank=True)
    #: The sanitised HTML body (nh3), shown to staff; plain text is what the case's facts hold.
    html = models.TextField(blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["message_id"], name="mail_message_id"),
            models.Index(fields=["outcome", "-received_at"], name="mail_outcome_received"),
        ]

    def __str__(self) -> str:
        return f"{self.sender_email} {self.subject}"


class Mailbox(models.Model):
    """The IMAP mailbox's polling status (one row per configured mailbox name)."""

    name = models.CharField(max_length=60, unique=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    messages_received = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.name
