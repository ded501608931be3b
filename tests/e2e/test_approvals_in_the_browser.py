"""In a real browser at a phone's width (390 px) and a laptop's (1366 px): the approver's queue
待我审批 under the insurer's approval matrix (004 第四条). The supervisor sees only the plans the
matrix gives them, opens one from the queue, reads who must approve and why, and approves it;
the customer-service manager previews "who approves ¥2,000.01?" on the settings page and
rejects a plan with a reason. Screenshots go to docs/screenshots/ (approvals-*.png)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kesu.approvals.services import load_approval_preset
from kesu.cases.models import Case
from kesu.domain.vocabulary import Action, State
from tests.conftest import at
from tests.e2e.pages import login
from tests.factories import act, assigned

pytestmark = pytest.mark.browser

PHONE, LAPTOP = (390, 844), (1366, 900)


def _submitted(org: Any, day: str, amount: str) -> Case:
    case = assigned(org, day)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{day} 13:00"), method="phone", note="联系")
    return act(
        case, org["handler"], Action.SUBMIT_PLAN, at(f"{day} 14:00"), plan="协议部分解约。",
        amount=Decimal(amount), approval_action="surrender", premium_share=Decimal("0.5"),
    )  # fmt: skip


def _open_action(page: Any, name: str) -> Any:
    box = page.locator("details.action", has=page.locator("summary", has_text=name)).first
    box.locator("summary").click()
    return box


@pytest.mark.parametrize("width", ["phone", "wide"])
def test_the_approvers_queue(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path, width: str
) -> None:
    size, suffix = (PHONE if width == "phone" else LAPTOP), width
    base = live_server.url
    load_approval_preset("insurer")
    small = _submitted(org, "2026-11-23", "2000.00")
    _submitted(org, "2026-11-24", "1200.00")
    large = _submitted(org, "2026-11-25", "2000.01")

    supervisor = login(chromium, base, "supervisor", size=size)
    menu = supervisor.locator("header.top details.menu")
    if size == PHONE and menu.get_attribute("open") is None:
        menu.locator("summary").click()
    link = supervisor.locator("header.top nav a", has_text="待我审批")
    assert link.locator(".approval-count").inner_text() == "2"
    with supervisor.expect_navigation():
        link.click()
    assert supervisor.url == f"{base}/approvals/"
    queue = supervisor.locator("table.approvals").inner_text()
    assert small.number in queue
    assert large.number not in queue  # the matrix gives ¥2,000.01 to the CS manager
    assert "第四条(一)1" in queue
    supervisor.screenshot(
        path=str(screenshot_dir / f"approvals-queue-{suffix}.png"), full_page=True
    )

    with supervisor.expect_navigation():
        supervisor.click(f"text={small.number}")
    route = supervisor.locator(".approval-route").inner_text()
    assert "客户投诉主管" in route
    assert "第四条(一)1" in route
    supervisor.screenshot(path=str(screenshot_dir / f"approvals-case-{suffix}.png"), full_page=True)
    box = _open_action(supervisor, "批准方案")
    with supervisor.expect_navigation():
        box.locator("button[type=submit]").click()
    small.refresh_from_db()
    assert small.state == State.PLAN_APPROVED

    manager = login(chromium, base, "manager", size=size)
    manager.goto(f"{base}/manage/approvals/")
    manager.select_option("#id_action", "surrender")
    manager.fill("#id_amount", "2000.01")
    manager.fill("#id_premium_share", "0.5")
    with manager.expect_navigation():
        manager.locator("#preview button[type=submit]").click()
    assert "客服部经理" in manager.locator(".preview-answer").inner_text()
    manager.screenshot(
        path=str(screenshot_dir / f"approvals-settings-{suffix}.png"), full_page=True
    )

    manager.goto(f"{base}/cases/{large.number}/")
    box = _open_action(manager, "退回方案")
    box.locator("[name=reject_plan-note]").fill("超过现金价值部分需补充保单材料。")
    with manager.expect_navigation():
        box.locator("button[type=submit]").click()
    large.refresh_from_db()
    assert large.state == State.IN_PROGRESS
    assert large.events.get(action="reject_plan").note == "超过现金价值部分需补充保单材料。"
