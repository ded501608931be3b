"""Regulator presets: switched on per organisation, matched by channel, with extension rules."""

from typing import Any

import pytest
from django.utils import timezone

from kesu.core.errors import ServiceError
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.vocabulary import Action, Channel
from tests.conftest import at
from tests.factories import act, assigned, register


def day(moment: Any) -> str:
    return timezone.localtime(moment).date().isoformat()


def test_regulator_presets_are_loaded_switched_off(reference: None) -> None:
    codes = {"cbirc_2020_order3", "miit_2016_order35", "samr_2019_order20"}
    rows = DeadlinePolicy.objects.filter(code__in=codes)
    assert set(rows.values_list("code", flat=True)) == codes
    assert not rows.filter(is_active=True).exists()


def test_a_12315_transfer_gets_seven_working_days_to_decide(org: Any) -> None:
    DeadlinePolicy.objects.filter(code="samr_2019_order20").update(is_active=True)
    transfer = register(org["agent"], at("2026-09-28 09:00"), channel=Channel.REGULATOR)
    phone = register(org["agent"], at("2026-09-28 09:05"), complainant_name="李雷")
    assert transfer.policy.code == "samr_2019_order20"
    # 7 working days over National Day: 29, 30 Sep, 8, 9, 10 (the worked Saturday), 12, 13 Oct.
    assert day(transfer.acceptance_due) == "2026-10-13"
    assert phone.policy.code == "platform_default"


def test_a_policy_change_moves_nothing_until_a_supervisor_recalculates(org: Any) -> None:
    case = register(org["agent"], at("2026-11-02 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"))
    case.refresh_from_db()
    before = case.resolution_due
    DeadlinePolicy.objects.filter(code="platform_default").update(resolution_amount=10)
    case.refresh_from_db()
    assert case.resolution_due == before  # nothing moved silently
    with pytest.raises(ServiceError):
        act(case, org["supervisor"], Action.RECALCULATE_DEADLINES, at("2026-11-03 09:00"))
    moved = act(
        case, org["supervisor"], Action.RECALCULATE_DEADLINES, at("2026-11-03 09:00"),
        note="时限规则已改为10个工作日",
    )  # fmt: skip
    assert day(moved.resolution_due) == "2026-11-16"
    from kesu.cases.models import CaseEvent

    event = CaseEvent.objects.get(case=case, action="recalculate_deadlines")
    assert event.changes["resolution_due"][0].startswith("2026-11-23")
    assert event.changes["resolution_due"][1].startswith("2026-11-16")


def test_under_cbirc_only_appraisal_stops_the_clock(org: Any) -> None:
    DeadlinePolicy.objects.filter(code="cbirc_2020_order3").update(is_active=True)
    DeadlinePolicy.objects.filter(code="platform_default").update(is_active=False)
    case = assigned(org, "2026-11-02")
    with pytest.raises(ServiceError) as refused:
        act(
            case,
            org["handler"],
            Action.PAUSE_CLOCK,
            at("2026-11-03 09:00"),
            reason_code="waiting_customer",
        )
    assert refused.value.code == "pause_not_allowed"
    paused = act(
        case, org["handler"], Action.PAUSE_CLOCK, at("2026-11-03 09:00"), reason_code="appraisal"
    )
    assert paused.clock_pause_reason == "appraisal"


def test_recalculating_keeps_an_approved_extension(org: Any) -> None:
    case = register(org["agent"], at("2026-11-02 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"))
    act(case, org["supervisor"], Action.EXTEND_DEADLINE, at("2026-11-05 09:00"),
        extension_amount=5, note="需鉴定")  # fmt: skip
    case.refresh_from_db()
    assert day(case.resolution_due) == "2026-11-30"  # 23 Nov + 5 working days
    again = act(case, org["supervisor"], Action.RECALCULATE_DEADLINES, at("2026-11-06 09:00"),
                note="核对时限")  # fmt: skip
    assert day(again.resolution_due) == "2026-11-30"
