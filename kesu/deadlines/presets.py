"""Loading the seeds' deadline policy presets (a catalogue; only a consistent set is active)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from kesu.deadlines.models import (
    DeadlinePolicy,
    EscalationLadder,
    EscalationStep,
    rule_columns,
)
from kesu.domain.escalation import MAJOR, STANDARD
from kesu.domain.presets.policies import DEADLINE_POLICY_PRESETS

#: The presets active after a first load: the hotline rulebook's 7 / 15 / 30-day limits (seed
#: 004's insurer, also seed 000's hotline), one working day for enquiries, and the defaults
#: for suggestions and praise. The others are loaded switched off, for an administrator to pick.
DEFAULT_ACTIVE = frozenset(
    {"platform_default", "insurer_major", "enquiry_one_day", "suggestion_default", "praise_default"}
)


@transaction.atomic
def load_policy_presets(*, categories: Mapping[str, int]) -> int:
    """Create missing presets; existing ones (maybe edited by an administrator) stay as they are.
    `categories` maps the organisation's category codes to their ids: a preset bound to a
    category that is not loaded is left out."""
    created = 0
    for priority, preset in enumerate(DEADLINE_POLICY_PRESETS):
        if DeadlinePolicy.objects.filter(code=preset.code).exists():
            continue
        category_id = categories.get(preset.category_code) if preset.category_code else None
        if preset.category_code and category_id is None:
            continue  # its category tree is not loaded in this organisation
        DeadlinePolicy.objects.create(
            code=preset.code,
            name=preset.name_zh,
            source=preset.source[:200],
            kind=preset.kind or "",
            severity=preset.severity or "",
            category_id=category_id,
            channel=preset.channel or "",
            **rule_columns(preset.rules),
            priority=priority,
            is_active=preset.code in DEFAULT_ACTIVE,
        )
        created += 1
    return created


@transaction.atomic
def load_escalation_presets() -> int:
    """The standard and major ladders as the platform ships them, if not there yet."""
    created = 0
    for code, ladder in ((EscalationLadder.STANDARD, STANDARD), (EscalationLadder.MAJOR, MAJOR)):
        if EscalationLadder.objects.filter(code=code).exists():
            continue
        row = EscalationLadder.objects.create(
            code=code, warning_percent=round(ladder.warning_share * 100), warn_day_before=True
        )
        EscalationStep.objects.bulk_create(
            EscalationStep(
                ladder=row,
                level=step.level,
                role=step.role or "",
                delay_amount=step.after.amount,
                delay_unit=step.after.unit,
            )
            for step in ladder.steps
        )
        created += 1
    return created
