"""In a real browser at a phone's width (390 px) and a laptop's (1366 px): the supervisor opens
the batch complaints from the menu, reads the proposed batch's cases side by side (stacked on a
phone, no sideways scrolling) and confirms it; on a case page the arrival panel merges a
duplicate into the case that continues, whose page then shows the merged case's history.
Screenshots: docs/screenshots/batches-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.domain.vocabulary import State
from kesu.intake.models import CaseGroup
from tests.conftest import at
from tests.e2e.pages import login
from tests.factories import assigned
from tests.intake.conftest import PRODUCT, REWORDINGS, arrive, phone

pytestmark = pytest.mark.browser

PHONE, LAPTOP = (390, 844), (1366, 900)


@pytest.mark.parametrize("width", ["phone", "wide"])
def test_confirm_a_batch_and_merge_a_duplicate(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path, width: str
) -> None:
    size = PHONE if width == "phone" else LAPTOP
    base = live_server.url
    for i in range(3):
        arrive(
            org["agent"], at(f"2026-11-30 09:0{i}"), facts=REWORDINGS[i],
            complainant_phone=phone(i), subject_product=PRODUCT,
        )  # fmt: skip
    page = login(chromium, base, "supervisor", size=size, language="en")
    menu = page.locator("header.top details.menu")
    if size == PHONE and menu.get_attribute("open") is None:
        menu.locator("summary").click()
    with page.expect_navigation():
        page.locator("header.top nav a[href='/batches/']").click()
    cards = page.locator("article.batch-case")
    assert cards.count() == 3
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    if size == PHONE:
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # stacked
    else:
        assert boxes[0]["y"] == boxes[1]["y"]  # side by side
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    page.screenshot(path=str(screenshot_dir / f"batches-{width}.png"), full_page=True)
    with page.expect_navigation():
        page.locator("button[value='confirm']").click()
    assert CaseGroup.objects.get().status == CaseGroup.CONFIRMED

    kept = assigned(org, "2026-11-24")
    duplicate = assigned(org, "2026-11-25")
    page.goto(f"{base}/cases/{duplicate.number}/")
    panel = page.locator("#case-arrival")
    panel.locator("summary", has_text="Merge into another case").click()
    panel.locator("input[name='into']").fill(kept.number)
    with page.expect_navigation():
        panel.locator("button", has_text="Merge").click()
    assert page.url == f"{base}/cases/{kept.number}/"
    panel = page.locator("#case-arrival")
    panel.locator("summary", has_text=duplicate.number).click()
    assert "Merged into another case" in panel.inner_text()
    assert Case.objects.get(pk=duplicate.pk).state == State.CLOSED
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
