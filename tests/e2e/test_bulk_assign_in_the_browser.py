"""In a real browser: a supervisor narrows the queue to accepted cases, ticks them all with the
header box (keyboard: Space), picks a department and assigns them in one go; each case gets its
own history event."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.e2e.pages import login
from tests.factories import act, register

pytestmark = pytest.mark.browser


def test_a_supervisor_assigns_every_accepted_case_at_once(
    chromium: Any, live_server: Any, org: Any
) -> None:
    cases = []
    for n in range(3):
        case = register(org["agent"], at(f"2026-11-2{n + 1} 09:00"), complainant_name=f"客户{n}")
        cases.append(act(case, org["agent"], Action.ACCEPT, at(f"2026-11-2{n + 1} 09:30")))
    waiting = register(org["agent"], at("2026-11-24 09:00"))  # registered only: not assignable

    base = live_server.url
    page = login(chromium, base, "supervisor")
    page.goto(f"{base}/cases/?state=accepted&state=registered")
    page.locator("input[data-select-all]").focus()
    page.keyboard.press("Space")
    checked = page.locator("input[name=case]:checked")
    ticked = checked.evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(ticked) == sorted(c.number for c in cases)  # the registered one has no box
    page.select_option("#bulk-assign select[name$=department]", "after-sales")
    with page.expect_navigation():
        page.click("#bulk-assign button[type=submit]")
    assert "已分派 3 件" in page.locator("body").inner_text()
    for case in cases:
        case.refresh_from_db()
        assert case.state == "assigned"
        assert case.events.filter(action="assign").count() == 1
    waiting.refresh_from_db()
    assert waiting.state == "registered"
