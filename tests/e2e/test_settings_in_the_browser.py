"""In a real browser: the customer-service manager opens the settings pages, switches a day of
the working-day calendar with the keyboard (the cell changes in place), sets up a delegation,
and a hotline agent is refused the settings. Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.deadlines.models import CalendarDay
from kesu.domain.vocabulary import DaySource
from kesu.org.models import Delegation
from tests.e2e.pages import login

pytestmark = pytest.mark.browser


def test_a_manager_keeps_the_calendar_and_delegations(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path
) -> None:
    base = live_server.url
    manager = login(chromium, base, "manager")
    with manager.expect_navigation():
        manager.click("header.top nav >> text=管理设置")
    assert manager.url == f"{base}/manage/"
    manager.screenshot(path=str(screenshot_dir / "settings.png"))

    manager.goto(f"{base}/manage/calendar/?year=2026&month=12")
    assert "2026年12月" in manager.locator("h2.month-title").inner_text()
    friday = manager.locator("#day-2026-12-04")
    assert "班" in friday.inner_text()
    totals = manager.locator("#month-counts").inner_text()
    # The browser asks first; the answer is the optional reason (Chinese: sent URI-encoded).
    manager.once("dialog", lambda dialog: dialog.accept("公司年会"))
    friday.locator("button").focus()  # as if reached with Tab
    manager.keyboard.press("Enter")
    manager.wait_for_selector("#day-2026-12-04.rest.changed")
    assert manager.locator("#month-counts").inner_text() != totals  # no reload needed
    assert "休" in manager.locator("#day-2026-12-04").inner_text()
    assert "已修改" in manager.locator("#day-2026-12-04").inner_text()
    row = CalendarDay.objects.get(day="2026-12-04")
    assert (row.is_working, row.source, row.note) == (False, DaySource.EDITED, "公司年会")
    manager.goto(f"{base}/manage/calendar/?year=2026&month=10")
    manager.screenshot(path=str(screenshot_dir / "settings-calendar.png"), full_page=True)

    manager.goto(f"{base}/manage/policies/")
    assert "平台默认时限" in manager.locator("table").inner_text()
    manager.screenshot(path=str(screenshot_dir / "settings-policies.png"), full_page=True)

    manager.goto(f"{base}/manage/delegations/")
    manager.select_option("#id_delegator", str(org["supervisor"].pk))
    manager.select_option("#id_delegate", str(org["agent"].pk))
    manager.fill("#id_starts_at", "2026-12-01T08:00")
    manager.fill("#id_ends_at", "2026-12-08T18:00")
    manager.fill("#id_reason", "王建国年假，由李晓燕代理。")
    with manager.expect_navigation():
        manager.keyboard.press("Enter")
    assert "委托已保存" in manager.locator("body").inner_text()
    assert Delegation.objects.filter(delegate=org["agent"]).exists()

    manager.goto(f"{base}/manage/history/")
    history = manager.locator("table").inner_text()
    assert "赵敏" in history
    assert "2026-12-04" in history

    agent = login(chromium, base, "agent")
    response = agent.goto(f"{base}/manage/calendar/")
    assert response is not None
    assert response.status == 403
    assert "只有客服部经理和系统管理员可以修改设置" in agent.locator("body").inner_text()
