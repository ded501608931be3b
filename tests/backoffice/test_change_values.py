"""D11 (change log and calendar): the settings change log shows old and new values; a calendar
day flip asks first (HTMX prompt) with an optional reason, and the month's totals come back
with the cell, so they are right without a reload."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote

from kesu.deadlines.models import DeadlinePolicy
from tests.backoffice.test_settings_pages import _policy_post
from tests.web.client import logged_in


def test_the_change_log_shows_what_a_policy_field_was_and_became(org: Any) -> None:
    policy = DeadlinePolicy.objects.get(code="platform_default")
    client = logged_in("manager")
    response = client.post(f"/manage/policies/{policy.pk}/", _policy_post(policy, contact_amount=5))
    assert response.status_code == 302, response.content.decode()
    page = client.get("/manage/history/").content.decode()
    assert re.search(r"：7 → 5", page), page[-2000:]


def test_a_calendar_flip_asks_for_a_reason_and_updates_the_month_totals(org: Any) -> None:
    client = logged_in("manager")
    grid = client.get("/manage/calendar/?year=2026&month=12").content.decode()
    assert "hx-prompt=" in grid  # the browser asks before the whole organisation's day moves
    before = re.search(r"本月：(\d+) 个工作日", grid)
    assert before is not None
    reason = "公司年会，全员休息"
    response = client.post(
        f"/manage/calendar/{date(2026, 12, 4)}/",
        {"year": "2026", "month": "12"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_PROMPT=quote(reason),
        HTTP_HX_PROMPT_URI_AUTOENCODED="true",
    )
    body = response.content.decode()
    assert 'id="month-counts" hx-swap-oob="true"' in body
    assert f"本月：{int(before.group(1)) - 1} 个工作日" in body
    history = client.get("/manage/history/").content.decode()
    assert reason in history
    assert "工作日：工作日 → 休息日" in history
