"""An export of a case list to a file: what was asked (the queue's filters, sealed), by whom,
how far the worker got, and where the file is until it expires."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    XLSX = "xlsx"
    CSV = "csv"
    FORMATS = ((XLSX, "Excel (.xlsx)"), (CSV, "CSV"))

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    EXPIRED = "expired"
    STATES = (
        (QUEUED, _("waiting")),
        (RUNNING, _("running")),
        (DONE, _("ready")),
        (FAILED, _("failed")),
        (EXPIRED, _("expired")),
    )

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    format = models.CharField(_("format"), max_length=10, choices=FORMATS)
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=QUEUED)
    #: The queue's filters and sort as JSON, sealed (kesu/core/sealed.py): a search for a
    #: phone number is not kept in clear.
    query = models.TextField(editable=False)
    language = models.CharField(max_length=10, default="zh-hans")
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.format})"

    @property
    def percent(self) -> int:
        if self.state == self.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
