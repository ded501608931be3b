"""Confidential archives (R-25 … R-27, seed 002 查阅档案审批表): the archive number a closed case
gets, approved time-limited readings of confidential archives, and destruction with approval.
Nothing here is ever deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchiveSequence(models.Model):
    """The last archive number given out in a year of closure, incremented under a row lock in
    the closing transaction: numbers are gap-free (a rolled-back closure returns its number)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Archive(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="archive")
    number = models.CharField(_("archive number"), max_length=40, unique=True)
    archived_at = models.DateTimeField(_("archived at"))
    confidential = models.BooleanField(_("confidential"), default=False)
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("archive")
        verbose_name_plural = _("archives")
        indexes = [models.Index(fields=["confidential", "case"])]

    def __str__(self) -> str:
        return self.number


class AccessRequest(models.Model):
    """查阅档案审批表: who asks, why, for how long; who approved; until when it holds."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"

    archive = models.ForeignKey(Archive, on_delete=models.PROTECT, related_name="requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=200)
    days = models.PositiveSmallIntegerField(_("days"))
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=10, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["requester", "state", "expires_at"]),
            models.Index(fields=["state", "requested_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.archive_id} {self.state}"


class Destruction(models.Model):
    """A request to destroy an archive (R-25: only with the general manager's approval), and
    its decision. Destruction masks the personal data in place; the case, its number, history
    and this record stay."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"

    archive = models.ForeignKey(Archive, on_delete=models.PROTECT, related_name="destructions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=200)
    state = models.CharField(max_length=10, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.archive_id} {self.state}"
