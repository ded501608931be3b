"""Production settings (security review, finding 12): no start-up with a missing, short or
published secret key; HTTPS settings from the environment; no demo data in production."""

from __future__ import annotations

import runpy
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from config.settings.base import DEVELOPMENT_SECRET_KEY
from kesu.org.models import User

GOOD_KEY = "vJ3q8-Zk1pXw9Lr2tYb6Nc4Hd0Mf7Gs5Ea_Ku8Qo1Wi3Rz6Tj9Ux2Vy5Bn4Cm7Dl0"


def production(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """The production settings module, run afresh under `env`."""
    for name in ("KESU_SECRET_KEY", "KESU_SSL_REDIRECT", "KESU_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("config.settings.production")


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (None, "not set"),
        ("", "not set"),
        (DEVELOPMENT_SECRET_KEY, "published development key"),
        ("short", "too short"),
        ("a" * 80, "too short or too simple"),
    ],
)
def test_production_refuses_an_unfit_secret_key(
    monkeypatch: pytest.MonkeyPatch, key: str | None, reason: str
) -> None:
    env = {} if key is None else {"KESU_SECRET_KEY": key}
    with pytest.raises(ImproperlyConfigured, match=reason):
        production(monkeypatch, **env)


def test_production_starts_with_a_long_random_key(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = production(monkeypatch, KESU_SECRET_KEY=GOOD_KEY)
    assert settings["SECRET_KEY"] == GOOD_KEY
    assert settings["DEBUG"] is False
    assert settings["KESU_PRODUCTION"] is True
    assert settings["SECURE_SSL_REDIRECT"] is False  # off until the site has HTTPS
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_https_redirect_and_hsts_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = production(
        monkeypatch, KESU_SECRET_KEY=GOOD_KEY, KESU_SSL_REDIRECT="1", KESU_HSTS_SECONDS="31536000"
    )
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000


def test_seed_demo_refuses_to_run_under_production_settings(db: Any, settings: Any) -> None:
    settings.KESU_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", "--cases", "1", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_seed_demo_runs_in_production_only_when_told_to(
    db: Any, settings: Any, reference: None
) -> None:
    settings.KESU_PRODUCTION = True
    call_command("seed_demo", "--cases", "1", "--allow-production", stdout=StringIO())
    assert User.objects.filter(username="admin", is_superuser=True).exists()
