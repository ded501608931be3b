"""In a real browser at 390 px and 1366 px, in Chinese and English: the caller's return-visit
list 回访 and the questionnaire filled in during the call, and the customer's questionnaire
reached through the link in the SMS — each fits the window, is filled in with taps/clicks, and
the answers are recorded (a happy customer's case closes). Screenshots:
docs/screenshots/visits-*.png (with KESU_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.domain.vocabulary import Action, State
from kesu.visits import services
from kesu.visits.models import Visit
from tests.conftest import at
from tests.e2e.pages import OPEN, login
from tests.e2e.test_phone_and_wide_in_the_browser import LAPTOP, PHONE, fits, reachable
from tests.factories import act, assigned

pytestmark = pytest.mark.browser

WINDOWS = [(size, language) for size in (PHONE, LAPTOP) for language in ("zh-hans", "en")]


def planned(org: Any, n: int) -> Visit:
    case = assigned(org, "2026-11-02", facts=f"第{n}台空调报修后一周无人上门。")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-02 14:00"), note="已联系客户。")
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-02 15:00"), plan="上门维修。")
    act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-02 16:00"))
    act(case, org["handler"], Action.ANSWER, at("2026-11-03 09:00"), answer="已上门修好压缩机。")
    visit = services.plan_case(case_id=case.pk, now=at("2026-11-03 09:05"))
    assert visit is not None
    return visit


def name(size: tuple[int, int], language: str, page: str) -> str:
    width = "phone" if size == PHONE else "wide"
    return f"visits-{page}-{width}{'-en' if language == 'en' else ''}.png"


def test_caller_and_customer_fill_in_the_questionnaire(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path, settings: Any
) -> None:
    settings.KESU_PUBLIC_URL = live_server.url
    base = live_server.url
    for index, (size, language) in enumerate(WINDOWS):
        by_caller, by_customer = planned(org, 2 * index), planned(org, 2 * index + 1)
        page = login(chromium, base, "agent", size=size, language=language)
        if size == PHONE:  # the navigation folds into a menu: 回访 is in it
            page.locator("header.top details.menu summary").click()
        with page.expect_navigation():
            page.click(
                "header.top nav >> text=" + ("Return visits" if language == "en" else "回访")
            )
        page.goto(f"{base}/visits/?show=open")
        fits(page)
        assert by_caller.case.number in page.locator("table.visits").inner_text()
        page.screenshot(path=str(screenshot_dir / name(size, language, "list")), full_page=True)
        with page.expect_navigation():
            page.click(f"table.visits >> text={by_caller.case.number}")
        fits(page)
        page.check("#id_q-result_4")  # 5 · very satisfied
        page.check("#id_q-process_3")
        page.check("#id_q-solved_0")
        page.fill("#id_q-comment", "师傅很专业。")
        reachable(page, page.locator("#questionnaire button[type=submit]"))
        page.screenshot(path=str(screenshot_dir / name(size, language, "call")), full_page=True)
        with page.expect_navigation():
            page.click("#questionnaire button[type=submit]")
        assert page.url.endswith("/visits/")
        assert Case.objects.get(pk=by_caller.case_id).state == State.CLOSED

        customer = chromium.new_context(
            locale="en-US" if language == "en" else "zh-CN",
            viewport={"width": size[0], "height": size[1]},
            has_touch=size[0] < 600,
        )
        OPEN.append(customer)
        phone = customer.new_page()
        phone.goto(services.visit_link(by_customer))
        fits(phone)
        phone.check("#id_result_1")  # 2 · unhappy
        phone.check("#id_process_2")
        phone.check("#id_solved_1")  # not solved
        phone.fill("#id_comment", "空调还是不制冷。")
        reachable(phone, phone.locator("form.questionnaire button[type=submit]"))
        phone.screenshot(path=str(screenshot_dir / name(size, language, "portal")), full_page=True)
        with phone.expect_navigation():
            phone.click("form.questionnaire button[type=submit]")
        fits(phone)
        assert phone.locator("[role=status]").count() == 1
        assert Case.objects.get(pk=by_customer.case_id).state == State.IN_PROGRESS
