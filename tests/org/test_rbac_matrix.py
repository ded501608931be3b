"""One visibility rule for every list and fetch: each role × own / other department.

The case sits with 售后服务部 (after-sales). "own" users belong to after-sales, "other" users
to 质量管理部 (quality). A case someone may not see answers 404 on every endpoint.
"""

from typing import Any

import pytest
import time_machine

from kesu.domain.vocabulary import Role
from tests.conftest import PHONE_COMPLAINT, Api, at

SEES_EVERYTHING = {
    Role.INTAKE_AGENT,
    Role.SUPERVISOR,
    Role.CS_MANAGER,
    Role.GENERAL_MANAGER,
    Role.ANALYST,
    Role.DISCIPLINE_OFFICER,
    Role.TECHNICAL_APPROVER,  # approves what the approval matrix gives them
}
SEES_OWN_DEPARTMENT = {Role.HANDLER, Role.DEPARTMENT_HEAD}
SEES_NOTHING = {Role.ADMINISTRATOR}
SEES_PERSONAL_DATA = {
    Role.INTAKE_AGENT,
    Role.SUPERVISOR,
    Role.HANDLER,
    Role.DEPARTMENT_HEAD,
    Role.CS_MANAGER,
    Role.GENERAL_MANAGER,
}


def test_the_matrix_covers_every_role() -> None:
    assert set(Role) == SEES_EVERYTHING | SEES_OWN_DEPARTMENT | SEES_NOTHING


@pytest.fixture
def assigned_case(api: Any) -> str:
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        number = api("agent").post("/cases", PHONE_COMPLAINT).json()["number"]
        api("agent").act(number, "accept")
        response = api("supervisor").act(
            number, "assign", department="after-sales", handler="handler"
        )
        assert response.status_code == 200
    return str(number)


@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("role", list(Role))
def test_visibility(org: Any, assigned_case: str, role: Role, where: str) -> None:
    department = org.after_sales if where == "own" else org.quality
    user = org.add(f"{role.value}-{where}", role, department, "测试")
    client = Api(user)
    visible = role in SEES_EVERYTHING or (role in SEES_OWN_DEPARTMENT and where == "own")

    detail = client.get(f"/cases/{assigned_case}")
    events = client.get(f"/cases/{assigned_case}/events")
    listed = [item["number"] for item in client.get("/cases").json()["items"]]
    act = client.act(assigned_case, "log_contact", note="打探")

    if visible:
        assert detail.status_code == 200
        assert events.status_code == 200
        assert listed == [assigned_case]
        complainant = detail.json()["complainant"]
        if role in SEES_PERSONAL_DATA:
            assert complainant["phone"] == "13812345678"
        else:
            assert complainant["phone"] == "138****5678"
            assert complainant["name"] == "王*"
            assert complainant["address"] == "广东省佛山市****"
        assert act.status_code in {200, 409}
        if role in SEES_OWN_DEPARTMENT:
            assert act.status_code == 200  # a department member may log contact
    else:
        assert detail.status_code == 404
        assert events.status_code == 404
        assert listed == []
        assert act.status_code == 404


def test_a_department_head_sees_sub_departments_but_a_sub_department_not_its_parent(
    api: Any, assigned_case: str
) -> None:
    # The case is with after-sales; the installer works in its sub-department 安装维修科.
    assert api("head").get(f"/cases/{assigned_case}").status_code == 200
    assert api("installer").get(f"/cases/{assigned_case}").status_code == 404
    with time_machine.travel(at("2026-11-23 10:00"), tick=False):
        moved = api("head").act(assigned_case, "assign", department="install", handler="installer")
    assert moved.status_code == 200
    assert api("installer").get(f"/cases/{assigned_case}").status_code == 200
    assert api("head").get(f"/cases/{assigned_case}").status_code == 200
    # Department members see their department and everything below it.
    assert api("handler").get(f"/cases/{assigned_case}").status_code == 200
    assert api("quality").get(f"/cases/{assigned_case}").status_code == 404


def test_a_department_head_cannot_assign_outside_their_department(
    api: Any, assigned_case: str
) -> None:
    response = api("head").act(assigned_case, "assign", department="quality")
    assert response.status_code == 400
    assert response.json()["code"] == "outside_department"


def test_allowed_actions_follow_the_role(api: Any, assigned_case: str) -> None:
    def offered(username: str) -> set[str]:
        return {
            a["action"]
            for a in api(username).get(f"/cases/{assigned_case}").json()["allowed_actions"]
        }

    assert "log_contact" in offered("handler")
    assert "extend_deadline" not in offered("handler")
    assert "extend_deadline" in offered("supervisor")
    assert offered("analyst") == set()
    assert offered("discipline") == set()
