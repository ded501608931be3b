"""The stored working-day calendar and the deadline policies cases are measured against."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.core.labels import choices
from kesu.domain.deadlines import MAX_DAYS, ClockRule
from kesu.domain.vocabulary import CaseKind, Channel, DaySource, Role, Severity, TimeUnit

#: The longest amount the deadline engine counts (ten years of days): more is a typing mistake.
AMOUNT_LIMIT = MaxValueValidator(MAX_DAYS)


class CalendarYear(models.Model):
    """A year loaded into the calendar table. Only `official` years give final due dates."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    official = models.BooleanField(
        _("official"),
        default=False,
        help_text=_("Published by the State Council (or confirmed by an administrator)."),
    )
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ("year",)

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    day = models.DateField(_("date"), primary_key=True)
    is_working = models.BooleanField(_("working day"))
    source = models.CharField(_("source"), max_length=10, choices=choices(DaySource))
    note = models.CharField(_("note"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        ordering = ("day",)

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"


class DeadlinePolicy(models.Model):
    """How long acceptance, first contact, investigation, resolution and the return visit may
    take for matching cases.

    A case takes the most specific active policy: a category match (the category or one of
    its ancestors) counts most, then severity, then kind; ties go to the lower `priority`.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=choices(CaseKind), blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=choices(Severity), blank=True)
    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    channel = models.CharField(_("channel"), max_length=20, choices=choices(Channel), blank=True)
    acceptance_amount = models.PositiveIntegerField(
        _("acceptance within"), validators=[AMOUNT_LIMIT]
    )
    acceptance_unit = models.CharField(_("unit"), max_length=20, choices=choices(TimeUnit))
    contact_amount = models.PositiveIntegerField(
        _("first contact within"), validators=[AMOUNT_LIMIT]
    )
    contact_unit = models.CharField(_("unit"), max_length=20, choices=choices(TimeUnit))
    resolution_amount = models.PositiveIntegerField(
        _("resolution within"), validators=[AMOUNT_LIMIT]
    )
    resolution_unit = models.CharField(_("unit"), max_length=20, choices=choices(TimeUnit))
    investigation_amount = models.PositiveIntegerField(
        _("investigation within"),
        validators=[AMOUNT_LIMIT],
        null=True,
        blank=True,
        help_text=_("Counted from acceptance. Empty: no investigation clock."),
    )
    investigation_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    return_visit_amount = models.PositiveIntegerField(
        _("return visit within"),
        validators=[AMOUNT_LIMIT],
        null=True,
        blank=True,
        help_text=_(
            "Counted from the answer: the intake agent re-contacts the customer to confirm "
            "satisfaction. Empty: no return-visit clock."
        ),
    )
    return_visit_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    pause_reasons = models.JSONField(
        _("clock may pause for"),
        default=list,
        blank=True,
        help_text=_(
            "Reasons that stop the clock under this policy: waiting_customer, appraisal, "
            "co_handling. Empty: all of them."
        ),
    )
    max_extension_amount = models.PositiveIntegerField(
        _("longest extension"),
        null=True,
        blank=True,
        validators=[AMOUNT_LIMIT],
        help_text=_("Empty: no limit."),
    )
    max_extension_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    extension_approver = models.CharField(
        _("extension approved by at least"),
        max_length=30,
        choices=choices(Role),
        blank=True,
        help_text=_("Empty: any complaint supervisor or above."),
    )
    priority = models.PositiveIntegerField(_("priority"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        ordering = ("priority", "code")

    def __str__(self) -> str:
        return self.name

    @property
    def acceptance(self) -> ClockRule:
        return ClockRule(self.acceptance_amount, TimeUnit(self.acceptance_unit))

    @property
    def first_contact(self) -> ClockRule:
        return ClockRule(self.contact_amount, TimeUnit(self.contact_unit))

    @property
    def resolution(self) -> ClockRule:
        return ClockRule(self.resolution_amount, TimeUnit(self.resolution_unit))

    @property
    def investigation(self) -> ClockRule | None:
        return _optional_rule(self.investigation_amount, self.investigation_unit)

    @property
    def return_visit(self) -> ClockRule | None:
        return _optional_rule(self.return_visit_amount, self.return_visit_unit)


def _optional_rule(amount: int | None, unit: str) -> ClockRule | None:
    """A clock a policy may leave out: no amount means the policy has no such clock."""
    if amount is None:
        return None
    return ClockRule(amount, TimeUnit(unit or TimeUnit.WORKING_DAYS))


class CaseAlert(models.Model):
    """A warning or escalation (督办) that fired for one clock of one case. The unique key makes
    the sweep idempotent: a sweep interrupted and run again adds nothing twice."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="alerts")
    clock = models.CharField(_("clock"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20)
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    due_at = models.DateTimeField(_("due at"))
    fired_at = models.DateTimeField(_("fired at"))
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        verbose_name = _("deadline alert")
        verbose_name_plural = _("deadline alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "clock", "kind", "level", "due_at"], name="alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.clock} {self.kind} {self.level}"


class EscalationLadder(models.Model):
    """How warnings and escalation 督办 run for standard or major cases (editable)."""

    STANDARD = "standard"
    MAJOR = "major"

    code = models.CharField(
        _("applies to"),
        max_length=10,
        unique=True,
        choices=[(STANDARD, _("standard cases")), (MAJOR, _("major cases"))],
    )
    warning_percent = models.PositiveSmallIntegerField(
        _("warn when this share of the time has passed (%)"), default=75
    )
    warn_day_before = models.BooleanField(
        _("warn one working day before the due time"), default=True
    )

    class Meta:
        verbose_name = _("escalation ladder")
        verbose_name_plural = _("escalation ladders")

    def __str__(self) -> str:
        return self.get_code_display()


class EscalationStep(models.Model):
    """One rung: who is told, how long after the deadline passed."""

    ladder = models.ForeignKey(EscalationLadder, on_delete=models.CASCADE, related_name="steps")
    level = models.PositiveSmallIntegerField(_("level"))
    role = models.CharField(
        _("who is told"),
        max_length=30,
        choices=choices(Role),
        blank=True,
        help_text=_("Empty: the case's owner (its handler, else the department head)."),
    )
    delay_amount = models.PositiveIntegerField(
        _("after the breach"), default=0, validators=[AMOUNT_LIMIT]
    )
    delay_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), default=TimeUnit.WORKING_DAYS
    )

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        ordering = ("ladder", "level")
        constraints = [
            models.UniqueConstraint(fields=["ladder", "level"], name="one_step_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.ladder} {self.level}"
