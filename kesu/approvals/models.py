"""The approval matrix in force (R-12): its rules in order of precedence, each remembering the
preset it came from, and the absences of approvers (away without necessarily a delegate)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.core.labels import choices
from kesu.domain.approvals import AmountRange, ApprovalAction, ApprovalRule, Conditions
from kesu.domain.vocabulary import Role

AMOUNT = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}
SHARE = {"max_digits": 6, "decimal_places": 4, "null": True, "blank": True}


class ApprovalRuleRow(models.Model):
    """One rule of the table in force. `position` is the precedence (lowest first); `preset`
    is the preset key it was loaded from ("" once added by hand); `edited` marks a preset's
    rule changed on the settings pages."""

    position = models.PositiveIntegerField(_("precedence"))
    key = models.SlugField(_("key"), max_length=60)
    action = models.CharField(
        _("action"), max_length=30, choices=[(a.value, a.value) for a in ApprovalAction]
    )
    approver_role = models.CharField(_("approver"), max_length=30, choices=choices(Role))
    amount_low = models.DecimalField(_("amount from"), **AMOUNT)  # type: ignore[call-overload]
    amount_low_inclusive = models.BooleanField(_("including the lower bound"), default=True)
    amount_high = models.DecimalField(_("amount up to"), **AMOUNT)  # type: ignore[call-overload]
    amount_high_inclusive = models.BooleanField(_("including the upper bound"), default=True)
    share_above = models.DecimalField(_("premium share above"), **SHARE)  # type: ignore[call-overload]
    share_at_most = models.DecimalField(_("premium share at most"), **SHARE)  # type: ignore[call-overload]
    subject_is_manager = models.BooleanField(_("subject is a manager"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    preset = models.CharField(_("preset"), max_length=40, blank=True)
    edited = models.BooleanField(_("edited"), default=False)

    class Meta:
        verbose_name = _("approval rule")
        verbose_name_plural = _("approval rules")
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["key"], name="approval_rule_key_once"),
        ]

    def __str__(self) -> str:
        return self.key

    def as_rule(self) -> ApprovalRule:
        """The row as the pure domain rule the evaluator reads."""
        return ApprovalRule(
            key=self.key,
            action=ApprovalAction(self.action),
            approver=Role(self.approver_role),
            amounts=AmountRange(
                low=_dec(self.amount_low),
                low_inclusive=self.amount_low_inclusive,
                high=_dec(self.amount_high),
                high_inclusive=self.amount_high_inclusive,
            ),
            conditions=Conditions(
                share_above=_dec(self.share_above),
                share_at_most=_dec(self.share_at_most),
                subject_is_manager=self.subject_is_manager,
            ),
            source=self.source,
        )


def _dec(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


class Absence(models.Model):
    """A member of staff away (leave, travel) between two moments. An approver away is
    covered by whoever holds their delegation (`org.Delegation`); with no delegate, an
    approval for their role climbs to the next level."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="absences",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="absence_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.starts_at:%Y-%m-%d}–{self.ends_at:%Y-%m-%d})"
