"""In Chromium: on the case page, Alt+1…3 presses a suggested category (issue 19) and the case
takes it, at 1366 px and at 390 px. Skipped without Debian's chromium, like every browser test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.core import clock
from tests.e2e.pages import login
from tests.factories import register

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_alt_and_a_digit_sets_a_suggested_category(
    chromium: Any, live_server: Any, org: Any, size: tuple[int, int]
) -> None:
    case = register(
        org["agent"], clock.now(), facts="客服态度恶劣，说两句就挂我电话，还骂人。",
        category_code="product_quality_defect",
    )  # fmt: skip
    page = login(chromium, live_server.url, "agent", size=size)
    page.goto(f"{live_server.url}/cases/{case.number}/")
    buttons = page.locator("#category-panel [data-category-choice]")
    assert buttons.count() >= 2
    second = buttons.nth(1).get_attribute("value")
    with page.expect_navigation():
        page.keyboard.press("Alt+2")
    case.refresh_from_db()
    assert case.category is not None
    assert case.category.code == second
    assert page.locator("#category-panel").is_visible()
    if size[0] == 390:
        shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
        page.locator("#category-panel").screenshot(path=str(shots / "case-category-phone.png"))
    assert Case.objects.filter(pk=case.pk, category__code=second).exists()
