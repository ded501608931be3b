"""Logging in (security review, finding 12): lock-out by user name and by address, sessions that
end when idle, and the password rules for new passwords."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from kesu.demo.seeding import DEMO_PASSWORD
from kesu.domain.vocabulary import Role
from kesu.org.models import User
from tests.conftest import at
from tests.web.client import logged_in


def _login(username: str, password: str, address: str = "10.0.0.1") -> int:
    response = Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": username, "password": password}
    )
    return response.status_code


def test_five_wrong_passwords_lock_the_user_name_from_every_address(org: Any) -> None:
    for n in range(4):
        assert _login("agent", "wrong", address=f"10.0.1.{n}") == 200
    assert _login("agent", "wrong", address="10.0.1.9") == 429  # the fifth locks
    assert _login("agent", "pw-123456", address="10.0.2.1") == 429
    assert _login("supervisor", "pw-123456", address="10.0.1.1") == 302


def test_one_password_tried_across_many_user_names_locks_the_address(
    org: Any, settings: Any
) -> None:
    settings.KESU_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(7):
        assert _login(f"guess{n}", "Password123", address="10.9.9.9") == 200
    assert _login("guess7", "Password123", address="10.9.9.9") == 429  # the eighth locks
    # The address is locked for every user name, even with the right password ...
    refused = Client(REMOTE_ADDR="10.9.9.9").post(
        "/accounts/login/", {"username": "supervisor", "password": "pw-123456"}
    )
    assert refused.status_code == 429
    assert "锁定" in refused.content.decode()
    # ... and the same user logs in from elsewhere.
    assert _login("supervisor", "pw-123456", address="10.9.9.10") == 302


def test_a_call_centre_behind_one_address_is_not_locked_by_a_few_mistakes(org: Any) -> None:
    for n in range(4):  # four agents mistype once each: below both limits
        assert _login(["agent", "supervisor", "handler", "head"][n], "typo", "10.5.5.5") == 200
    assert _login("agent", "pw-123456", address="10.5.5.5") == 302


def test_the_lock_expires_after_the_cool_off(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 09:00"), tick=False):
        for _ in range(5):
            _login("agent", "wrong")
        assert _login("agent", "pw-123456") == 429
    with time_machine.travel(at("2026-11-24 09:16"), tick=False):
        assert _login("agent", "pw-123456") == 302


def test_a_session_ends_after_30_idle_minutes(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 09:00"), tick=False) as clock:
        client = logged_in("agent")
        clock.move_to(at("2026-11-24 09:29"))
        assert client.get("/cases/").status_code == 200  # activity renews the session
        clock.move_to(at("2026-11-24 09:58"))
        assert client.get("/cases/").status_code == 200
        clock.move_to(at("2026-11-24 10:29"))
        response = client.get("/cases/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_idle_limit_is_a_setting(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.parametrize(
    "password",
    [
        "83920174651234",  # only digits
        "Short-2026",  # under 12 characters
        "password1234",  # a common password
        "Lixiaoyan-2026",  # like the user name
    ],
)
def test_weak_new_passwords_are_refused(org: Any, password: str) -> None:
    response = logged_in("manager").post(
        "/manage/users/new/",
        {"username": "lixiaoyan2026", "role": Role.INTAKE_AGENT, "is_active": "on",
         "password": password},
    )  # fmt: skip
    assert response.status_code == 400
    assert not User.objects.filter(username="lixiaoyan2026").exists()


def test_the_demo_password_still_passes_the_rules(org: Any) -> None:
    for user in User.objects.all():
        validate_password(DEMO_PASSWORD, user)  # raises if refused


def test_a_strong_password_passes(org: Any) -> None:
    with pytest.raises(ValidationError):
        validate_password("12345678901234", org["agent"])
    validate_password("Hotline-desk-2026", org["agent"])


def test_the_cool_off_is_15_minutes_by_default(settings: Any) -> None:
    assert timedelta(hours=settings.AXES_COOLOFF_TIME) == timedelta(minutes=15)
