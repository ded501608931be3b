"""In Chromium: the category picker works with the keyboard alone and Enter never submits half
a record; the severity suggestion appears and preselects 重大 unless the agent chose by hand.
Skipped without Debian's chromium, like every browser test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.pages import login, tab_to

pytestmark = pytest.mark.browser


def value(page: Any, name: str) -> str:
    return str(page.evaluate(f"document.querySelector('[name={name}]').value"))


def test_pinyin_initials_arrows_and_enter_pick_a_category(
    chromium: Any, live_server: Any, org: Any
) -> None:
    page = login(chromium, live_server.url, "agent")
    page.goto(f"{live_server.url}/cases/new/")
    tab_to(page, "subject_purchase_date")
    page.keyboard.press("Enter")  # Enter moves on: to the search box, not the hidden select
    assert page.evaluate("document.activeElement.id") == "category-search"
    page.keyboard.type("wxbjs")
    assert page.locator("#category-options [role=option]:visible").count() == 1
    page.keyboard.press("Enter")
    assert value(page, "category") == "after_sales_repair_delay"
    assert page.evaluate("document.activeElement.name") == "kind"  # and on to the next field
    assert "维修不及时" in page.locator("#category-chosen").inner_text()
    page.focus("#category-search")
    page.fill("#category-search", "")
    page.keyboard.type("质量")
    page.keyboard.press("Tab")  # Tab to a result, ArrowDown to the next one, Enter picks
    focused = page.evaluate("document.activeElement.dataset.code")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.dataset.code")
    assert focused
    assert second
    assert focused != second
    page.keyboard.press("Enter")
    assert value(page, "category") == second
    page.focus("#category-search")
    page.fill("#category-search", "")
    page.keyboard.type("zzzzqqq")  # nothing matches: Enter stays, nothing is submitted
    page.keyboard.press("Enter")
    assert page.url.endswith("/cases/new/")
    assert page.evaluate("document.activeElement.id") == "category-search"
    assert page.locator("[data-picker-empty]").is_visible()


def test_the_severity_suggestion_follows_the_criteria_unless_chosen_by_hand(
    chromium: Any, live_server: Any, org: Any
) -> None:
    page = login(chromium, live_server.url, "agent")
    page.goto(f"{live_server.url}/cases/new/")
    suggestion = page.locator("#severity-suggestion")
    assert suggestion.inner_text() == ""
    page.fill("[name=complainant_count]", "6")
    assert suggestion.inner_text() == "建议：重大（5人以上群诉）"
    assert value(page, "severity") == "major"
    page.fill("[name=complainant_count]", "1")
    assert suggestion.inner_text() == ""
    assert value(page, "severity") == "general"  # back to what it was
    page.click("details.criteria > summary")  # folded so the save button stays on screen
    page.locator("[name=major_criteria]").first.check()
    assert suggestion.inner_text().startswith("建议：重大（")
    assert value(page, "severity") == "major"
    page.locator("[name=major_criteria]").first.uncheck()
    page.select_option("[name=severity]", "minor")  # the agent decides
    page.locator("[name=major_criteria]").first.check()
    assert suggestion.inner_text().startswith("建议：重大")
    assert value(page, "severity") == "minor"  # suggested, not imposed
