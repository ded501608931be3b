"""The seed-rules review's reproductions W3–W8 and W10 (2026-12-01), each now showing the seed's
behaviour: clocks count from the event their rule names, in the unit it names."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from kesu.cases.models import Case, CaseEvent
from kesu.core.errors import Forbidden, ServiceError
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from tests.conftest import at
from tests.factories import act, assigned, register


def day(moment: Any) -> str:
    return timezone.localtime(moment).date().isoformat()


def only(code: str) -> None:
    """Make `code` the policy every complaint takes (the platform default switched off)."""
    DeadlinePolicy.objects.filter(code=code).update(is_active=True, priority=0)
    DeadlinePolicy.objects.filter(code="platform_default").update(is_active=False)


def test_w3_insurer_15_working_days_cannot_be_paused(org: Any) -> None:
    # Seed 004 恒康天安 第八条(二): 15 working days from acceptance, with no exclusions.
    case = assigned(org, "2026-11-02")
    assert case.policy.code == "platform_default"
    assert day(case.resolution_due) == "2026-11-23"
    with pytest.raises(ServiceError) as refused:
        act(
            case,
            org["handler"],
            Action.PAUSE_CLOCK,
            at("2026-11-04 09:00"),
            reason_code="co_handling",
        )
    assert refused.value.code == "pause_not_allowed"
    case.refresh_from_db()
    assert case.clock_paused_at is None
    assert day(case.resolution_due) == "2026-11-23"
    assert not CaseEvent.objects.filter(case=case, action=Action.PAUSE_CLOCK).exists()


def test_w3_cbirc_pauses_for_appraisal_only(org: Any) -> None:
    only("cbirc_2020_order3")
    case = assigned(org, "2026-11-02")
    with pytest.raises(ServiceError):
        act(
            case,
            org["handler"],
            Action.PAUSE_CLOCK,
            at("2026-11-04 09:00"),
            reason_code="co_handling",
        )
    act(case, org["handler"], Action.PAUSE_CLOCK, at("2026-11-04 09:00"), reason_code="appraisal")
    resumed = act(case, org["handler"], Action.RESUME_CLOCK, at("2026-11-09 09:00"))
    assert day(resumed.resolution_due) == "2026-11-23"  # 17 Nov + 5 days of appraisal, a Monday


def test_w4_telecom_15_working_days_count_from_receipt(org: Any) -> None:
    only("telecom_miit")
    case = register(org["agent"], at("2026-11-06 17:00"))  # Friday
    accepted = act(case, org["agent"], Action.ACCEPT, at("2026-11-09 09:30"))  # Monday
    assert accepted.policy.code == "telecom_miit"
    assert day(accepted.resolution_due) == "2026-11-27"  # receipt + 15 wd, not acceptance + 15


def test_w4_cbirc_15_days_count_from_receipt(org: Any) -> None:
    only("cbirc_2020_order3")
    case = register(org["agent"], at("2026-11-02 09:00"))
    accepted = act(case, org["agent"], Action.ACCEPT, at("2026-11-03 16:00"))
    assert day(accepted.resolution_due) == "2026-11-17"


def test_w4_manufacturing_3_working_days_count_from_receipt(org: Any) -> None:
    only("manufacturing_general")
    case = register(org["agent"], at("2026-11-06 17:00"))
    accepted = act(case, org["agent"], Action.ACCEPT, at("2026-11-06 17:40"))
    assert day(accepted.resolution_due) == "2026-11-11"
    late = register(org["agent"], at("2026-11-09 09:00"))
    accepted_late = act(late, org["agent"], Action.ACCEPT, at("2026-11-11 09:00"))
    assert day(accepted_late.resolution_due) == "2026-11-12"  # receipt Mon + 3 wd


def test_w5_insurer_7_working_day_investigation_outlives_the_first_contact(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    assert day(case.investigation_due) == "2026-11-11"  # 受理之日起7个工作日 调查取证
    contacted = act(
        case, org["handler"], Action.LOG_CONTACT, at("2026-11-03 10:00"), note="已联系客户"
    )
    # The contact stops its own clock; the investigation still runs and is what falls due next.
    assert contacted.first_contact_at is not None
    assert contacted.next_due == contacted.investigation_due
    found = act(
        contacted, org["handler"], Action.RECORD_INVESTIGATION, at("2026-11-05 10:00"), note="查明"
    )
    assert found.next_due == found.resolution_due


def test_w6_acknowledgement_promises_contact_within_7_working_days(org: Any) -> None:
    case = register(org["agent"], at("2026-11-02 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"))
    sms = Notification.objects.get(case=case, template="case_acknowledged_contact", channel="sms")
    assert "11月11日前与您联系并处理" in sms.body  # 第五条(一) 7个工作日内给予联系和处理
    assert "11月23日" not in sms.body
    assert not Notification.objects.filter(case=case, template="case_acknowledged").exists()


def _answered(org: Any, day_: str, **fields: Any) -> Case:
    case = assigned(org, day_, **fields)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{day_} 14:00"), note="已联系")
    act(case, org["handler"], Action.SUBMIT_PLAN, at(f"{day_} 15:00"), plan="返修")
    act(case, org["supervisor"], Action.APPROVE_PLAN, at(f"{day_} 16:00"))
    return act(case, org["handler"], Action.ANSWER, at(f"{day_} 17:00"), answer="返修后交付")


def test_w7_product_quality_return_visit_on_the_2nd_day_after_delivery(org: Any) -> None:
    only("dealer_product_quality")
    case = _answered(org, "2026-11-02", category_code="product_quality_defect")
    assert case.policy.code == "dealer_product_quality"
    assert case.return_visit_due is None  # counted from delivery, not from the answer
    delivered = act(case, org["handler"], Action.RECORD_DELIVERY, at("2026-11-10 15:00"))
    assert day(delivered.return_visit_due) == "2026-11-12"  # 交货期第2天
    event = CaseEvent.objects.get(case=case, action=Action.RECORD_DELIVERY)
    assert event.changes["delivered_at"][0] is None
    # A set day: the escalation ladder's warnings fall on that day, not days before it.
    assert timezone.localtime(delivered.next_alert_at).date().isoformat() >= "2026-11-11"
    with pytest.raises(ServiceError):
        act(delivered, org["handler"], Action.RECORD_DELIVERY, at("2026-11-11 15:00"))


def test_w7_property_return_visit_within_3_calendar_days(org: Any) -> None:
    only("property_complaint")
    case = _answered(org, "2026-09-30")  # the Wednesday before National Day
    # 「3天之内」: 3 Oct is a holiday, so the period ends on the next working day, 8 Oct (民法典
    # 第二百零三条), not three working days later (8, 9 and the worked Saturday 10 Oct).
    assert day(case.return_visit_due) == "2026-10-08"


def test_w8_property_one_hour_is_sixty_minutes(org: Any) -> None:
    only("property_complaint")
    case = register(org["agent"], at("2026-11-06 17:30"))  # Friday evening
    assert case.policy.code == "property_complaint"
    assert timezone.localtime(case.acceptance_due) == at("2026-11-06 18:30")


def test_w10_cbirc_extensions_step_by_step_never_beyond_60_days(org: Any) -> None:
    only("cbirc_2020_order3")
    case = register(org["agent"], at("2026-11-02 09:00"), complainant_email="wangli@example.com")
    case = act(case, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"))
    assert day(case.resolution_due) == "2026-11-17"
    days = {"extension_unit": "calendar_days", "note": "情况复杂，需调取监控"}
    when = at("2026-11-10 09:00")
    with pytest.raises(ServiceError) as too_long:  # the first step: to 30 days in all
        act(case, org["gm"], Action.EXTEND_DEADLINE, when, extension_amount=30, **days)
    assert too_long.value.code == "extension_too_long"
    case = act(case, org["supervisor"], Action.EXTEND_DEADLINE, when, extension_amount=15, **days)
    assert day(case.resolution_due) == "2026-12-02"
    told = Notification.objects.filter(case=case, template="deadline_extended", channel="sms")
    assert "12月2日" in told.get().body
    assert "情况复杂" in told.get().body
    with pytest.raises(Forbidden):  # the second needs senior approval
        act(case, org["supervisor"], Action.EXTEND_DEADLINE, when, extension_amount=30, **days)
    case = act(case, org["gm"], Action.EXTEND_DEADLINE, when, extension_amount=30, **days)
    assert day(case.resolution_due) == "2027-01-04"  # 1 Jan + the New Year holiday
    assert told.count() == 2
    with pytest.raises(ServiceError) as third:
        act(case, org["gm"], Action.EXTEND_DEADLINE, when, extension_amount=1, **days)
    assert third.value.code == "no_more_extensions"
    assert CaseEvent.objects.filter(case=case, action=Action.EXTEND_DEADLINE).count() == 2


def test_w10_the_total_cap_refuses_an_extension_beyond_60_days(org: Any) -> None:
    only("cbirc_2020_order3")
    DeadlinePolicy.objects.filter(code="cbirc_2020_order3").update(extension2_amount=45)
    case = register(org["agent"], at("2026-11-02 09:00"))
    case = act(case, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"))
    days = {"extension_unit": "calendar_days", "note": "情况特别复杂"}
    when = at("2026-11-10 09:00")
    case = act(case, org["supervisor"], Action.EXTEND_DEADLINE, when, extension_amount=15, **days)
    with pytest.raises(ServiceError) as capped:
        act(case, org["gm"], Action.EXTEND_DEADLINE, when, extension_amount=45, **days)
    assert capped.value.code == "extension_beyond_total"
    assert "60" in capped.value.message
    case.refresh_from_db()
    assert day(case.resolution_due) == "2026-12-02"
