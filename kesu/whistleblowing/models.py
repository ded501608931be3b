"""Whistleblowing 举报 (R-28): the report beside its case, the sealed identity, the people named
(recused), the reporter's thread and the extension requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SEALED = "sealed"


class Report(models.Model):
    """A case of kind `whistleblowing` with what only such a case has. The key and the hashed
    password let the reporter follow up without an account (and without an identity)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="whistleblowing_report"
    )
    anonymous = models.BooleanField(_("anonymous"), default=True)
    key = models.CharField(_("report key"), max_length=20, unique=True)
    password_hash = models.CharField(max_length=128)
    reported_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("reported department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: Whom the reporter names, in their words (the officers link staff accounts to it).
    persons_named = models.CharField(_("persons named"), max_length=200, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("whistleblowing report")
        verbose_name_plural = _("whistleblowing reports")

    def __str__(self) -> str:
        return f"{self.case_id}"


class SealedIdentity(models.Model):
    """A named reporter's identity, each field a Fernet token under a key outside the database
    (`sealing.py`). Nothing else in the platform holds it."""

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="identity")
    name = models.TextField()
    phone = models.TextField(blank=True)
    email = models.TextField(blank=True)
    other = models.TextField(blank=True)
    sealed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sealed identity")
        verbose_name_plural = _("sealed identities")

    def __str__(self) -> str:
        return SEALED


class NamedPerson(models.Model):
    """A staff account a report concerns: recused from the report everywhere."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="named")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="wb_named_once"),
        ]
        indexes = [models.Index(fields=["user"])]

    def __str__(self) -> str:
        return f"{self.report_id} {self.user_id}"


class Message(models.Model):
    """One entry of the thread between the reporter (through the key) and the officers."""

    REPORTER = "reporter"
    OFFICER = "officer"
    NOTICE = "notice"  # acceptance, extension, outcome: told through the key

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="messages")
    at = models.DateTimeField()
    side = models.CharField(max_length=10)
    notice = models.CharField(max_length=20, blank=True)
    body = models.TextField()

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.report_id} {self.side}"


class ExtensionRequest(models.Model):
    """The officer asks for the time beyond 30 working days; the president 总裁 approves."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=500)
    state = models.CharField(max_length=10, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.report_id} {self.state}"
