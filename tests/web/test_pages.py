"""Login, the staff home page, language switching and the Chinese administration."""

from typing import Any

from django.test import Client

from tests.conftest import at
from tests.factories import register


def logged_in(username: str, language: str = "zh-hans") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/accounts/login/", {"username": username, "password": "pw-123456"})
    assert response.status_code == 302, response.content.decode()
    return client


def test_home_requires_login(db: Any) -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_login_page_is_chinese_by_default(db: Any) -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert "登录" in page
    assert 'lang="zh-hans"' in page


def test_home_shows_what_needs_the_user_today(org: Any, django_assert_max_num_queries: Any) -> None:
    import time_machine

    from kesu.domain.vocabulary import Action
    from tests.factories import act, assigned

    late = assigned(org, "2026-11-02")  # first contact due 11 Nov: late on the 24th
    fresh = assigned(org, "2026-11-23", complainant_name="客户新")
    act(fresh, org["handler"], Action.LOG_CONTACT, at("2026-11-23 12:00"), note="已联系。")
    act(fresh, org["handler"], Action.SUBMIT_PLAN, at("2026-11-23 13:00"), plan="维修。")
    waiting = register(org["agent"], at("2026-11-24 08:00"), complainant_name="客户待分")
    act(waiting, org["agent"], Action.ACCEPT, at("2026-11-24 08:05"))
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        handler = logged_in("handler")
        with django_assert_max_num_queries(20):
            page = handler.get("/").content.decode()
        supervisor_page = logged_in("supervisor").get("/").content.decode()
    assert "我承办的未结案件" in page or "我的未结案件" in page
    assert late.number in page
    assert "待我审批" not in page  # a handler approves nothing
    assert fresh.number in supervisor_page  # its plan waits for the supervisor
    assert waiting.number in supervisor_page  # accepted, waiting to be assigned


def test_an_analyst_sees_masked_names(org: Any) -> None:
    register(org["agent"], at("2026-11-23 09:00"))  # its acceptance clock ran out on the 24th
    page = logged_in("analyst").get("/").content.decode()
    assert "王*" in page
    assert "王丽" not in page


def test_english_is_available(org: Any) -> None:
    page = logged_in("agent", language="en").get("/").content.decode()
    assert "My open cases" in page
    assert "Intake agent" in page


def test_the_administration_speaks_chinese(org: Any) -> None:
    admin = org["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = logged_in("admin")
    index = client.get("/admin/").content.decode()
    assert "工作日历" in index or "日历" in index
    assert "时限规则" in index
    assert client.get("/admin/deadlines/calendarday/").status_code == 200
    assert client.get("/admin/cases/category/").status_code == 200
    assert client.get("/admin/org/user/").status_code == 200


def test_repeated_wrong_passwords_lock_the_user_name(org: Any) -> None:
    client = Client()
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "agent", "password": "wrong"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    # Even the right password is refused while locked; another user is not affected.
    locked = Client().post("/accounts/login/", {"username": "agent", "password": "pw-123456"})
    assert locked.status_code == 429
    other = Client().post("/accounts/login/", {"username": "supervisor", "password": "pw-123456"})
    assert other.status_code == 302
