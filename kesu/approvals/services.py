"""Writers of the approval matrix: put a preset's table in force, add/change/remove one rule,
record an approver's absence or end it early. Each takes typed values and runs in one
transaction; the settings pages wrap them with their change log (`kesu.backoffice`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kesu.approvals.models import Absence, ApprovalRuleRow
from kesu.core.errors import ServiceError
from kesu.domain.approvals import AmountRange, ApprovalAction, ApprovalRule
from kesu.domain.presets.approvals import approval_preset
from kesu.domain.vocabulary import Role
from kesu.org.models import User

ONE = Decimal("1")


@dataclass(frozen=True, kw_only=True)
class RuleInput:
    """One rule as the settings page gives it."""

    key: str
    action: ApprovalAction
    approver_role: Role
    position: int
    amount_low: Decimal | None = None
    amount_low_inclusive: bool = True
    amount_high: Decimal | None = None
    amount_high_inclusive: bool = True
    share_above: Decimal | None = None
    share_at_most: Decimal | None = None
    subject_is_manager: bool | None = None
    source: str = ""


def _row_values(rule: ApprovalRule, position: int, preset: str) -> dict[str, object]:
    amounts, conditions = rule.amounts, rule.conditions
    return {
        "position": position,
        "key": rule.key,
        "action": rule.action.value,
        "approver_role": rule.approver.value,
        "amount_low": amounts.low,
        "amount_low_inclusive": amounts.low_inclusive,
        "amount_high": amounts.high,
        "amount_high_inclusive": amounts.high_inclusive,
        "share_above": conditions.share_above,
        "share_at_most": conditions.share_at_most,
        "subject_is_manager": conditions.subject_is_manager,
        "source": rule.source[:200],
        "preset": preset,
    }


@transaction.atomic
def load_approval_preset(key: str, *, replace: bool = True) -> int:
    """Put preset `key`'s table in force (KeyError for an unknown key). With `replace` (the
    default) the previous table goes; otherwise the preset's rules are added after it, and
    rules whose key is already in force are kept as they are. Returns the rules added."""
    preset = approval_preset(key)
    if replace:
        ApprovalRuleRow.objects.all().delete()
    existing = set(ApprovalRuleRow.objects.values_list("key", flat=True))
    start = (ApprovalRuleRow.objects.aggregate(top=Max("position"))["top"] or 0) + 10
    rows = [
        ApprovalRuleRow(**_row_values(rule, start + 10 * index, preset.key))  # type: ignore[arg-type]
        for index, rule in enumerate(preset.rules)
        if rule.key not in existing
    ]
    ApprovalRuleRow.objects.bulk_create(rows)
    return len(rows)


def rule_problems(data: RuleInput) -> list[tuple[str, str]]:
    """What is wrong with `data`, as (field, message) pairs (empty when it can be saved)."""
    problems: list[tuple[str, str]] = []
    low, high = data.amount_low, data.amount_high
    if low is not None and low < 0:
        problems.append(("amount_low", _("The amount cannot be negative.")))
    if low is not None and high is not None and low > high:
        problems.append(("amount_high", _("The upper bound is below the lower bound.")))
    for name in ("share_above", "share_at_most"):
        value = getattr(data, name)
        if value is not None and not (0 <= value <= ONE):
            problems.append((name, _("A premium share lies between 0 and 1 (e.g. 0.7).")))
    if data.position < 0:
        problems.append(("position", _("The precedence cannot be negative.")))
    return problems


@transaction.atomic
def save_rule(data: RuleInput, *, pk: int | None = None) -> ApprovalRuleRow:
    """Add a rule (pk None) or change one. A preset's rule changed by hand is marked edited."""
    problems = rule_problems(data)
    if problems:
        field, message = problems[0]
        raise ServiceError("invalid_rule", message, field=field)
    AmountRange(data.amount_low, data.amount_low_inclusive, data.amount_high)  # bounds in order
    clash = ApprovalRuleRow.objects.filter(key=data.key)
    if pk is not None:
        clash = clash.exclude(pk=pk)
    if clash.exists():
        raise ServiceError("duplicate_key", _("Another rule has this key."), field="key")
    row = (
        ApprovalRuleRow() if pk is None else ApprovalRuleRow.objects.select_for_update().get(pk=pk)
    )
    for name in (
        "key", "position", "amount_low", "amount_low_inclusive", "amount_high",
        "amount_high_inclusive", "share_above", "share_at_most", "subject_is_manager", "source",
    ):  # fmt: skip
        setattr(row, name, getattr(data, name))
    row.action = ApprovalAction(data.action).value
    row.approver_role = Role(data.approver_role).value
    row.edited = pk is not None and bool(row.preset)
    row.save()
    return row


@transaction.atomic
def delete_rule(pk: int) -> ApprovalRuleRow:
    """Remove one rule from the table in force; returns the removed row (for the log)."""
    row = ApprovalRuleRow.objects.select_for_update().get(pk=pk)
    row.delete()
    return row


@transaction.atomic
def record_absence(
    *, user: User, starts_at: datetime, ends_at: datetime, reason: str = ""
) -> Absence:
    """Record that `user` is away between two moments (an approver away with no delegate
    passes their approvals up a level)."""
    if ends_at <= starts_at:
        raise ServiceError(
            "bad_period", _("The absence must end after it starts."), field="ends_at"
        )
    return Absence.objects.create(
        user=user, starts_at=starts_at, ends_at=ends_at, reason=reason[:200]
    )


@transaction.atomic
def end_absence(*, absence: Absence, now: datetime) -> Absence | None:
    """End a running absence at `now` (its period stays on record: approvals routed past the
    person while away were routed rightly), or withdraw one that has not begun (returns None).
    An absence already over is refused."""
    absence = Absence.objects.select_for_update().get(pk=absence.pk)
    if absence.ends_at <= now:
        raise ServiceError("absence_over", _("This absence has already ended."))
    if absence.starts_at >= now:
        absence.delete()
        return None
    absence.ends_at = now
    absence.save(update_fields=["ends_at"])
    return absence
