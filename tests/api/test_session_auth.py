"""The browser session authenticates the API too; unsafe methods need the CSRF token."""

from typing import Any

from django.test import Client

from tests.conftest import PHONE_COMPLAINT


def test_session_login_reaches_the_api_and_posts_need_csrf(org: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(org["agent"])
    assert client.get("/api/v1/me").json()["username"] == "agent"

    refused = client.post("/api/v1/cases", PHONE_COMPLAINT, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"

    client.get("/accounts/login/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    created = client.post(
        "/api/v1/cases",
        PHONE_COMPLAINT,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert created.status_code == 201


def test_an_inactive_users_session_and_token_stop_working(org: Any, api: Any) -> None:
    token_client = api("agent")
    session = Client()
    session.force_login(org["agent"])
    user = org["agent"]
    user.is_active = False
    user.save()
    assert token_client.get("/me").status_code == 401
    assert session.get("/api/v1/me").status_code == 401
