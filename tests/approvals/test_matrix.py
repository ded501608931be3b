"""The approval matrix in force (R-12) end to end: `load_presets --approvals`, the API's
approval route at every boundary of 004 第四条, and a plan routed to, approved and rejected by
the approver the matrix names — with approvers away, with and without a delegate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from kesu.approvals.models import ApprovalRuleRow
from kesu.approvals.selectors import approval_route
from kesu.approvals.services import load_approval_preset, record_absence
from kesu.cases.models import Case
from kesu.core.errors import ServiceError
from kesu.domain.vocabulary import Action, Role, State
from kesu.domain.workflow import TransitionNotAllowed
from kesu.org.services import create_delegation
from tests.conftest import at
from tests.factories import act, assigned

BOUNDARIES = [
    ("2000.00", "0.5", "supervisor"),
    ("2000.01", "0.5", "cs_manager"),
    ("10000.00", "0.5", "cs_manager"),
    ("10000.01", "0.5", "general_manager"),
    ("500", "0.7", "supervisor"),
    ("500", "0.7001", "cs_manager"),
]


@pytest.fixture
def insurer(org: Any) -> Any:
    call_command("load_presets", approvals="insurer", verbosity=0)
    return org


def test_load_presets_puts_the_insurer_table_in_force(org: Any) -> None:
    call_command("load_presets", approvals="insurer", verbosity=0)
    keys = list(ApprovalRuleRow.objects.values_list("key", flat=True))
    assert keys[0] == "surrender_gm"
    assert "co_handling" in keys
    assert set(ApprovalRuleRow.objects.values_list("preset", flat=True)) == {"insurer"}
    call_command("load_presets", approvals="manufacturer", verbosity=0)  # replaces the table
    assert set(ApprovalRuleRow.objects.values_list("preset", flat=True)) == {"manufacturer"}


def test_an_unknown_preset_is_refused(org: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown approval preset"):
        call_command("load_presets", approvals="nonsense", verbosity=0)


@pytest.mark.parametrize(("amount", "share", "role"), BOUNDARIES)
def test_api_route_at_every_boundary(
    insurer: Any, api: Any, amount: str, share: str, role: str
) -> None:
    answer = api("handler").get(
        "/approval-route", action="surrender", amount=amount, premium_share=share
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["approver_role"] == role
    assert "协议解约" in body["rule"]
    assert "第四条(一)" in body["rule"]
    roles = {r["code"] for r in api("handler").get("/roles").json()}
    assert body["approver_role"] in roles


def test_api_route_in_english_and_other_actions(insurer: Any, api: Any) -> None:
    english = api("handler", "en")
    body = english.get("/approval-route", action="premium_callback").json()
    assert body["approver_role"] == "cs_manager"
    assert body["rule"].startswith("premium call-back")
    assert english.get("/approval-route", action="co_handling").json()["approver_role"] == (
        "supervisor"
    )


def test_api_route_refusals(org: Any, api: Any) -> None:
    client = api("handler")
    none = client.get("/approval-route", action="plan", amount="10")
    assert none.status_code == 404
    assert none.json()["code"] == "no_rule"
    bad = client.get("/approval-route", action="bribe")
    assert bad.status_code in (400, 422)
    share = client.get("/approval-route", action="surrender", amount="1", premium_share="1.5")
    assert share.status_code in (400, 422)


def _submitted(org: Any, day: str, **plan: Any) -> Case:
    case = assigned(org, day)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{day} 13:00"), method="phone", note="已联系")
    act(case, org["handler"], Action.RECORD_INVESTIGATION, at(f"{day} 13:30"), note="查明")
    return act(
        case, org["handler"], Action.SUBMIT_PLAN, at(f"{day} 14:00"), plan="协议解约", **plan
    )


def test_a_plan_goes_to_the_approver_the_matrix_names(insurer: Any) -> None:
    org = insurer
    case = _submitted(
        org,
        "2026-09-28",
        approval_action="surrender",
        amount=Decimal("2000.01"),
        premium_share=Decimal("0.5"),
    )
    case.refresh_from_db()
    assert case.plan_approver_role == "cs_manager"
    assert "第四条(一)2" in case.plan_approval_rule_zh
    with pytest.raises(TransitionNotAllowed):
        act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-09-28 15:00"))
    act(case, org["manager"], Action.APPROVE_PLAN, at("2026-09-28 15:00"), note="同意")
    case.refresh_from_db()
    assert case.state == State.PLAN_APPROVED
    submitted = case.events.get(action="submit_plan")
    assert submitted.changes["plan_approver_role"] == ["", "cs_manager"]


def test_a_small_plan_goes_to_the_supervisor(insurer: Any) -> None:
    case = _submitted(insurer, "2026-09-28", approval_action="surrender",
                      amount=Decimal("2000.00"), premium_share=Decimal("0.70"))  # fmt: skip
    assert case.plan_approver_role == "supervisor"
    act(case, insurer["supervisor"], Action.APPROVE_PLAN, at("2026-09-28 15:00"))


def test_an_approver_away_with_a_delegate_is_covered(insurer: Any) -> None:
    org = insurer
    create_delegation(
        delegator=org["manager"], delegate=org["supervisor"],
        starts_at=at("2026-09-27 00:00"), ends_at=at("2026-10-09 00:00"), reason="年假",
    )  # fmt: skip
    case = _submitted(org, "2026-09-28", approval_action="surrender", amount=Decimal("5000"))
    assert case.plan_approver_role == "cs_manager"  # the delegate holds the role
    assert not case.events.filter(action="approval_escalated").exists()
    act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-09-28 15:00"))
    approved = case.events.get(action="approve_plan")
    assert approved.acting_role == "cs_manager"
    assert approved.on_behalf_of == org["manager"]


def test_an_approver_away_without_a_delegate_escalates(insurer: Any) -> None:
    org = insurer
    record_absence(
        user=org["manager"], starts_at=at("2026-09-27 00:00"), ends_at=at("2026-10-09 00:00"),
        reason="病假",
    )  # fmt: skip
    case = _submitted(org, "2026-09-28", approval_action="surrender", amount=Decimal("5000"))
    assert case.plan_approver_role == "general_manager"
    escalated = case.events.get(action="approval_escalated")
    assert escalated.data["named"] == "cs_manager"
    assert escalated.data["skipped"] == ["cs_manager"]
    with pytest.raises(TransitionNotAllowed):
        act(case, org["manager"], Action.APPROVE_PLAN, at("2026-09-28 15:00"))
    act(case, org["gm"], Action.APPROVE_PLAN, at("2026-09-28 15:00"))


def test_a_rejection_returns_the_plan_with_its_reason(insurer: Any) -> None:
    org = insurer
    case = _submitted(org, "2026-09-28", approval_action="surrender", amount=Decimal("12000"))
    assert case.plan_approver_role == "general_manager"
    with pytest.raises(ServiceError):
        act(case, org["gm"], Action.REJECT_PLAN, at("2026-09-28 15:00"))  # no reason
    act(case, org["gm"], Action.REJECT_PLAN, at("2026-09-28 15:00"), note="金额过高，请重议")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS
    rejected = case.events.get(action="reject_plan")
    assert rejected.note == "金额过高，请重议"
    assert rejected.acting_role == "general_manager"


def test_without_a_table_any_approver_approves(org: Any) -> None:
    case = _submitted(org, "2026-09-28", amount=Decimal("50000"))
    assert case.plan_approver_role == ""
    act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-09-28 15:00"))


def test_selector_contract(insurer: Any) -> None:
    found = approval_route("surrender", amount=Decimal("10000.01"), premium_share=Decimal("0.1"))
    assert found is not None
    assert found.approver_role is Role.GENERAL_MANAGER
    assert found.rule_id == ApprovalRuleRow.objects.get(key="surrender_gm").pk
    assert approval_route("nonsense") is None
    load_approval_preset("gm_results")
    manager = approval_route("penalty", subject_is_manager=True)
    assert manager is not None
    assert manager.approver_role is Role.GENERAL_MANAGER


def test_api_case_shows_who_must_approve(insurer: Any, api: Any) -> None:
    case = _submitted(insurer, "2026-09-28", approval_action="surrender", amount=Decimal("3000"))
    with time_machine.travel(at("2026-09-28 16:00"), tick=False):
        body = api("manager").get(f"/cases/{case.number}").json()
    assert body["plan_approver_role"] == "cs_manager"
    assert "第四条(一)2" in body["plan_approval_rule"]
    assert "approve_plan" in [a["action"] for a in body["allowed_actions"]]
