"""In a real browser, at 1366 px and on a 390 px phone: discipline (纪检) issues a 整改通知书 on
an upheld finding, the responsible department's head reports, discipline returns it as not
sufficient, the head reports again and discipline verifies it. The case page's history shows
every step; the head never sees the penalty. Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.core import clock
from kesu.decisions.models import PenaltyTier, Rectification
from kesu.decisions.services.accountability import (
    FindingInput,
    decide_penalty,
    load_penalty_presets,
    record_finding,
)
from kesu.org.access import authority_of
from tests.e2e.pages import login
from tests.factories import assigned

pytestmark = pytest.mark.browser
WIDE, PHONE = (1366, 900), (390, 844)


def _upheld_finding(org: Any) -> Any:
    load_penalty_presets()
    case = assigned(org, clock.local(clock.now()).date().isoformat())
    now = clock.now()
    finding = record_finding(
        case=case,
        data=FindingInput(
            department_id=org.after_sales.pk,
            grounds="承办人三次爽约未上门",
            tier_id=PenaltyTier.objects.get(code="tier_1").pk,
            person_id=org["handler"].pk,
            amount=PenaltyTier.objects.get(code="tier_1").fine_min,
        ),
        authority=authority_of(org["discipline"], now=now),
        now=now,
    )
    decide_penalty(
        finding_id=finding.pk,
        approve=True,
        note="同意",
        authority=authority_of(org["manager"], now=now),
        now=now,
    )
    return finding


def test_a_rectification_goes_round_until_verified(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path
) -> None:
    base = live_server.url
    finding = _upheld_finding(org)
    number = finding.case.number
    discipline = login(chromium, base, "discipline", size=WIDE)
    discipline.goto(f"{base}/cases/{number}/accountability/")
    assert "一级" in discipline.locator("main").inner_text()
    discipline.click("text=下发整改通知书")
    discipline.fill("#id_requirement", "建立上门预约与回访制度，组织全员培训。")
    discipline.fill("#id_days", "5")
    discipline.screenshot(path=str(screenshot_dir / "accountability-case.png"), full_page=True)
    with discipline.expect_navigation():
        discipline.click("button:has-text('下发通知书')")
    item = Rectification.objects.get()
    assert discipline.url == f"{base}/rectifications/{item.pk}/"

    head = login(chromium, base, "head", size=PHONE)
    head.goto(f"{base}/rectifications/")
    with head.expect_navigation():
        head.click(f"text={number}")
    head.fill("#id_report", "已组织培训。")
    head.screenshot(path=str(screenshot_dir / "rectification-report-phone.png"), full_page=True)
    with head.expect_navigation():
        head.click("button:has-text('提交报告')")
    assert "整改报告已提交" in head.locator("body").inner_text()

    discipline.reload()
    discipline.check("input[value=returned]")
    discipline.fill("#id_reason", "缺少培训签到记录。")
    with discipline.expect_navigation():
        discipline.click("button:has-text('记录验证结果')")
    assert "已退回责任部门" in discipline.locator("main").inner_text()

    head.reload()
    assert "缺少培训签到记录" in head.locator("main").inner_text()
    head.fill("#id_report", "已组织培训并建立预约制度。")
    head.fill("#id_evidence", "培训签到表、预约登记表")
    with head.expect_navigation():
        head.click("button:has-text('提交报告')")

    discipline.reload()
    discipline.check("input[value=verified]")
    with discipline.expect_navigation():
        discipline.click("button:has-text('记录验证结果')")
    assert "已验证" in discipline.locator("main").inner_text()
    discipline.screenshot(path=str(screenshot_dir / "rectification-verified.png"), full_page=True)
    head.reload()
    head.screenshot(path=str(screenshot_dir / "rectification-verified-phone.png"), full_page=True)

    head.goto(f"{base}/cases/{number}/")
    history = head.locator("main").inner_text()
    for step in ("已登记责任认定", "责任追究已审批", "已下发整改通知书", "已提交整改报告",
                 "整改退回责任部门", "整改已验证"):  # fmt: skip
        assert step in history, step
    assert "一级" not in history
    assert "经济处罚" not in head.locator("body").inner_text()
