"""Decisions around one case beyond its own workflow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.core.labels import choices
from kesu.domain.deliberation import Grounds, Status

# --- Deliberation 合议 (R-14, seed 004 第七条) ---------------------------------------------------
#: Column limits; the forms (and any API) use the same numbers.
MAX_PLACE = 200
MAX_TEXT = 10000


class Deliberation(models.Model):
    """One deliberation of a case: asked for (or convened for a major case), scheduled and
    chaired by the supervisor, with its participants' confirmed opinions and the decision. Kept
    for good: the deliberation archive 合议档案 is these rows."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deliberations")
    status = models.CharField(_("status"), max_length=20, choices=choices(Status))
    grounds = models.CharField(_("grounds"), max_length=20, choices=choices(Grounds))
    reason = models.TextField(_("why a deliberation"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("asked by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("asked at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("request answered by"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("request answered at"), null=True, blank=True)
    answer_note = models.TextField(_("answer to the request"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("chair"),
    )  # fmt: skip
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=MAX_PLACE, blank=True)
    evidence = models.ManyToManyField(
        "cases.Attachment", related_name="deliberations", blank=True,
        verbose_name=_("evidence bundle"),
    )  # fmt: skip
    minutes = models.TextField(_("minutes"), blank=True)
    preliminary = models.TextField(_("preliminary leaning"), blank=True)
    preliminary_at = models.DateTimeField(_("leaning recorded at"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    due_at = models.DateTimeField(_("final decision due"), null=True, blank=True, db_index=True)
    late_reported_at = models.DateTimeField(_("lateness reported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deliberation")
        verbose_name_plural = _("deliberations")
        ordering = ("-requested_at", "-id")
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.pk}"


class DeliberationSeat(models.Model):
    """A participant 与会人员 and their own opinion; `confirmed_at` is their signature, set
    only by themselves."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.PROTECT, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deliberation_seats"
    )
    opinion = models.TextField(_("opinion"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "user"], name="one_seat_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.deliberation_id}: {self.user_id}"


# --- end of deliberation ------------------------------------------------------------------------
