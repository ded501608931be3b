"""Whistleblowing 举报 in a real browser at a phone's width (390×844): a reporter files an
anonymous report on the portal, writes down the key and the password, follows up with them,
asks a question; the discipline officer (also at 390 px) accepts and answers on the staff page;
the reporter reads the acceptance and the answer through the key. The record keeps no address
and no browser. With KESU_UPDATE_SCREENSHOTS=1 the pictures go to
docs/screenshots/whistleblowing-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from kesu.whistleblowing.models import Message, Report
from tests.e2e.pages import login
from tests.e2e.test_portal_in_the_browser import customer, fits

pytestmark = pytest.mark.browser

PHONE = (390, 844)


def test_an_anonymous_report_is_filed_and_followed_up_with_its_key(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path
) -> None:
    base = live_server.url
    page = customer(chromium, base, "en")
    page.goto(f"{base}/portal/")
    with page.expect_navigation():
        page.click("text=Report misconduct")
    page.fill("#id_facts", "仓库管理员每周五晚私自出货给外部客户，已持续三个月。")
    page.fill("#id_persons_named", "仓库管理员")
    page.select_option("#id_department", "after-sales")
    assert page.is_checked("#id_mode_0")  # anonymous by default
    fits(page)
    page.screenshot(path=str(screenshot_dir / "whistleblowing-report.png"), full_page=True)
    with page.expect_navigation():
        page.click("#report-form button[type=submit]")
    key = page.inner_text("#report-key").strip()
    password = page.inner_text("#report-password").strip()
    assert key.startswith("JB-")
    assert len(password) == 12
    fits(page)
    page.screenshot(path=str(screenshot_dir / "whistleblowing-key.png"), full_page=True)
    page.reload()  # shown once: the password is gone
    assert password not in page.content()

    report = Report.objects.select_related("case").get(key=key)
    assert report.anonymous
    assert not hasattr(report, "identity") or not Report.objects.filter(identity__isnull=False)
    with connection.cursor() as cursor:  # no address of the browser anywhere in the record
        for table in (
            "cases_case",
            "cases_caseevent",
            "whistleblowing_report",
            "whistleblowing_message",
        ):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (fixed names)
            assert "127.0.0.1" not in repr(cursor.fetchall())

    page.goto(f"{base}/portal/report/follow/")
    page.fill("#id_key", key.lower().replace("-", " "))
    page.fill("#id_password", "wrong-password")
    with page.expect_navigation():
        page.click("#follow-form button[type=submit]")
    assert "not right" in page.inner_text("main")
    page.fill("#id_key", key)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("#follow-form button[type=submit]")
    assert page.url.endswith("/portal/report/thread/")
    assert "Received" in page.inner_text("#state")
    page.fill("#id_body", "我可以提供出货单照片，请问如何提交？")
    with page.expect_navigation():
        page.click("#message-form button[type=submit]")
    assert Message.objects.filter(report=report, side=Message.REPORTER).count() == 1

    officer = login(chromium, base, "discipline", size=PHONE, language="en")
    officer.goto(f"{base}/whistleblowing/")
    with officer.expect_navigation():
        officer.click(f"text={report.case.number}")
    assert "Anonymous" in officer.inner_text("#identity")
    with officer.expect_navigation():
        officer.click("text=Accept for investigation")
    officer.fill("#id_body", "请将照片交给纪检室，或在此说明单号。")
    with officer.expect_navigation():
        officer.click("button[value=reply]")
    fits(officer)
    officer.screenshot(path=str(screenshot_dir / "whistleblowing-officer.png"), full_page=True)

    page.reload()
    assert "Accepted" in page.inner_text("#state")
    thread = page.inner_text("#thread")
    assert "请将照片交给纪检室" in thread
    assert "accepted for investigation" in thread
    fits(page)
    page.screenshot(path=str(screenshot_dir / "whistleblowing-thread.png"), full_page=True)
