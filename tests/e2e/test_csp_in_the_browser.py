"""In a real browser, under the Content-Security-Policy: the workspace, HTMX, the keyboard
helpers, the language switch, the settings tree, the Django admin and Swagger UI all work, and
the browser reports no blocked script, style or image."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.domain.vocabulary import Role
from tests.conftest import at
from tests.e2e.pages import login
from tests.factories import register

pytestmark = pytest.mark.browser


def _watch(page: Any) -> list[str]:
    """Every CSP violation the page reports, as text."""
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return violations


def test_pages_work_under_the_content_security_policy(
    chromium: Any, live_server: Any, org: Any
) -> None:
    base = live_server.url
    register(org["agent"], at("2026-11-24 09:00"), complainant_name="赵六")
    admin = org["admin"]
    admin.role, admin.is_staff, admin.is_superuser = Role.ADMINISTRATOR, True, True
    admin.save()

    page = login(chromium, base, "manager")
    seen = _watch(page)
    page.goto(f"{base}/cases/")
    # HTMX: filtering swaps the table in place (the page, and this marker, stay).
    page.evaluate("window.kesuMarker = 1")
    page.select_option("#id_kind", "enquiry")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**kind=enquiry**")
    assert page.evaluate("window.kesuMarker") == 1
    page.goto(f"{base}/manage/departments/")
    indent = page.locator("td.depth-2").first.evaluate("e => getComputedStyle(e).paddingLeft")
    assert indent != page.locator("td.depth-0").first.evaluate(
        "e => getComputedStyle(e).paddingLeft"
    )
    # The language switch posts its form from kesu.js (no inline onchange).
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert "Case queue" in page.locator("header.top").inner_text()
    # Swagger UI renders the operations from its own static files.
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    assert seen == [], seen

    agent = login(chromium, base, "agent")
    seen_agent = _watch(agent)
    agent.goto(f"{base}/cases/new/")
    agent.focus("#id_complainant_name")
    agent.keyboard.press("Enter")  # kesu.js moves on instead of submitting
    assert agent.url == f"{base}/cases/new/"
    assert agent.evaluate("document.activeElement.id") != "id_complainant_name"
    assert seen_agent == [], seen_agent

    staff = login(chromium, base, "admin")
    seen_admin = _watch(staff)
    staff.goto(f"{base}/admin/org/user/")
    staff.wait_for_selector("#result_list")
    assert seen_admin == [], seen_admin
