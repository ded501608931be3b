"""In Chromium: typing the facts on the hotline form shows triage suggestions (debounced), a
suggested category is one keystroke away (Alt+1), a major cue is confirmed by a click, and the
same complaint registered a moment ago is listed with a 催办 form. Screenshot:
docs/screenshots/hotline-triage.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.core import clock
from kesu.triage import selectors, similar
from tests.e2e.pages import login
from tests.factories import register

pytestmark = pytest.mark.browser

FACTS = "我家热水器加热管漏电，洗澡时被电了一下，已经报修三天师傅一直没上门，我要找媒体曝光。"


@pytest.mark.parametrize(("size", "language"), [((1366, 900), "zh-hans"), ((390, 844), "en")])
def test_suggestions_while_typing_the_facts(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path,
    *, size: tuple[int, int], language: str,
) -> None:  # fmt: skip
    similar.reset()
    selectors.forget_model()
    earlier = register(org["agent"], clock.now(), facts=FACTS, complainant_phone="13911112222")
    page = login(chromium, live_server.url, "agent", size=size, language=language)
    page.goto(f"{live_server.url}/cases/new/")
    page.locator("[name=facts]").press_sequentially(
        "我再反映一次：热水器加热管漏电，洗澡被电了一下，报修三天师傅没上门，要找媒体曝光"
    )
    panel = page.locator("#triage")
    first = panel.locator("[data-triage-category]").first
    first.wait_for(timeout=10_000)
    assert panel.locator("[data-triage-category]").count() <= 3
    assert earlier.number in panel.inner_text()
    assert panel.locator("input[name=hasten-note]").count() == 1
    code = first.get_attribute("data-triage-category")
    page.focus("[name=facts]")
    page.keyboard.press("Alt+1")
    assert page.evaluate("document.querySelector('[name=category]').value") == code
    cue = panel.locator("[data-triage-criterion=mainstream_media]")
    assert "媒体" in panel.inner_text()
    cue.click()
    checked = "document.querySelector('input[name=major_criteria][value=mainstream_media]').checked"
    assert page.evaluate(checked) is True
    assert page.evaluate("document.querySelector('[name=severity]').value") == "major"
    wide = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert wide, "nothing sticks out sideways"
    if language == "zh-hans":
        page.screenshot(path=str(screenshot_dir / "hotline-triage.png"), full_page=True)
