"""The import pages in Chromium: a regulator's sheet uploaded, mapped, checked and imported, at
a phone's width (390 px, nothing wider than the screen) and at 1366 px in English."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.imports.models import ImportedCase
from tests.e2e.pages import login
from tests.imports.sheets import TRANSFER_HEADINGS, transfer_row, xlsx

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("size", "language"), [((390, 844), "zh-hans"), ((1366, 900), "en")], ids=["phone", "wide"]
)
def test_upload_map_check_and_import(  # noqa: PLR0917 — pytest's fixtures and parameters
    chromium: Any, live_server: Any, org: Any, tmp_path: Any, screenshot_dir: Any, size: Any,
    language: str,
) -> None:  # fmt: skip
    base = live_server.url
    path = xlsx(tmp_path / "通管局转办.xlsx", TRANSFER_HEADINGS, [transfer_row("GD-B1")])
    page = login(chromium, base, "supervisor", size=size, language=language)
    page.goto(f"{base}/imports/")
    page.select_option("#regulator", "miit")
    page.set_input_files("#file", str(path))
    with page.expect_navigation():
        page.click("form.import-upload button[type=submit]")
    assert page.locator("#map-reference").input_value() == "工单编号"
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    page.screenshot(path=str(screenshot_dir / f"imports-mapping-{size[0]}.png"), full_page=True)
    with page.expect_navigation():
        page.click("button[value=dry_run]")
    assert page.locator("p.notice").is_visible()
    assert not ImportedCase.objects.exists()
    with page.expect_navigation():
        page.click("button[value=import]")
    number = ImportedCase.objects.get(reference="GD-B1").case.number
    page.click(f"text={number}")
    page.wait_for_url(f"**/cases/{number}/")
    assert page.locator("tr.regulator-due").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
