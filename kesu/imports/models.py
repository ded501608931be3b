"""An import run and the cases it brought in, with the reference each came under."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.imports.fields import Source


class ImportBatch(models.Model):
    """One uploaded file: where it came from, how its columns map to our fields, and what the
    import made of it. A file uploaded on the page is kept until it is imported."""

    UPLOADED = "uploaded"
    IMPORTED = "imported"

    source = models.CharField(
        _("source"), max_length=20, choices=[(s.value, s.value) for s in Source]
    )
    regulator = models.CharField(_("regulator"), max_length=20, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    headings = models.JSONField(_("headings"), default=list, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, default=UPLOADED)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("cases created"), default=0)
    already = models.PositiveIntegerField(_("already imported"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.source})"


class ImportedCase(models.Model):
    """A case that came from a file: the regulator's transfer (its reference, the regulator
    and the regulator's reply-due date) or another system's history (its original number).
    (source, regulator, reference) is unique: the same transfer or history row is imported
    once, however often its file is."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, primary_key=True, related_name="imported"
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="cases")
    source = models.CharField(_("source"), max_length=20)
    regulator = models.CharField(_("regulator"), max_length=20, blank=True)
    reference = models.CharField(_("reference"), max_length=60)
    reply_due = models.DateTimeField(_("regulator's reply due"), null=True, blank=True)
    #: The old system's state and dates, as the file gave them (shown on the case page).
    original = models.JSONField(_("original record"), default=dict, blank=True)

    class Meta:
        verbose_name = _("imported case")
        verbose_name_plural = _("imported cases")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "regulator", "reference"], name="import_reference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regulator or self.source} {self.reference}"
