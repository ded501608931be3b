"""In a real browser: an agent registers a phone complaint with the keyboard alone, the
supervisor assigns it from the queue, the handler and supervisor walk it to closure, and a
handler of another department is told the case is not found. Screenshots of the main pages
go to docs/screenshots/ (the README shows them)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from kesu.core.labels import label
from kesu.domain.vocabulary import Action
from tests.e2e.pages import login, tab_to

pytestmark = pytest.mark.browser


def labels() -> dict[Action, str]:
    with translation.override("zh-hans"):
        return {action: str(label(action)) for action in Action}


def act(page: Any, action: Action, **fields: str) -> None:
    """Open the action's form on the case page, fill it and submit."""
    name = labels()[action]
    box = page.locator("details.action", has=page.locator("summary", has_text=name)).first
    box.locator("summary").click()
    for field, value in fields.items():
        control = box.locator(f"[name={action.value}-{field}]")  # forms are prefixed per action
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation():
        box.locator("button[type=submit]").click()


def test_a_phone_complaint_from_the_keyboard_to_closure(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path
) -> None:
    base = live_server.url
    agent = login(chromium, base, "agent")

    # Hotline entry, keyboard only: the phone field has the focus when the page opens.
    agent.goto(f"{base}/cases/new/")
    assert agent.evaluate("document.activeElement.name") == "complainant_phone"
    agent.keyboard.type("13812345678")
    tab_to(agent, "complainant_name")
    agent.keyboard.type("王丽")
    tab_to(agent, "facts")
    agent.keyboard.type("空调报修后师傅三次爽约，至今未上门维修。")
    tab_to(agent, "demand")
    agent.keyboard.type("要求三天内上门维修并赔礼道歉。")
    tab_to(agent, "subject_product")
    agent.keyboard.type("华联KFR-35GW 挂式空调")
    tab_to(agent, "category-search")  # the category picker: pinyin initials, then Enter
    agent.keyboard.type("wxbjs")
    agent.keyboard.press("Enter")
    assert agent.evaluate("document.querySelector('[name=category]').value") == (
        "after_sales_repair_delay"
    )
    agent.screenshot(path=str(screenshot_dir / "hotline-entry.png"))
    with agent.expect_navigation():
        agent.keyboard.press("Control+Enter")
    confirmation = agent.locator("body").inner_text()
    number = re.search(r"投诉编号\s*(\d{9,})", confirmation)
    assert number, confirmation
    number_text = number.group(1)
    assert "前答复" in confirmation  # the promised date to read to the customer
    agent.screenshot(path=str(screenshot_dir / "hotline-saved.png"))

    supervisor = login(chromium, base, "supervisor")
    assert number_text in supervisor.locator("#assign").inner_text()  # waiting to be assigned
    supervisor.screenshot(path=str(screenshot_dir / "home.png"))
    supervisor.goto(f"{base}/cases/")
    assert number_text in supervisor.locator("table").inner_text()
    supervisor.screenshot(path=str(screenshot_dir / "queue.png"))
    supervisor.click(f"text={number_text}")
    supervisor.wait_for_url(f"{base}/cases/{number_text}/")
    act(supervisor, Action.ASSIGN, department="after-sales", handler="handler", note="请尽快上门。")
    assert "已分派" in supervisor.locator("body").inner_text()

    handler = login(chromium, base, "handler")
    handler.goto(f"{base}/notifications/")  # the assignment reached the handler
    assert number_text in handler.locator("main").inner_text()
    handler.screenshot(path=str(screenshot_dir / "notifications.png"))
    handler.goto(f"{base}/cases/{number_text}/")
    assert handler.locator(".unread-count").count() == 0  # opening the case read its notice
    act(handler, Action.LOG_CONTACT, method="phone", note="已电话联系客户，约定明日上门。")
    act(handler, Action.SUBMIT_PLAN, plan="免费更换电容并赠送一次清洗服务。", method="repair")
    supervisor.goto(f"{base}/cases/{number_text}/")
    act(supervisor, Action.APPROVE_PLAN, note="同意。")
    handler.goto(f"{base}/cases/{number_text}/")
    act(handler, Action.ANSWER, answer="已上门更换电容，空调恢复正常。")
    agent.goto(f"{base}/cases/{number_text}/")
    act(agent, Action.CONFIRM, note="回访：客户满意。")
    page_text = agent.locator("body").inner_text()
    assert "已结案" in page_text
    assert "方式：电话" in page_text  # the contact method, in words
    assert "working_days" not in page_text
    assert labels()[Action.CONFIRM] not in agent.locator("details.action summary").all_inner_texts()
    agent.screenshot(path=str(screenshot_dir / "case-closed.png"), full_page=True)

    outsider = login(chromium, base, "quality")
    response = outsider.goto(f"{base}/cases/{number_text}/")
    assert response is not None
    assert response.status == 404
