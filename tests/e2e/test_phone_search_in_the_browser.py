"""In a real browser: searching the queue for a caller's phone number swaps the table in place
and leaves the number out of every address the browser requests (issue 20 part 3); the
hotline's look-up by number works as a POST."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import at
from tests.e2e.pages import login
from tests.factories import register

pytestmark = pytest.mark.browser
PHONE = "13812345678"


def test_a_phone_search_never_reaches_an_address(chromium: Any, live_server: Any, org: Any) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"), complainant_phone=PHONE)
    register(org["agent"], at("2026-11-24 09:30"), complainant_phone="13900001111")
    page = login(chromium, live_server.url, "agent")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/cases/")
    page.evaluate("window.kesuMarker = 1")
    page.fill("#id_q", PHONE)
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**qs=**")
    rows = page.locator("#queue-table tbody tr")
    assert rows.count() == 1
    assert case.number in rows.first.inner_text()
    assert page.evaluate("window.kesuMarker") == 1  # swapped in place
    assert PHONE not in page.url
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("#id_complainant_phone", PHONE)
    page.keyboard.press("End")
    page.keyboard.type(" ")
    page.wait_for_selector(f"#callers >> text={case.number}")
    assert requested
    assert all(PHONE not in url for url in requested)
