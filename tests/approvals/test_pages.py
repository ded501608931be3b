"""The approval matrix on the pages (R-12): the settings table and its preview at every boundary
of 004 第四条, a preset put in force and a rule edited from the pages, the approver's queue with
bounded queries, the case page saying who must approve and why, and the plan form."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.admin.models import LogEntry

from kesu.approvals.models import ApprovalRuleRow
from kesu.approvals.services import load_approval_preset
from kesu.cases.models import Case
from kesu.domain.vocabulary import Action
from tests.approvals.test_matrix import BOUNDARIES
from tests.conftest import at
from tests.factories import act, assigned
from tests.web.client import logged_in

ROLE_ZH = {"supervisor": "客户投诉主管", "cs_manager": "客服部经理", "general_manager": "总经理"}


def _submitted(org: Any, day: str, amount: str, **plan: Any) -> Case:
    case = assigned(org, day)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{day} 13:00"), method="phone", note="已联系")
    return act(
        case, org["handler"], Action.SUBMIT_PLAN, at(f"{day} 14:00"), plan="协议解约",
        amount=Decimal(amount), approval_action="surrender", **plan,
    )  # fmt: skip


def test_loading_a_preset_on_the_settings_page_puts_it_in_force(org: Any) -> None:
    manager = logged_in("manager")
    response = manager.post("/manage/approvals/preset/", {"preset": "insurer"})
    assert response.status_code == 302
    page = manager.get("/manage/approvals/").content.decode()
    assert "协议解约" in page
    assert "第四条(一)3" in page
    assert ApprovalRuleRow.objects.filter(preset="insurer").count() == 13
    assert LogEntry.objects.filter(object_repr="surrender_gm").exists()  # the change log
    refused = manager.post("/manage/approvals/preset/", {"preset": "nonsense"})
    assert refused.status_code == 302
    assert ApprovalRuleRow.objects.filter(preset="insurer").count() == 13


@pytest.mark.parametrize(("amount", "share", "role"), BOUNDARIES)
def test_the_preview_answers_at_every_boundary(
    org: Any, amount: str, share: str, role: str
) -> None:
    load_approval_preset("insurer")
    page = (
        logged_in("manager")
        .get(
            "/manage/approvals/",
            {"action": "surrender", "amount": amount, "premium_share": share},
        )
        .content.decode()
    )
    answer = page[page.index('class="preview-answer"') :]
    answer = answer[: answer.index("</p>")]
    assert ROLE_ZH[role] in answer


def test_editing_a_rule_on_the_page_changes_the_route(org: Any) -> None:
    load_approval_preset("insurer")
    manager = logged_in("manager")
    row = ApprovalRuleRow.objects.get(key="surrender_supervisor")
    form = manager.get(f"/manage/approvals/{row.pk}/")
    assert form.status_code == 200
    saved = manager.post(
        f"/manage/approvals/{row.pk}/",
        {
            "position": row.position, "key": row.key, "action": "surrender",
            "approver_role": "cs_manager", "amount_low": "0", "amount_low_inclusive": "on",
            "amount_high": "2000", "amount_high_inclusive": "on", "share_at_most": "0.7",
            "subject_is_manager": "", "source": row.source,
        },
    )  # fmt: skip
    assert saved.status_code == 302, saved.content.decode()
    row.refresh_from_db()
    assert row.approver_role == "cs_manager"
    assert row.edited
    bad = manager.post(
        f"/manage/approvals/{row.pk}/",
        {"position": 1, "key": row.key, "action": "surrender", "approver_role": "cs_manager",
         "amount_low": "5000", "amount_high": "100", "share_above": "3"},
    )  # fmt: skip
    assert bad.status_code == 400
    removed = manager.post(f"/manage/approvals/{row.pk}/remove/")
    assert removed.status_code == 302
    assert not ApprovalRuleRow.objects.filter(pk=row.pk).exists()


def test_the_queue_shows_my_plans_only_with_bounded_queries(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    load_approval_preset("insurer")
    small = [_submitted(org, f"2026-11-{day:02d}", "1500", premium_share=Decimal("0.5"))
             for day in (2, 3, 4, 5, 6)]  # fmt: skip
    large = _submitted(org, "2026-11-09", "5000.00")
    with time_machine.travel(at("2026-11-10 10:00"), tick=False):
        supervisor = logged_in("supervisor")
        with django_assert_max_num_queries(12):
            page = supervisor.get("/approvals/").content.decode()
        manager_page = logged_in("manager").get("/approvals/").content.decode()
        home = supervisor.get("/").content.decode()
        refused = logged_in("handler").get("/approvals/")
    listed = re.findall(r'<a href="/cases/(\d+)/">', page)
    assert sorted(listed) == sorted(c.number for c in small)
    assert large.number not in listed
    assert "第四条(一)1" in page
    assert re.findall(r'<a href="/cases/(\d+)/">', manager_page) == [large.number]
    assert 'class="badge approval-count">5<' in home
    assert "/approvals/" in home
    assert refused.status_code == 403


def test_the_queue_query_count_does_not_grow(org: Any, django_assert_max_num_queries: Any) -> None:
    load_approval_preset("insurer")
    for day in range(2, 14):
        _submitted(org, f"2026-10-{day:02d}", "100", premium_share=Decimal("0.1"))
    with time_machine.travel(at("2026-11-10 10:00"), tick=False):
        supervisor = logged_in("supervisor")
        with django_assert_max_num_queries(12):
            page = supervisor.get("/approvals/").content.decode()
    assert len(re.findall(r'<a href="/cases/(\d+)/">', page)) == 12


def test_the_case_page_says_who_must_approve_and_why(org: Any) -> None:
    load_approval_preset("insurer")
    case = _submitted(org, "2026-11-02", "10000.01")
    with time_machine.travel(at("2026-11-03 10:00"), tick=False):
        page = logged_in("gm").get(f"/cases/{case.number}/").content.decode()
        english = logged_in("gm", "en").get(f"/cases/{case.number}/").content.decode()
    route = page[page.index('class="approval-route"') :]
    assert "总经理" in route[:300]
    assert "第四条(一)3" in route[:600]
    assert "general manager" in english


def test_the_plan_form_sends_what_the_matrix_weighs(org: Any) -> None:
    load_approval_preset("insurer")
    case = assigned(org, "2026-11-02")
    act(
        case,
        org["handler"],
        Action.LOG_CONTACT,
        at("2026-11-02 13:00"),
        method="phone",
        note="联系",
    )
    with time_machine.travel(at("2026-11-02 15:00"), tick=False):
        handler = logged_in("handler")
        page = handler.get(f"/cases/{case.number}/").content.decode()
        assert 'name="submit_plan-approval_action"' in page
        response = handler.post(
            f"/cases/{case.number}/act/",
            {
                "action": "submit_plan", "submit_plan-plan": "协议部分解约",
                "submit_plan-amount": "2000.00", "submit_plan-approval_action": "surrender",
                "submit_plan-premium_share": "0.7001",
            },
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    case.refresh_from_db()
    assert case.plan_approver_role == "cs_manager"
    assert case.plan_premium_share == Decimal("0.7001")


def test_the_history_reads_an_escalation_in_words(org: Any) -> None:
    from kesu.approvals.services import record_absence

    load_approval_preset("insurer")
    record_absence(user=org["manager"], starts_at=at("2026-11-01 00:00"),
                   ends_at=at("2026-11-30 00:00"), reason="病假")  # fmt: skip
    case = _submitted(org, "2026-11-02", "5000")
    assert case.plan_approver_role == "general_manager"
    with time_machine.travel(at("2026-11-03 10:00"), tick=False):
        page = logged_in("gm").get(f"/cases/{case.number}/").content.decode()
    history = page[page.index("处理记录") :]
    assert "审批逐级上报（审批人不在岗）" in history
    assert "不在岗（无代理人）" in history
    assert "客服部经理" in history
    assert "协议解约" in history
    assert "general_manager" not in history
