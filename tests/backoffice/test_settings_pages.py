"""The settings pages 管理设置 a customer-service manager works in: who may open them, what each
list shows (with a bounded number of queries), and that every change is stored through its
service with a record in the change log — or refused with a reason and nothing stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.test import Client

from kesu.cases.models import Category, DeclineReason
from kesu.deadlines.models import CalendarDay, CalendarYear, DeadlinePolicy
from kesu.deadlines.services import work_calendar
from kesu.domain.vocabulary import DaySource, Role
from kesu.org.models import Delegation, Department, User
from tests.conftest import at
from tests.factories import register
from tests.web.client import logged_in

LIST_PAGES = [
    "/manage/",
    "/manage/categories/",
    "/manage/reasons/",
    "/manage/policies/",
    "/manage/calendar/?year=2026&month=10",
    "/manage/departments/",
    "/manage/users/",
    "/manage/delegations/",
    "/manage/history/",
]


@pytest.mark.parametrize("username", ["manager", "admin"])
def test_managers_open_every_settings_page(org: Any, username: str) -> None:
    client = logged_in(username)
    for path in LIST_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "管理设置" in response.content.decode()


@pytest.mark.parametrize("username", ["agent", "supervisor", "handler", "gm", "analyst"])
def test_other_roles_are_told_they_may_not(org: Any, username: str) -> None:
    client = logged_in(username)
    response = client.get("/manage/policies/")
    assert response.status_code == 403
    assert "只有客服部经理和系统管理员可以修改设置" in response.content.decode()
    home = client.get("/").content.decode()
    assert 'href="/manage/"' not in home  # the navigation does not offer it


def test_a_manager_sees_settings_in_the_navigation(org: Any) -> None:
    assert 'href="/manage/"' in logged_in("manager").get("/").content.decode()


def test_anonymous_visitors_go_to_the_login_page(db: Any) -> None:
    response = Client().get("/manage/users/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_have_a_query_budget(
    org: Any, path: str, django_assert_max_num_queries: Any
) -> None:
    client = logged_in("manager")
    for n in range(30):  # enough rows that a query per row would show
        Department.objects.create(code=f"d{n}", name=f"部门{n}", path=f"/9{n}/")
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


def _log_of(obj: Any) -> list[LogEntry]:
    return list(LogEntry.objects.filter(object_id=str(obj.pk)).order_by("action_time"))


def test_a_manager_adds_a_category_under_a_parent(org: Any) -> None:
    parent = Category.objects.get(code="after_sales_repair")
    response = logged_in("manager").post(
        "/manage/categories/new/",
        {
            "name_zh": "上门超时",
            "name_en": "Late visit",
            "code": "late_visit",
            "parent": parent.pk,
            "sort_order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    made = Category.objects.get(code="late_visit")
    assert made.path == f"{parent.path}{made.pk}/"  # the tree is kept by the service
    [entry] = _log_of(made)
    assert entry.user.username == "manager"
    assert entry.is_addition()
    page = logged_in("agent").get("/cases/new/").content.decode()
    assert "上门超时" in page  # offered on the hotline form at once


def test_a_category_cannot_move_under_its_own_child(org: Any) -> None:
    parent = Category.objects.get(code="after_sales_repair")
    child = Category.objects.filter(parent=parent).first()
    assert child is not None
    response = logged_in("manager").post(
        f"/manage/categories/{parent.pk}/",
        {"name_zh": parent.name_zh, "code": parent.code, "parent": child.pk, "sort_order": 0},
    )
    assert response.status_code == 400
    assert "不能将类别移到其自身的下级" in response.content.decode()
    parent.refresh_from_db()
    assert parent.parent_id is None
    assert not _log_of(parent)


def test_loading_a_preset_adds_only_missing_categories(org: Any) -> None:
    before = Category.objects.count()
    client = logged_in("manager")
    response = client.post("/manage/categories/preset/", {"preset": "property"}, follow=True)
    added = Category.objects.count() - before
    assert added > 0
    assert f"已新增 {added} 个分类" in response.content.decode()
    again = client.post("/manage/categories/preset/", {"preset": "property"}, follow=True)
    assert "已新增 0 个分类" in again.content.decode()
    assert client.post("/manage/categories/preset/", {"preset": "nope"}).status_code == 302


def test_a_decline_reason_is_renamed_and_switched_off(org: Any) -> None:
    reason = DeclineReason.objects.first()
    assert reason is not None
    response = logged_in("manager").post(
        f"/manage/reasons/{reason.pk}/",
        {"name_zh": "诉求不明确", "name_en": "Unclear", "code": reason.code, "sort_order": 3},
    )
    assert response.status_code == 302
    reason.refresh_from_db()
    assert (reason.name_zh, reason.is_active) == ("诉求不明确", False)
    [entry] = _log_of(reason)
    assert "名称（中文）" in entry.change_message
    assert "启用" in entry.change_message


def _policy_post(policy: DeadlinePolicy, **changes: Any) -> dict[str, Any]:
    fields = {
        "code": policy.code,
        "name": policy.name,
        "source": policy.source,
        "kind": policy.kind,
        "severity": policy.severity,
        "channel": policy.channel,
        "category": policy.category_id or "",
        "acceptance_amount": policy.acceptance_amount,
        "acceptance_unit": policy.acceptance_unit,
        "contact_amount": policy.contact_amount,
        "contact_unit": policy.contact_unit,
        "resolution_amount": policy.resolution_amount,
        "resolution_unit": policy.resolution_unit,
        "priority": policy.priority,
        "is_active": "on" if policy.is_active else "",
        "promise": policy.promise,
        "return_visit_timing": policy.return_visit_timing,
        "pause_reasons": policy.pause_reasons,
        "co_handling_amount": policy.co_handling_amount,
        "co_handling_unit": policy.co_handling_unit,
        "co_handling_needs_approval": "on" if policy.co_handling_needs_approval else "",
        "handover_needs_approval": "on" if policy.handover_needs_approval else "",
        **{
            f"{clock}_start": getattr(policy, f"{clock}_start")
            for clock in ("acceptance", "contact", "investigation", "resolution", "return_visit")
        },
    }
    for name in ("investigation", "return_visit"):
        amount = getattr(policy, f"{name}_amount", None)
        if amount is not None:
            fields[f"{name}_amount"] = amount
            fields[f"{name}_unit"] = getattr(policy, f"{name}_unit")
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def test_changing_a_policy_leaves_open_cases_due_times_alone(org: Any) -> None:
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        case = register(org["agent"], at("2026-11-23 09:00"))
    due_before = case.acceptance_due
    policy = case.policy
    assert policy is not None
    assert due_before is not None
    response = logged_in("manager").post(
        f"/manage/policies/{policy.pk}/",
        _policy_post(policy, acceptance_amount=5, pause_reasons=["appraisal"]),
    )
    assert response.status_code == 302, response.content.decode()
    policy.refresh_from_db()
    case.refresh_from_db()
    assert (policy.acceptance_amount, policy.pause_reasons) == (5, ["appraisal"])
    assert case.acceptance_due == due_before
    [entry] = _log_of(policy)
    assert "受理时限" in entry.change_message


def test_a_policy_amount_needs_its_unit(org: Any) -> None:
    policy = DeadlinePolicy.objects.get(code="platform_default")
    response = logged_in("manager").post(
        f"/manage/policies/{policy.pk}/",
        _policy_post(policy, max_extension_amount=30, max_extension_unit=""),
    )
    assert response.status_code == 400
    assert "请选择该时限的计时单位" in response.content.decode()
    policy.refresh_from_db()
    assert policy.max_extension_amount is None


def test_the_month_grid_shows_national_day_and_the_tiaoxiu_saturday(org: Any) -> None:
    page = logged_in("manager").get("/manage/calendar/?year=2026&month=10").content.decode()
    assert "2026年10月" in page
    assert 'id="day-2026-10-01"' in page
    first = page.split('id="day-2026-10-01"')[0].rsplit("<td", 1)[1]
    assert "rest" in first
    assert "unusual" in first
    saturday = page.split('id="day-2026-10-10"')[0].rsplit("<td", 1)[1]
    assert "working" in saturday
    assert "unusual" in saturday
    assert "官方发布" in page


def test_bad_month_parameters_show_the_current_month(org: Any) -> None:
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        client = logged_in("manager")
        for query in ("year=abc&month=1", "year=1800&month=3", "year=2026&month=13"):
            page = client.get(f"/manage/calendar/?{query}")
            assert page.status_code == 200
            assert "2026年12月" in page.content.decode()


def test_toggling_a_day_changes_the_working_day_arithmetic(org: Any) -> None:
    day = date(2026, 12, 4)  # a Friday
    assert work_calendar([2026]).is_working_day(day)
    response = logged_in("manager").post(
        f"/manage/calendar/{day}/", {"note": "公司年会"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    cell = response.content.decode()
    assert 'id="day-2026-12-04"' in cell
    assert " rest" in cell
    assert "已修改" in cell
    assert "公司年会" in cell
    row = CalendarDay.objects.get(day=day)
    assert (row.is_working, row.source, row.note) == (False, DaySource.EDITED, "公司年会")
    assert not work_calendar([2026]).is_working_day(day)  # the cache was dropped at once
    [entry] = _log_of(row)
    assert entry.user.username == "manager"
    back = logged_in("manager").post(f"/manage/calendar/{day}/")  # a plain form: redirect
    assert back.status_code == 302
    assert CalendarDay.objects.get(day=day).is_working


def test_a_bad_day_is_refused(org: Any) -> None:
    client = logged_in("manager")
    assert client.post("/manage/calendar/2026-02-30/").status_code == 400
    assert client.post("/manage/calendar/1999-01-01/").status_code == 400
    assert client.get("/manage/calendar/2026-12-04/").status_code == 405


def test_a_year_is_loaded_and_marked_official(org: Any) -> None:
    client = logged_in("manager")
    client.post("/manage/calendar/year/", {"action": "load", "year": "2028"})
    assert CalendarYear.objects.filter(year=2028, official=False).exists()
    response = client.post("/manage/calendar/year/", {"year": "2028", "official": "1"}, follow=True)
    assert CalendarYear.objects.get(year=2028).official
    assert "2028 年已标记为官方公布" in response.content.decode()
    bad = client.post("/manage/calendar/year/", {"action": "load", "year": "3000"}, follow=True)
    assert "2000" in bad.content.decode()
    assert not CalendarYear.objects.filter(year=3000).exists()


def test_a_manager_creates_a_user_who_can_log_in(org: Any) -> None:
    response = logged_in("manager").post(
        "/manage/users/new/",
        {
            "username": "newagent",
            "full_name": "林小红",
            "role": Role.INTAKE_AGENT,
            "department": org.cs.pk,
            "phone": "02088886666",
            "is_active": "on",
            "password": "Hotline-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(username="newagent")
    assert (user.role, user.department_id, user.is_staff) == (Role.INTAKE_AGENT, org.cs.pk, False)
    login = Client().post("/accounts/login/", {"username": "newagent", "password": "Hotline-2026"})
    assert login.status_code == 302
    assert _log_of(user)[0].is_addition()


def test_a_weak_password_is_refused_with_a_reason(org: Any) -> None:
    response = logged_in("manager").post(
        "/manage/users/new/",
        {"username": "weak", "role": Role.INTAKE_AGENT, "is_active": "on", "password": "12345"},
    )
    assert response.status_code == 400
    assert "密码长度太短。密码必须包含至少 12 个字符。" in response.content.decode()  # in Chinese
    assert not User.objects.filter(username="weak").exists()


def test_only_an_administrator_makes_administrators(org: Any) -> None:
    post = {"username": "boss", "role": Role.ADMINISTRATOR, "is_active": "on"}
    post["password"] = "Hq-admin-2026"
    refused = logged_in("manager").post("/manage/users/new/", post)
    assert refused.status_code == 400  # the role is not even offered to a manager
    assert not User.objects.filter(username="boss").exists()
    form = logged_in("manager").get("/manage/users/new/").content.decode()
    assert 'value="administrator"' not in form
    assert 'value="general_manager"' not in form
    assert logged_in("admin").post("/manage/users/new/", post).status_code == 302
    assert User.objects.get(username="boss").is_superuser  # the Django admin comes with it


@pytest.mark.parametrize("username", ["admin", "gm", "discipline"])
def test_a_manager_cannot_take_over_accounts_above_the_office(org: Any, username: str) -> None:
    target = org[username]
    response = logged_in("manager").post(
        f"/manage/users/{target.pk}/",
        {"username": username, "role": target.role, "is_active": "on", "password": "Taken-ov-2026"},
    )
    assert response.status_code == 400
    assert "只有系统管理员可以创建或修改" in response.content.decode()
    target.refresh_from_db()
    assert target.check_password("pw-123456")  # the password stayed


def test_a_manager_cannot_raise_an_office_account(org: Any) -> None:
    agent = org["agent"]
    response = logged_in("manager").post(
        f"/manage/users/{agent.pk}/",
        {"username": "agent", "role": Role.GENERAL_MANAGER, "is_active": "on"},
    )
    assert response.status_code == 400
    agent.refresh_from_db()
    assert agent.role == Role.INTAKE_AGENT


def test_a_manager_changes_an_office_account(org: Any) -> None:
    agent = org["agent"]
    response = logged_in("manager").post(
        f"/manage/users/{agent.pk}/",
        {"username": "agent", "full_name": "李晓燕", "role": Role.SUPERVISOR,
         "department": org.cs.pk, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.role == Role.SUPERVISOR
    assert agent.check_password("pw-123456")  # an empty password field keeps the password
    [entry] = _log_of(agent)
    assert "角色" in entry.change_message


def test_nobody_deactivates_themselves(org: Any) -> None:
    manager = org["manager"]
    response = logged_in("manager").post(
        f"/manage/users/{manager.pk}/",
        {"username": "manager", "role": Role.CS_MANAGER, "department": org.cs.pk},
    )
    assert response.status_code == 400
    assert "不能停用自己的账户" in response.content.decode()
    manager.refresh_from_db()
    assert manager.is_active


def test_a_department_moves_with_everything_below_it(org: Any) -> None:
    client = logged_in("manager")
    response = client.post(
        f"/manage/departments/{org.after_sales.pk}/",
        {"name": "售后服务部", "code": "after-sales", "parent": org.quality.pk, "is_active": "on",
         "sort_order": 0},
    )  # fmt: skip
    assert response.status_code == 302
    org.install.refresh_from_db()
    assert org.install.path.startswith(org.quality.path)
    loop = client.post(
        f"/manage/departments/{org.after_sales.pk}/",
        {"name": "售后服务部", "code": "after-sales", "parent": org.install.pk, "sort_order": 0},
    )
    assert loop.status_code == 400
    assert "不能将部门设为其自身的下级部门" in loop.content.decode()
    made = client.post("/manage/departments/new/", {"name": "投诉中心", "code": "centre",
                                                    "parent": org.hq.pk, "sort_order": 1,
                                                    "is_active": "on"})  # fmt: skip
    assert made.status_code == 302
    centre = Department.objects.get(code="centre")
    assert centre.path == f"{org.hq.path}{centre.pk}/"


def test_a_delegation_is_added_and_ended(org: Any) -> None:
    client = logged_in("manager")
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        refused = client.post(
            "/manage/delegations/",
            {"delegator": org["supervisor"].pk, "delegate": org["agent"].pk,
             "starts_at": "2026-12-02T09:00", "ends_at": "2026-12-01T09:00", "reason": "休假"},
        )  # fmt: skip
        assert refused.status_code == 400
        assert "委托结束时间须晚于开始时间" in refused.content.decode()
        assert not Delegation.objects.exists()
        made = client.post(
            "/manage/delegations/",
            {"delegator": org["supervisor"].pk, "delegate": org["agent"].pk,
             "starts_at": "2026-12-01T08:00", "ends_at": "2026-12-08T18:00", "reason": "年假"},
        )  # fmt: skip
        assert made.status_code == 302
        delegation = Delegation.objects.get()
        page = client.get("/manage/delegations/").content.decode()
        assert "年假" in page
        assert "生效中" in page
        client.post(f"/manage/delegations/{delegation.pk}/end/")
    delegation.refresh_from_db()
    assert delegation.ends_at == at("2026-12-01 09:00")
    assert [e.is_addition() for e in _log_of(delegation)] == [True, False]


@pytest.mark.parametrize(
    ("delegator", "delegate", "message"),
    [
        ("gm", "manager", "不能把自己设为受托人"),
        ("gm", "agent", "只有系统管理员（或本人请假时）可以委托"),
        ("discipline", "analyst", "只有系统管理员（或本人请假时）可以委托"),
    ],
)
def test_a_manager_cannot_borrow_or_lend_roles_above_the_office(
    org: Any, delegator: str, delegate: str, message: str
) -> None:
    response = logged_in("manager").post(
        "/manage/delegations/",
        {"delegator": org[delegator].pk, "delegate": org[delegate].pk,
         "starts_at": "2026-12-01T08:00", "ends_at": "2026-12-08T18:00", "reason": "出差"},
    )  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_manager_lends_their_own_role_while_away(org: Any) -> None:
    response = logged_in("manager").post(
        "/manage/delegations/",
        {"delegator": org["manager"].pk, "delegate": org["supervisor"].pk,
         "starts_at": "2026-12-01T08:00", "ends_at": "2026-12-08T18:00", "reason": "年假"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Delegation.objects.filter(delegator=org["manager"]).exists()


@pytest.mark.parametrize("moment", ["0001-01-01T00:00", "1999-12-31T23:00", "9999-12-31T23:59"])
def test_a_delegation_outside_the_supported_years_is_refused(org: Any, moment: str) -> None:
    response = logged_in("manager").post(
        "/manage/delegations/",
        {"delegator": org["supervisor"].pk, "delegate": org["agent"].pk,
         "starts_at": moment, "ends_at": "2026-12-08T18:00", "reason": "出差"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "2000" in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_policy_amount_beyond_ten_years_is_refused(org: Any) -> None:
    policy = DeadlinePolicy.objects.get(code="platform_default")
    response = logged_in("manager").post(
        f"/manage/policies/{policy.pk}/", _policy_post(policy, resolution_amount=5000)
    )
    assert response.status_code == 400
    policy.refresh_from_db()
    assert policy.resolution_amount == 15


def test_a_planned_delegation_is_withdrawn(org: Any) -> None:
    client = logged_in("manager")
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        client.post(
            "/manage/delegations/",
            {"delegator": org["head"].pk, "delegate": org["handler"].pk,
             "starts_at": "2026-12-10T08:00", "ends_at": "2026-12-20T18:00", "reason": "出差"},
        )  # fmt: skip
        delegation = Delegation.objects.get()
        client.post(f"/manage/delegations/{delegation.pk}/end/")
    assert not Delegation.objects.exists()
    assert [e.is_deletion() for e in _log_of(delegation)] == [False, True]


def test_the_change_log_names_who_changed_what(org: Any) -> None:
    client = logged_in("manager")
    client.post(f"/manage/calendar/{date(2026, 12, 4)}/")
    page = client.get("/manage/history/").content.decode()
    assert "赵敏" in page
    assert "2026-12-04" in page
    assert "工作日：工作日 → 休息日" in page  # the old and the new value, not only the field


def test_the_calendar_reads_naturally_in_english(org: Any) -> None:
    page = logged_in("manager", "en").get("/manage/calendar/?year=2026&month=10").content.decode()
    assert "Working-day calendar" in page
    assert "National Day" in page  # the holiday's name in the language of the page
    assert "Adjusted working day" in page  # 10 October, the 调休 Saturday
    assert "Loaded years: " in page
    assert "：" not in page.split("<main>", 1)[1]  # no full-width marks in English text


def test_policy_amounts_are_written_in_words_in_both_languages(org: Any) -> None:
    chinese = logged_in("manager").get("/manage/policies/").content.decode()
    english = logged_in("manager", "en").get("/manage/policies/").content.decode()
    assert "15个工作日" in chinese
    assert "30个自然日" in chinese
    assert "15 working days" in english
    assert "1 working day<" in english  # singular for one


def test_a_delegate_of_the_manager_finds_and_uses_the_settings(org: Any) -> None:
    from kesu.org.services import create_delegation

    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        create_delegation(
            delegator=org["manager"], delegate=org["supervisor"], reason="经理年假",
            starts_at=at("2026-12-01 08:00"), ends_at=at("2026-12-08 18:00"),
        )  # fmt: skip
        client = logged_in("supervisor")
        assert 'href="/manage/"' in client.get("/").content.decode()
        assert client.get("/manage/reasons/").status_code == 200
    with time_machine.travel(at("2026-12-09 09:00"), tick=False):
        client = logged_in("supervisor")
        assert 'href="/manage/"' not in client.get("/").content.decode()
        assert client.get("/manage/reasons/").status_code == 403


def test_a_policy_refuses_zero_and_a_first_contact_after_the_resolution(org: Any) -> None:
    # New-user review D11: 0 days and 20 working days of first contact against 15 were saved.
    policy = DeadlinePolicy.objects.get(code="platform_default")
    manager = logged_in("manager")
    zero = manager.post(f"/manage/policies/{policy.pk}/", _policy_post(policy, contact_amount=0))
    assert zero.status_code == 400
    assert "至少填1" in zero.content.decode()
    late = manager.post(f"/manage/policies/{policy.pk}/", _policy_post(policy, contact_amount=20))
    assert late.status_code == 400
    assert "不能晚于办结时限：最多15" in late.content.decode()
    policy.refresh_from_db()
    assert policy.contact_amount == 7


def test_the_policy_form_speaks_in_words(org: Any) -> None:
    # D18: no "---------", the pause help above its list, the category picker is 分类, a tree.
    policy = DeadlinePolicy.objects.get(code="platform_default")
    page = logged_in("manager").get(f"/manage/policies/{policy.pk}/").content.decode()
    assert "---------" not in page
    assert "任何类型" in page
    assert "受理计时起点" in page
    assert "投诉收到时" in page
    assert page.index("都不勾选：不能暂停计时。") < page.index('value="waiting_customer"')
    assert ">分类<" in page
    assert "\u3000" in page.split('name="category"')[1].split("</select>")[0]  # indented tree


def test_a_policy_change_recalculates_its_open_cases_on_request(org: Any) -> None:
    from kesu.cases.models import CaseEvent

    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        case = register(org["agent"], at("2026-11-02 09:00"))
    policy = DeadlinePolicy.objects.get(code="platform_default")
    manager = logged_in("manager")
    DeadlinePolicy.objects.filter(pk=policy.pk).update(acceptance_amount=3)
    page = manager.get(f"/manage/policies/{policy.pk}/").content.decode()
    assert "重新计算1件案件" in page
    url = f"/manage/policies/{policy.pk}/recalculate/"
    with time_machine.travel(at("2026-11-02 10:00"), tick=False):
        refused = manager.post(url, {"note": ""}, follow=True)
    assert "请填写重新计算时限的原因" in refused.content.decode()
    with time_machine.travel(at("2026-11-02 10:00"), tick=False):
        done = manager.post(url, {"note": "受理时限改为3个工作日"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.acceptance_due == at("2026-11-05 23:59:59")
    event = CaseEvent.objects.get(case=case, action="recalculate_deadlines")
    assert event.note == "受理时限改为3个工作日"
    assert event.changes["acceptance_due"][0].startswith("2026-11-03")
