"""Open311 keys: issued by the command (shown once, only the hash kept), revoked in the Django
admin, after which the key posts nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kesu.open311.models import Open311Key
from kesu.open311.services import hash_key
from tests.cases.test_history_admin import superuser

POST = {"service_code": "after_sales_repair_delay", "description": "空调坏了"}


def issue(name: str) -> str:
    out = io.StringIO()
    call_command("issue_open311_key", name, stdout=out)
    return out.getvalue().strip()


def test_the_command_prints_a_key_and_stores_only_its_hash(org: Any) -> None:
    raw = issue("顺德区12345热线")
    key = Open311Key.objects.get()
    assert raw.startswith("o311_")
    assert key.key_hash == hash_key(raw)
    assert raw not in {key.key_hash, key.prefix, key.name}
    assert raw.startswith(key.prefix)
    assert issue("顺德区12345热线") != raw  # a second key for the same client is a new key
    with pytest.raises(CommandError):
        issue(" ")


def test_a_key_revoked_in_the_admin_posts_nothing_more(org: Any) -> None:
    raw = issue("12345")
    client = Client()
    assert client.post("/open311/v2/requests.json", POST | {"api_key": raw}).status_code == 201
    admin = superuser(org, "admin")
    listing = admin.get("/admin/open311/open311key/").content.decode()
    assert "12345" in listing
    assert raw not in listing
    assert admin.get("/admin/open311/open311key/add/").status_code == 403
    key = Open311Key.objects.get()
    done = admin.post(
        "/admin/open311/open311key/",
        {"action": "revoke", "_selected_action": [str(key.pk)]},
    )
    assert done.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    again = client.post(
        "/open311/v2/requests.json", POST | {"api_key": raw, "description": "又坏了"}
    )
    assert again.status_code == 403
    assert again.json()[0]["code"] == 403
