"""The customer portal in a real browser at a phone's size (390×844): a customer complains with a
photo, gets the number, tracks the case with the one-time code from the SMS, adds evidence, and
rates the handling once staff have answered; the wrong-code lock and the rate limit show their
messages in Chinese and in English. With KESU_UPDATE_SCREENSHOTS=1 the pictures go to
docs/screenshots/portal-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kesu.cases.models import Case, CaseRating
from tests.cases.test_attachments import PNG
from tests.e2e.pages import OPEN
from tests.notify.sms import RecordingSmsGateway
from tests.portal.conftest import handle_to_answer

pytestmark = pytest.mark.browser

PHONE_SIZE = (390, 844)
MOBILE = "13900001111"


@pytest.fixture
def sms(settings: Any) -> Iterator[list[tuple[str, str]]]:
    settings.KESU_SMS_GATEWAY = "tests.notify.sms.RecordingSmsGateway"
    RecordingSmsGateway.sent.clear()
    yield RecordingSmsGateway.sent
    RecordingSmsGateway.sent.clear()


def customer(chromium: Any, base: str, language: str) -> Any:
    """A phone's browser, no login, asking for `language`."""
    context = chromium.new_context(
        locale="en-US" if language == "en" else "zh-CN",
        viewport={"width": PHONE_SIZE[0], "height": PHONE_SIZE[1]},
        has_touch=True,
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    OPEN.append(context)
    return context.new_page()


def fits(page: Any) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: page {width}px wide in a {inner}px window"


def code_from(sms: list[tuple[str, str]]) -> str:
    return re.findall(r"\b(\d{6})\b", sms[-1][1])[-1]


def fill_complaint(
    page: Any, photo: Path | None, facts: str = "新买的冰箱不制冷，已报修两次。"
) -> None:
    page.fill("#id_name", "林小姐")
    page.fill("#id_phone", MOBILE)
    page.fill("#id_product", "BCD-520 冰箱")
    page.fill("#id_order_number", "JD20261120001")
    page.fill("#id_amount", "4599")
    page.fill("#id_facts", facts)
    page.fill("#id_demand", "换货")
    if photo is not None:
        page.set_input_files("#id_evidence", str(photo))
    page.check("#id_privacy_consent")


def ask_code(page: Any, base: str, number: str) -> None:
    page.goto(f"{base}/portal/track/")
    page.fill("#id_number", number)
    page.fill("#id_phone", MOBILE)
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_a_customer_complains_tracks_adds_evidence_and_rates(  # noqa: PLR0917 — fixtures
    chromium: Any, live_server: Any, org: Any, sms: list[tuple[str, str]], screenshot_dir: Path,
    tmp_path: Path,
) -> None:  # fmt: skip
    base = live_server.url
    photo = tmp_path / "冰箱.png"
    photo.write_bytes(PNG)
    page = customer(chromium, base, "zh-hans")
    page.goto(f"{base}/portal/")
    fits(page)
    page.screenshot(path=str(screenshot_dir / "portal-home.png"))
    with page.expect_navigation():
        page.click("text=提交投诉")
    fill_complaint(page, photo)
    fits(page)
    page.screenshot(path=str(screenshot_dir / "portal-complain.png"), full_page=True)
    with page.expect_navigation():
        page.click("button[type=submit]")
    number = page.inner_text("#case-number").strip()
    case = Case.objects.get(number=number)
    assert [a.original_name for a in case.attachments.all()] == ["冰箱.png"]
    assert "受理" in page.inner_text("main")
    fits(page)
    page.screenshot(path=str(screenshot_dir / "portal-submitted.png"))

    ask_code(page, base, number)
    assert "验证码" in page.inner_text("main")
    page.fill("#id_code", code_from(sms))
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url.endswith("/portal/case/")
    assert number in page.inner_text("h1")

    page.fill("#id_text", "补充：发票照片见附件。")
    invoice = tmp_path / "发票.png"
    invoice.write_bytes(PNG + b"invoice")
    page.set_input_files("#id_add_evidence", str(invoice))
    with page.expect_navigation():
        page.click("#add button[type=submit]")
    assert "已添加到您的案件" in page.inner_text(".portal-messages")
    assert case.events.filter(action="customer_addition").exists()
    assert case.attachments.filter(original_name="发票.png").exists()

    handle_to_answer(org, Case.objects.get(pk=case.pk))
    page.reload()
    assert "同意为您换货" in page.inner_text("#answer")
    page.check("#id_result_1")  # the second choice: 4
    page.check("#id_process_0")  # the first: 5
    page.fill("#id_comment", "处理及时。")
    fits(page)
    page.screenshot(path=str(screenshot_dir / "portal-case.png"), full_page=True)
    with page.expect_navigation():
        page.click("#rate button[type=submit]")
    assert "感谢您的评价" in page.inner_text(".portal-messages")
    rating = CaseRating.objects.get(case=case)
    assert (rating.result, rating.process) == (4, 5)
    text = page.inner_text("main")
    for hidden in ("内部备注", "张伟", "售后服务部"):
        assert hidden not in text


@pytest.mark.parametrize(
    ("language", "lock_words", "limit_words"),
    [
        ("zh-hans", "验证码错误次数过多", "请求过于频繁"),
        ("en", "Too many wrong codes", "Too many requests"),
    ],
)
def test_the_wrong_code_lock_and_the_rate_limit_say_so(  # noqa: PLR0917 — fixtures
    chromium: Any, live_server: Any, org: Any, sms: list[tuple[str, str]], settings: Any,
    screenshot_dir: Path, language: str, lock_words: str, limit_words: str,
) -> None:  # fmt: skip
    settings.KESU_PORTAL_CODE_TRIES = 2
    settings.KESU_PORTAL_RATE_LIMITS = settings.KESU_PORTAL_RATE_LIMITS | {
        "complaint_address": (1, 10**9)  # one complaint; one window: no boundary mid-test
    }
    base = live_server.url
    page = customer(chromium, base, language)
    page.goto(f"{base}/portal/complain/")
    fill_complaint(page, None)
    with page.expect_navigation():
        page.click("button[type=submit]")
    number = page.inner_text("#case-number").strip()

    ask_code(page, base, number)
    for _ in range(2):
        page.fill("#id_code", "000000" if code_from(sms) != "000000" else "111111")
        with page.expect_navigation():
            page.click("button[type=submit]")
    assert lock_words in page.inner_text(".portal-alert")
    fits(page)
    suffix = "" if language == "zh-hans" else "-en"
    page.screenshot(path=str(screenshot_dir / f"portal-locked{suffix}.png"))

    page.goto(f"{base}/portal/complain/")
    fill_complaint(page, None, facts="另一件事：洗衣机漏水。")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert limit_words in page.inner_text(".portal-alert")
    fits(page)
    page.screenshot(path=str(screenshot_dir / f"portal-rate-limit{suffix}.png"))
