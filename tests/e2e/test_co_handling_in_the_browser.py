"""In a real browser, on a phone (390 px) and a desk (1366 px): the handler asks 质量管理部 for
co-handling on the case page's form (choosing the evidence to share), the supervisor approves,
the quality handler answers on the 协办记录表 form. No sideways scrolling at either width. With
KESU_UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/ (co-handling-*.png)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.cases.services.attachments import add_attachment
from kesu.core import clock
from kesu.decisions.models import CoHandlingTask
from kesu.decisions.services.cohandling import decide_co_handling
from kesu.org.access import authority_of
from tests.e2e.pages import login
from tests.factories import assigned

pytestmark = pytest.mark.browser

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def no_sideways_scroll(page: Any) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#'"
        " + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert width <= inner + 1, (width, inner, wide)


@pytest.mark.parametrize(("size", "prefix"), [((390, 844), "phone-"), ((1366, 900), "")])
def test_request_approve_and_answer_co_handling(  # noqa: PLR0917 — fixtures and parameters
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path,
    size: tuple[int, int], prefix: str,
) -> None:  # fmt: skip
    case = assigned(org, "2026-11-23", facts="客户称压缩机异响，怀疑质量问题。")
    from django.core.files.uploadedfile import SimpleUploadedFile

    add_attachment(
        case_id=case.pk,
        upload=SimpleUploadedFile("现场照片.png", PNG, content_type="image/png"),
        authority=authority_of(org["handler"], now=clock.now()),
        now=clock.now(),
    )
    base = live_server.url
    page = login(chromium, base, "handler", size=size)
    page.goto(f"{base}/cases/{case.number}/")
    page.click("#co-handling-form summary")
    page.select_option("#co-department", "quality")
    page.fill("#co-request", "请出具压缩机质量鉴定意见，五个工作日内反馈。")
    page.check("input[name=attachments]")
    no_sideways_scroll(page)
    page.locator("#co-handling-form").screenshot(
        path=str(screenshot_dir / f"{prefix}co-handling-form.png")
    )
    with page.expect_navigation():
        page.click("#co-handling-form button[type=submit]")
    body = page.locator("body").inner_text()
    assert "质量管理部" in body
    task = CoHandlingTask.objects.get(case=case)
    assert [a.original_name for a in task.shared.all()] == ["现场照片.png"]

    decide_co_handling(
        task_id=task.pk, authority=authority_of(org["supervisor"], now=clock.now()),
        approve=True, note="", now=clock.now(),
    )  # fmt: skip
    quality = login(chromium, base, "quality", size=size)
    quality.goto(f"{base}/co-handling/")
    no_sideways_scroll(quality)
    with quality.expect_navigation():
        quality.click(f"a[href*='{case.number}']")
    quality.fill(f"#answer-{task.pk}", "经检测，压缩机轴承磨损，属质量问题，建议更换。")
    quality.locator(f"#task-{task.pk}").screenshot(
        path=str(screenshot_dir / f"{prefix}co-handling-answer.png")
    )
    no_sideways_scroll(quality)
    with quality.expect_navigation():
        quality.click(f"#task-{task.pk} button[type=submit]")
    task.refresh_from_db()
    assert task.state == "answered"
    assert "轴承磨损" in task.answer
