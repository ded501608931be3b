"""A deliberation 合议 walked in a real browser at a phone's width (390×844) and a laptop's
(1366×900): the supervisor convenes it for a major case (time, place, participants, evidence),
records the minutes and confirms their opinion; the handler confirms theirs on their own
login; the supervisor records the decision; the archive lists it. Every page fits the window.
With KESU_UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kesu.cases.services.attachments import add_attachment
from kesu.core import clock
from kesu.core.clock import local
from kesu.domain.vocabulary import Severity
from kesu.org.access import authority_of
from tests.cases.test_attachments import PNG
from tests.e2e.pages import login
from tests.e2e.test_phone_and_wide_in_the_browser import fits, reachable
from tests.factories import assigned

pytestmark = pytest.mark.browser

PHONE, LAPTOP = (390, 844), (1366, 900)


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1366"])
def test_a_deliberation_is_walked_through_its_form(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path, size: tuple[int, int]
) -> None:
    prefix = "phone-" if size == PHONE else ""
    base = live_server.url
    case = assigned(org, "2026-11-02", severity=Severity.MAJOR, facts="五位客户联名投诉空调漏水。")
    now = clock.now()
    add_attachment(
        case_id=case.pk,
        upload=SimpleUploadedFile("漏水照片.png", PNG, content_type="image/png"),
        authority=authority_of(org["handler"], now=now),
        now=now,
    )
    meeting = local(now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")

    chair = login(chromium, base, "supervisor", size=size)
    chair.goto(f"{base}/cases/{case.number}/")
    convene = chair.get_by_role("link", name="召集合议（重大案件）")
    reachable(chair, convene)
    convene.click()
    chair.wait_for_url(f"**/cases/{case.number}/deliberations/new/")
    chair.fill("#id_meeting_at", meeting)
    chair.fill("#id_place", "三楼第二会议室")
    chair.get_by_label("张伟", exact=False).check()
    chair.get_by_label("赵敏", exact=False).check()
    chair.get_by_label("漏水照片.png").check()
    chair.fill("#id_note", "客户已联系媒体，请提前了解案情。")
    fits(chair)
    chair.screenshot(path=str(screenshot_dir / f"{prefix}deliberation-convene.png"), full_page=True)
    submit = chair.get_by_role("button", name="安排会议并通知与会人员")
    reachable(chair, submit)
    submit.click()
    chair.wait_for_url("**/deliberations/*/")
    assert "已安排会议" in chair.content()

    chair.get_by_text("记录会议内容", exact=True).first.click()
    chair.fill("#id_minutes-text", "会议讨论了退货与补偿方案，厂家承担主要责任。")
    chair.get_by_role("button", name="记录会议内容").click()
    chair.wait_for_load_state()
    chair.get_by_text("确认我的意见（签名）", exact=True).first.click()
    chair.fill("#id_opinion-text", "同意退货并补偿。")
    chair.get_by_role("button", name="确认我的意见（签名）").click()
    chair.wait_for_load_state()
    assert "同意退货并补偿。" in chair.content()
    deliberation_url = chair.url

    for username, opinion in (("handler", "建议厂家承担60%，我司承担40%。"), ("manager", "同意。")):
        person = login(chromium, base, username, size=size)
        person.goto(deliberation_url)
        person.get_by_text("确认我的意见（签名）", exact=True).first.click()
        person.fill("#id_opinion-text", opinion)
        person.get_by_role("button", name="确认我的意见（签名）").click()
        person.wait_for_load_state()
        assert opinion in person.content()
        assert "确认我的意见（签名）" not in person.content()  # signed once

    chair.reload()
    chair.get_by_text("记录最终决定", exact=True).first.click()
    chair.fill("#id_decide-text", "退货退款；厂家承担60%，我司承担40%。")
    fits(chair)
    chair.screenshot(path=str(screenshot_dir / f"{prefix}deliberation.png"), full_page=True)
    chair.get_by_role("button", name="记录最终决定").click()
    chair.wait_for_load_state()
    assert "已决定" in chair.content()
    record = chair.get_by_role("link", name="投诉案件合议记录表（PDF）")
    reachable(chair, record)

    chair.goto(f"{base}/deliberations/")
    assert case.number in chair.content()
    assert "3/3" in chair.content()
    fits(chair)
    chair.screenshot(path=str(screenshot_dir / f"{prefix}deliberation-archive.png"), full_page=True)
