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


def test_home_shows_counts_and_latest_cases(org: Any, django_assert_max_num_queries: Any) -> None:
    for index in range(15):
        register(org["agent"], at("2026-11-23 09:00"), complainant_name=f"客户{index}")
    client = logged_in("agent")
    with django_assert_max_num_queries(10):
        page = client.get("/").content.decode()
    assert "李晓燕" in page
    assert "热线接听人员" in page
    assert "客户14" in page
    assert "13812345678" in page


def test_an_analyst_sees_masked_phone_numbers(org: Any) -> None:
    register(org["agent"], at("2026-11-23 09:00"))
    page = logged_in("analyst").get("/").content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page


def test_english_is_available(org: Any) -> None:
    page = logged_in("agent", language="en").get("/").content.decode()
    assert "Open cases" in page
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
