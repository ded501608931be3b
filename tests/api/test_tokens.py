"""API tokens: a bad one answers 401 on every method, they expire, and they die when the user's
password changes or the user is deactivated (security review, finding 12)."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from kesu.cases.models import Case
from kesu.domain.vocabulary import Role
from kesu.org.models import ApiToken
from kesu.org.services import issue_api_token
from tests.conftest import PHONE_COMPLAINT, at
from tests.web.client import logged_in


def _bearer(raw: str) -> Client:
    # CSRF enforced, as for a real client (Django's test client skips the check by default).
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post_case(client: Client) -> Any:
    return client.post(
        "/api/v1/cases", data=json.dumps(PHONE_COMPLAINT), content_type="application/json"
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer ksu_wrong"}, {"HTTP_AUTHORIZATION": "Basic eDp5"}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_a_post_without_a_valid_token_answers_401_in_the_json_shape(
    org: Any, headers: dict[str, str]
) -> None:
    response = _post_case(Client(enforce_csrf_checks=True, **headers))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert Case.objects.count() == 0


def test_a_revoked_token_answers_401_on_a_post(org: Any) -> None:
    token, raw = issue_api_token(user=org["agent"], name="t", now=at("2026-11-24 09:00"))
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    response = _post_case(_bearer(raw))
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_a_logged_in_browser_sending_a_bad_token_is_not_let_in_by_its_session(org: Any) -> None:
    client = logged_in("agent")
    response = client.post(
        "/api/v1/cases",
        data=json.dumps(PHONE_COMPLAINT),
        content_type="application/json",
        headers={"Authorization": "Bearer ksu_wrong"},
    )
    assert response.status_code == 401
    assert client.get("/api/v1/me").status_code == 200  # the session alone still works


def test_a_token_works_until_it_expires(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 09:00"), tick=False):
        token, raw = issue_api_token(user=org["agent"], name="t", now=at("2026-11-24 09:00"))
        assert token.expires_at == at("2026-11-24 09:00") + timedelta(days=90)
    with time_machine.travel(at("2027-02-22 08:59"), tick=False):
        assert _bearer(raw).get("/api/v1/me").status_code == 200
    with time_machine.travel(at("2027-02-22 09:00"), tick=False):
        response = _bearer(raw).get("/api/v1/me")
        assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_the_default_lifetime_is_a_setting(org: Any, settings: Any) -> None:
    settings.KESU_API_TOKEN_DAYS = 7
    token, _raw = issue_api_token(user=org["agent"], name="t", now=at("2026-11-24 09:00"))
    assert token.expires_at == at("2026-12-01 09:00")


def test_a_new_password_kills_the_tokens_issued_before_it(org: Any) -> None:
    user = org["agent"]
    _token, old = issue_api_token(user=user, name="t")
    user.set_password("a-new-password-2026")
    user.save()
    assert _bearer(old).get("/api/v1/me").status_code == 401
    _token, new = issue_api_token(user=user, name="t")
    assert _bearer(new).get("/api/v1/me").status_code == 200


def test_a_password_set_under_settings_kills_the_tokens(org: Any) -> None:
    agent = org["agent"]
    _token, raw = issue_api_token(user=agent, name="t")
    response = logged_in("manager").post(
        f"/manage/users/{agent.pk}/",
        {"username": "agent", "role": Role.INTAKE_AGENT, "department": org.cs.pk,
         "is_active": "on", "password": "Another-pass-2026"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    assert _bearer(raw).get("/api/v1/me").status_code == 401


def test_deactivation_revokes_tokens_for_good(org: Any) -> None:
    agent = org["agent"]
    _token, raw = issue_api_token(user=agent, name="t")
    manager = logged_in("manager")
    form = {"username": "agent", "role": Role.INTAKE_AGENT, "department": org.cs.pk}
    assert manager.post(f"/manage/users/{agent.pk}/", form).status_code == 302
    assert _bearer(raw).get("/api/v1/me").status_code == 401
    assert manager.post(f"/manage/users/{agent.pk}/", form | {"is_active": "on"}).status_code == 302
    assert _bearer(raw).get("/api/v1/me").status_code == 401  # reactivation does not revive it
    assert ApiToken.objects.get(user=agent).revoked


def test_issue_token_prints_the_token_and_its_expiry(org: Any) -> None:
    out, err = StringIO(), StringIO()
    with time_machine.travel(at("2026-11-24 09:00"), tick=False):
        call_command("issue_token", "agent", "--days", "30", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("ksu_")
    assert "expires 2026-12-24T09:00+08:00" in err.getvalue()
    assert ApiToken.objects.get().expires_at == at("2026-12-24 09:00")


@pytest.mark.parametrize("days", ["0", "-1", "100000"])
def test_issue_token_refuses_a_lifetime_out_of_range(org: Any, days: str) -> None:
    with pytest.raises(CommandError, match="1"):
        call_command("issue_token", "agent", "--days", days, stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()
