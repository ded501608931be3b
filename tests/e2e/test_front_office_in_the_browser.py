"""In Chromium (new-user review D9, D15): a repeat caller's 催办 is one Tab away from the phone
field; the 分派 form offers only the chosen department's handlers; a refused action's page
takes the case's address, so a reload shows the case instead of posting again."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.cases.models import CaseEvent
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.e2e.pages import login
from tests.factories import act, assigned, register

pytestmark = pytest.mark.browser


def test_tab_from_the_phone_field_reaches_hasten(chromium: Any, live_server: Any, org: Any) -> None:
    case = assigned(org, "2026-11-23", complainant_phone="14000001234")
    page = login(chromium, live_server.url, "agent")
    page.goto(f"{live_server.url}/cases/new/")
    page.keyboard.type("14000001234")
    page.wait_for_selector("#callers input[name=hasten-note]")
    assert case.number in page.locator("#callers").inner_text()
    assert "售后服务部" in page.locator("#callers").inner_text()  # who has it
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "hasten-note"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.name") == "complainant_phone"


def test_assign_offers_the_departments_handlers_and_a_refusal_does_not_repost(
    chromium: Any, live_server: Any, org: Any
) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-24 09:05"))
    page = login(chromium, live_server.url, "supervisor")
    page.goto(f"{live_server.url}/cases/{case.number}/")
    page.click("details.action >> summary >> text=分派")
    page.select_option("[name=assign-department]", "quality")
    hidden = page.evaluate(
        "document.querySelector('[name=assign-handler] option[value=handler]').hidden"
    )
    assert hidden  # 张伟 works in 售后服务部
    assert not page.evaluate(
        "document.querySelector('[name=assign-handler] option[value=quality]').hidden"
    )
    # Force the refused combination (as a stale page would post it).
    page.evaluate(
        "(() => { const o = document.querySelector('[name=assign-handler] option[value=handler]');"
        " o.hidden = false; o.disabled = false; o.selected = true; })()"
    )
    page.click("details.action[open] button[type=submit]")
    page.wait_for_selector("text=承办人须为责任部门的在岗人员")
    assert page.url.endswith(f"/cases/{case.number}/")  # not /act/
    events = CaseEvent.objects.filter(case=case).count()
    page.reload()
    assert CaseEvent.objects.filter(case=case).count() == events
    assert "承办人须为责任部门的在岗人员" not in page.content()
