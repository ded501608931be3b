"""The case library 案例库 (typical cases with a summary and lessons), reply templates 答复模板
and the FAQ 常见问题 (R-24). The full-text index over cases is not a model: see `search.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryEntry(models.Model):
    """A typical case chosen into the library by a supervisor: its summary and lessons are
    written for readers who do not see personal data, and stored masked
    (`kesu.library.services.mark_typical_case`)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"))
    lessons = models.TextField(_("lessons"), blank=True)
    #: The case's category when marked (a filter that survives a later re-categorisation).
    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    excellent = models.BooleanField(_("excellent handling"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        indexes = [models.Index(fields=["category", "marked_at"])]

    def __str__(self) -> str:
        return self.title


class ReplyTemplate(models.Model):
    """A reply template or an FAQ answer, for a category (and its sub-categories) or for all.
    Placeholders in braces ({number}, {name}, {product}, {received}, {due}) are filled from
    the case (`kesu.library.templating`)."""

    REPLY = "reply"
    FAQ = "faq"
    KINDS = ((REPLY, _("reply template")), (FAQ, _("FAQ")))

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=REPLY)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=4000)
    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Offered for this category and those below it; empty: for every case."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ("kind", "sort_order", "id")

    def __str__(self) -> str:
        return self.title
