"""People hold several roles (W9): the table answers for all of them, `/me` lists them, the
settings pages give them, the navigation honours delegation, and the system account is never
lent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine

from kesu.domain.vocabulary import Role
from kesu.org.models import Delegation, User, UserRole
from kesu.org.services import system_user
from tests.conftest import PHONE_COMPLAINT, Api, at
from tests.web.client import logged_in


def _clerk(org: Any, *roles: Role) -> User:
    """An insurer's 咨诉岗 in after-sales: receives calls (primary role) and handles."""
    clerk = org.add("clerk", Role.INTAKE_AGENT, org.after_sales, "钱晓梅")
    for role in roles:
        UserRole.objects.create(user=clerk, role=role)
    return clerk


def test_w9_an_insurers_clerk_who_receives_and_handles_investigates_and_submits_a_plan(
    org: Any, api: Any
) -> None:
    """Seed 004 第三条/第五条: the same 咨诉岗 takes the complaint and, once the 咨诉主管
    assigns it, investigates and drafts the plan, which the 主管 reviews (P10)."""
    clerk = Api(_clerk(org, Role.HANDLER))
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        number = clerk.post("/cases", PHONE_COMPLAINT).json()["number"]
        assert clerk.act(number, "accept").status_code == 200
        assigned = api("supervisor").act(
            number, "assign", department="after-sales", handler="clerk"
        )
        assert assigned.status_code == 200
        assert clerk.act(number, "log_contact", note="已联系客户").status_code == 200
        investigated = clerk.act(number, "record_investigation", note="师傅三次爽约属实")
        assert investigated.status_code == 200, investigated.json()
        plan = clerk.act(number, "submit_plan", plan="三天内上门维修并补偿", amount="200")
        assert plan.status_code == 200, plan.json()
        assert plan.json()["state"] == "plan_submitted"
        # Four eyes: the clerk does not approve; the supervisor does.
        assert clerk.act(number, "approve_plan").status_code == 409
        assert api("supervisor").act(number, "approve_plan").status_code == 200
    capacity = {e["action"]: e["acting_role"] for e in clerk.get(f"/cases/{number}/events").json()}
    assert capacity["register"] == capacity["accept"] == "intake_agent"
    assert capacity["record_investigation"] == capacity["submit_plan"] == "handler"


def test_the_same_clerk_with_one_role_cannot_investigate(org: Any, api: Any) -> None:
    clerk = Api(_clerk(org))
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        number = clerk.post("/cases", PHONE_COMPLAINT).json()["number"]
        clerk.act(number, "accept")
        api("supervisor").act(number, "assign", department="after-sales", handler="clerk")
        clerk.act(number, "log_contact", note="已联系客户")
        refused = clerk.act(number, "record_investigation", note="调查")
    assert refused.status_code == 409


def test_me_lists_own_and_delegated_roles(org: Any) -> None:
    clerk = _clerk(org, Role.HANDLER)
    Delegation.objects.create(
        delegator=org["head"], delegate=clerk, reason="休假",
        starts_at=at("2026-11-20 09:00"), ends_at=at("2026-11-30 18:00"),
    )  # fmt: skip
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        me = Api(clerk, "en").get("/me").json()
    assert me["role"] == "intake_agent"
    assert me["roles"] == [
        {"role": "intake_agent", "label": "Intake agent", "delegated_by": None, "until": None,
         "department": {"code": "after-sales", "name": "售后服务部"}},
        {"role": "handler", "label": "Department handler", "delegated_by": None, "until": None,
         "department": {"code": "after-sales", "name": "售后服务部"}},
        {"role": "department_head", "label": "Department head",
         "delegated_by": {"username": "head", "name": "刘强"},
         "until": "2026-11-30T18:00:00+08:00",
         "department": {"code": "after-sales", "name": "售后服务部"}},
    ]  # fmt: skip
    assert me["acting_for"] == [{"username": "head", "name": "刘强"}]


def test_the_navigation_offers_what_a_delegated_role_allows(org: Any) -> None:
    """An analyst may not register cases or change settings; lent the manager's role, they
    may do both, and the navigation says so (it used to read only the account's own role)."""
    before = logged_in("analyst").get("/").content.decode()
    assert 'href="/cases/new/"' not in before
    assert 'href="/manage/"' not in before
    now = at("2026-11-23 09:00")
    Delegation.objects.create(
        delegator=org["manager"], delegate=org["analyst"], reason="出差",
        starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1),
    )  # fmt: skip
    with time_machine.travel(now, tick=False):
        after = logged_in("analyst").get("/").content.decode()
    assert 'href="/cases/new/"' in after
    assert 'href="/manage/"' in after


def test_a_manager_gives_a_user_several_roles(org: Any) -> None:
    client = logged_in("manager")
    form = client.get(f"/manage/users/{org['agent'].pk}/").content.decode()
    assert 'name="extra_roles" value="handler"' in form
    assert 'name="extra_roles" value="general_manager"' not in form  # an administrator's
    response = client.post(
        f"/manage/users/{org['agent'].pk}/",
        {"username": "agent", "full_name": "李晓燕", "role": Role.INTAKE_AGENT,
         "extra_roles": [Role.HANDLER], "department": org.cs.pk, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    assert list(org["agent"].extra_roles.values_list("role", flat=True)) == ["handler"]
    listed = client.get("/manage/users/").content.decode()
    assert "热线接听人员、部门承办人" in listed


def test_a_manager_cannot_add_a_privileged_role_as_a_further_role(org: Any) -> None:
    response = logged_in("manager").post(
        f"/manage/users/{org['agent'].pk}/",
        {"username": "agent", "role": Role.INTAKE_AGENT, "extra_roles": [Role.GENERAL_MANAGER],
         "department": org.cs.pk, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not UserRole.objects.exists()


def test_the_system_account_is_neither_offered_nor_accepted_for_delegation(org: Any) -> None:
    system = system_user()
    client = logged_in("admin")
    page = client.get("/manage/delegations/").content.decode()
    assert f'value="{system.pk}"' not in page
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        for field, other in (("delegator", "delegate"), ("delegate", "delegator")):
            response = client.post(
                "/manage/delegations/",
                {field: system.pk, other: org["agent"].pk, "reason": "试图",
                 "starts_at": "2026-12-01T08:00", "ends_at": "2026-12-08T18:00"},
            )  # fmt: skip
            assert response.status_code == 400
    assert not Delegation.objects.exists()
