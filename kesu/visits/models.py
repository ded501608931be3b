"""The return-visit plan 回访 (which answered cases are called back, and what happens when a
customer is unhappy or cannot be reached) and the visits it made, with every call attempt."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kesu.domain.visits import AttemptOutcome, Source, VisitReason, VisitStatus


def choices(enum: type, labels: dict[str, object]) -> list[tuple[str, object]]:
    return [(member.value, labels[member.value]) for member in enum]  # type: ignore[attr-defined]


REASON_LABELS = {
    VisitReason.MAJOR: _("major case"),
    VisitReason.SAMPLED: _("sampled"),
    VisitReason.NOT_SAMPLED: _("not sampled"),
}
STATUS_LABELS = {
    VisitStatus.OPEN: _("to call"),
    VisitStatus.DONE: _("done"),
    VisitStatus.UNREACHABLE: _("unreachable"),
    VisitStatus.REFUSED: _("refused"),
}
OUTCOME_LABELS = {
    AttemptOutcome.UNREACHABLE: _("no answer"),
    AttemptOutcome.REFUSED: _("refused"),
    AttemptOutcome.DONE: _("questionnaire filled in"),
}
SOURCE_LABELS = {Source.CALLER: _("by the caller"), Source.CUSTOMER: _("by the customer (link)")}


class OnUnhappy(models.TextChoices):
    REOPEN = "reopen", _("back to the department (not satisfied)")
    ESCALATE = "escalate", _("back to the department and tell the supervisors")


class OnUnreachable(models.TextChoices):
    KEEP = "keep", _("keep the case answered for a supervisor to decide")
    PROVISIONALLY_CLOSE = "provisionally_close", _("close provisionally (暂结案)")


class VisitPlan(models.Model):
    """How return visits are planned for the cases of one deadline policy (or, with no policy,
    for every case whose policy has no plan of its own)."""

    policy = models.OneToOneField(
        "deadlines.DeadlinePolicy",
        verbose_name=_("deadline policy"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="visit_plan",
        help_text=_("Empty: the organisation's plan, for policies without their own."),
    )
    share_percent = models.PositiveSmallIntegerField(
        _("share of ordinary cases called back (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("Every major case is called back; this share of the others is drawn."),
    )
    seed = models.CharField(
        _("sampling seed"),
        max_length=40,
        default="kesu",
        help_text=_("The same seed draws the same cases: the plan can be checked afterwards."),
    )
    max_tries = models.PositiveSmallIntegerField(
        _("calls before unreachable"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    send_link = models.BooleanField(
        _("send the customer a questionnaire link"),
        default=True,
        help_text=_("By SMS and e-mail when the visit is planned (needs KESU_PUBLIC_URL)."),
    )
    on_unhappy = models.CharField(
        _("when the customer is unhappy"),
        max_length=20,
        choices=OnUnhappy.choices,
        default=OnUnhappy.REOPEN,
    )
    on_unreachable = models.CharField(
        _("when the customer cannot be reached"),
        max_length=20,
        choices=OnUnreachable.choices,
        default=OnUnreachable.KEEP,
    )

    class Meta:
        verbose_name = _("return-visit plan")
        verbose_name_plural = _("return-visit plans")
        constraints = [
            # One plan per policy, and one without: NULLs are distinct to a plain constraint.
            models.UniqueConstraint(
                Coalesce("policy", Value(0)),
                name="visit_plan_one_per_policy",
                violation_error_message=_("This policy already has a return-visit plan."),
            )
        ]

    def __str__(self) -> str:
        return str(self.policy) if self.policy_id else str(_("Organisation-wide plan"))


class Visit(models.Model):
    """One answered case's place in the plan: called back (major or sampled) or not sampled,
    when, and what came of it."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="visit"
    )
    reason = models.CharField(_("why"), max_length=12, choices=choices(VisitReason, REASON_LABELS))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=choices(VisitStatus, STATUS_LABELS),
        default=VisitStatus.OPEN,
    )
    #: The case's return-visit due time when the visit was planned (the list reads the case's
    #: clock, which a delivery recorded later or a recalculation moves).
    due = models.DateTimeField(_("due"), null=True, blank=True)
    planned_at = models.DateTimeField(_("planned at"))
    tries = models.PositiveSmallIntegerField(_("unanswered calls"), default=0)
    max_tries = models.PositiveSmallIntegerField(_("calls before unreachable"), default=3)
    source = models.CharField(
        _("filled in"), max_length=10, choices=choices(Source, SOURCE_LABELS), blank=True
    )
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caller"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction with the result"), null=True, blank=True
    )
    process_satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction with the process"), null=True, blank=True
    )
    solved = models.BooleanField(_("solved"), null=True, blank=True)
    comment = models.TextField(_("customer's words"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ("due", "pk")

    def __str__(self) -> str:
        return f"{self.case_id} {self.status}"


class VisitAttempt(models.Model):
    """One call (or the customer's own answer through the link)."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("return visit"), on_delete=models.PROTECT, related_name="attempts"
    )
    at = models.DateTimeField(_("at"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=choices(AttemptOutcome, OUTCOME_LABELS)
    )
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caller"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("call attempt")
        verbose_name_plural = _("call attempts")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.visit_id} {self.outcome}"
