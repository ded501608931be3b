"""The stored working-day calendar and the deadline policies cases are measured against."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.core.labels import choices
from kesu.domain.clocks import (
    PLATFORM_DEFAULT,
    ClockName,
    ClockRule,
    ExtensionStep,
    PauseReason,
    PolicyRules,
    StartEvent,
    Timing,
)
from kesu.domain.deadlines import MAX_DAYS, Period
from kesu.domain.vocabulary import CaseKind, Channel, DaySource, Role, Severity, TimeUnit

#: The longest amount the deadline engine counts (ten years of days): more is a typing mistake.
AMOUNT_LIMIT = MaxValueValidator(MAX_DAYS)


def _start_field(verbose_name: Any, default: StartEvent) -> models.CharField[str, str]:
    return models.CharField(
        verbose_name, max_length=20, choices=choices(StartEvent), default=default.value
    )


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
        help_text=_("Empty: no investigation clock."),
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
            "The intake agent re-contacts the customer to confirm satisfaction. "
            "Empty: no return-visit clock."
        ),
    )
    return_visit_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    acceptance_start = _start_field(_("acceptance counted from"), StartEvent.RECEIPT)
    contact_start = _start_field(_("first contact counted from"), StartEvent.ACCEPTANCE)
    investigation_start = _start_field(_("investigation counted from"), StartEvent.ACCEPTANCE)
    resolution_start = _start_field(_("resolution counted from"), StartEvent.ACCEPTANCE)
    return_visit_start = _start_field(_("return visit counted from"), StartEvent.ANSWER)
    return_visit_timing = models.CharField(
        _("return visit timing"),
        max_length=10,
        choices=choices(Timing),
        default=Timing.DUE_BY,
        help_text=_("On a set day: the visit is made on the day the amount gives, not before."),
    )
    promise = models.CharField(
        _("the acknowledgement promises"),
        max_length=20,
        choices=[
            (ClockName.FIRST_CONTACT.value, _("contact and handling by the first-contact due day")),
            (ClockName.RESOLUTION.value, _("an answer by the resolution due day")),
        ],
        default=ClockName.RESOLUTION,
    )
    pause_reasons = models.JSONField(
        _("clock may pause for"),
        default=list,
        blank=True,
        help_text=_("None ticked: the clocks cannot be paused."),
    )
    max_extension_amount = models.PositiveIntegerField(
        _("first extension at most"),
        null=True,
        blank=True,
        validators=[AMOUNT_LIMIT],
        help_text=_("Empty: extensions of any length, as often as needed."),
    )
    max_extension_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    extension_approver = models.CharField(
        _("first extension approved by at least"),
        max_length=30,
        choices=choices(Role),
        blank=True,
        help_text=_("Empty: any complaint supervisor or above."),
    )
    extension_tells_customer = models.BooleanField(
        _("the customer is told of the first extension"), default=False
    )
    extension2_amount = models.PositiveIntegerField(
        _("second extension at most"),
        null=True,
        blank=True,
        validators=[AMOUNT_LIMIT],
        help_text=_("Empty: no second extension."),
    )
    extension2_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    extension2_approver = models.CharField(
        _("second extension approved by at least"),
        max_length=30,
        choices=choices(Role),
        blank=True,
    )
    extension2_tells_customer = models.BooleanField(
        _("the customer is told of the second extension"), default=False
    )
    extension_total_amount = models.PositiveIntegerField(
        _("resolution never beyond, in all"),
        null=True,
        blank=True,
        validators=[AMOUNT_LIMIT],
        help_text=_("Counted from the resolution's start, extensions included. Empty: no cap."),
    )
    extension_total_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    # Several departments on a case: the assisting department's clock for a
    # co-handling answer (seed 004 第八条(三): 5 working days) and who must approve.
    co_handling_amount = models.PositiveIntegerField(
        _("co-handling answer within"),
        default=5,
        validators=[AMOUNT_LIMIT],
        help_text=_("How long an assisting department has to answer a co-handling request."),
    )
    co_handling_unit = models.CharField(
        _("unit"), max_length=20, choices=choices(TimeUnit), default=TimeUnit.WORKING_DAYS
    )
    co_handling_needs_approval = models.BooleanField(
        _("co-handling requests need the supervisor's approval"), default=True
    )
    handover_needs_approval = models.BooleanField(
        _("handovers need the general manager's approval"), default=False
    )
    priority = models.PositiveIntegerField(_("priority"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        ordering = ("priority", "code")

    def __str__(self) -> str:
        return self.name

    def rules(self) -> PolicyRules:
        """The policy as domain values (`kesu.domain.clocks`)."""
        pausable = frozenset(PauseReason(r) for r in self.pause_reasons or ())

        def rule(amount: int, unit: str, start: str, timing: str = Timing.DUE_BY) -> ClockRule:
            return ClockRule(
                Period(amount, TimeUnit(unit or TimeUnit.WORKING_DAYS)),
                StartEvent(start),
                Timing(timing),
                pausable,
            )

        resolution = rule(self.resolution_amount, self.resolution_unit, self.resolution_start)
        steps = tuple(
            ExtensionStep(
                None
                if amount is None
                else Period(amount, TimeUnit(unit or TimeUnit.CALENDAR_DAYS)),
                Role(approver) if approver else None,
                tells,
            )
            for amount, unit, approver, tells in (
                (
                    self.max_extension_amount,
                    self.max_extension_unit,
                    self.extension_approver,
                    self.extension_tells_customer,
                ),
                (
                    self.extension2_amount,
                    self.extension2_unit,
                    self.extension2_approver,
                    self.extension2_tells_customer,
                ),
            )
            if amount is not None or approver
        )
        total = None
        if self.extension_total_amount is not None:
            total = Period(
                self.extension_total_amount,
                TimeUnit(self.extension_total_unit or TimeUnit.CALENDAR_DAYS),
            )
        investigation = return_visit = None
        if self.investigation_amount is not None:
            investigation = rule(
                self.investigation_amount, self.investigation_unit, self.investigation_start
            )
        if self.return_visit_amount is not None:
            return_visit = rule(
                self.return_visit_amount,
                self.return_visit_unit,
                self.return_visit_start,
                self.return_visit_timing,
            )
        return PolicyRules(
            acceptance=rule(self.acceptance_amount, self.acceptance_unit, self.acceptance_start),
            first_contact=rule(self.contact_amount, self.contact_unit, self.contact_start),
            investigation=investigation,
            resolution=replace(resolution, extensions=steps, total_cap=total),
            return_visit=return_visit,
            promise=ClockName(self.promise),
        )


def rule_columns(rules: PolicyRules) -> dict[str, Any]:
    """`DeadlinePolicy` column values for `rules` (the reverse of `DeadlinePolicy.rules`).
    Pauses are stored once per policy: the resolution's pause reasons."""
    columns: dict[str, Any] = {}
    prefixes = {
        ClockName.ACCEPTANCE: "acceptance",
        ClockName.FIRST_CONTACT: "contact",
        ClockName.INVESTIGATION: "investigation",
        ClockName.RESOLUTION: "resolution",
        ClockName.RETURN_VISIT: "return_visit",
    }
    for name, prefix in prefixes.items():
        rule = rules.rule(name)
        columns[f"{prefix}_amount"] = rule.period.amount if rule else None
        columns[f"{prefix}_unit"] = rule.period.unit.value if rule else ""
        columns[f"{prefix}_start"] = (rule.start if rule else _DEFAULT_STARTS[name]).value
    visit = rules.return_visit
    columns["return_visit_timing"] = (visit.timing if visit else Timing.DUE_BY).value
    columns["promise"] = rules.promise.value
    resolution = rules.resolution
    columns["pause_reasons"] = sorted(resolution.pausable)
    steps = [*resolution.extensions, None, None]
    for prefix, step in (("max_extension", steps[0]), ("extension2", steps[1])):
        columns[f"{prefix}_amount"] = step.period.amount if step and step.period else None
        columns[f"{prefix}_unit"] = step.period.unit.value if step and step.period else ""
    columns["extension_approver"] = (steps[0].approver or "") if steps[0] else ""
    columns["extension_tells_customer"] = bool(steps[0] and steps[0].tell_customer)
    columns["extension2_approver"] = (steps[1].approver or "") if steps[1] else ""
    columns["extension2_tells_customer"] = bool(steps[1] and steps[1].tell_customer)
    total = resolution.total_cap
    columns["extension_total_amount"] = total.amount if total else None
    columns["extension_total_unit"] = total.unit.value if total else ""
    return columns


_DEFAULT_STARTS = {
    ClockName.ACCEPTANCE: StartEvent.RECEIPT,
    ClockName.FIRST_CONTACT: StartEvent.ACCEPTANCE,
    ClockName.INVESTIGATION: StartEvent.ACCEPTANCE,
    ClockName.RESOLUTION: StartEvent.ACCEPTANCE,
    ClockName.RETURN_VISIT: StartEvent.ANSWER,
}


def rules_of(policy: DeadlinePolicy | None) -> PolicyRules:
    """A case's rules: its policy's, else the platform's."""
    return policy.rules() if policy is not None else PLATFORM_DEFAULT


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
