"""The statistics page and the dashboard in Chromium, at a phone's width (390×844) and a
laptop's (1366×900), in Chinese and English: the charts draw (ECharts from our own static
files, under the Content-Security-Policy), the page fits the window, this week's spike is
highlighted and a number opens the cases behind it. KESU_UPDATE_SCREENSHOTS=1 keeps the
pictures in docs/screenshots/stats-*.png."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kesu.core import clock
from tests.e2e.pages import login
from tests.factories import register
from tests.stats.scenario import build

pytestmark = pytest.mark.browser

PHONE, LAPTOP = (390, 844), (1366, 900)
WINDOWS = [(size, language) for size in (PHONE, LAPTOP) for language in ("zh-hans", "en")]
OCTOBER = "from=2026-10-01&to=2026-10-31"


def _watch(page: Any) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return violations


def fits(page: Any) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: page {width}px wide in a {inner}px window"


@pytest.mark.parametrize("window", WINDOWS, ids=[f"{w}x{h}-{lang}" for (w, h), lang in WINDOWS])
def test_dashboard_and_statistics_draw_fit_and_drill_down(
    chromium: Any,
    live_server: Any,
    org: Any,
    screenshot_dir: Path,
    window: tuple[tuple[int, int], str],
) -> None:
    size, language = window
    base = live_server.url
    build(org)
    now = clock.now()
    for minutes in range(6):  # a burst this week: a spike over the quiet weeks before
        register(
            org["agent"],
            now - timedelta(minutes=30 + minutes),
            category_code="product_quality_safety",
            complainant_phone=f"1390000100{minutes}",
        )
    name = f"stats-{'phone' if size == PHONE else 'wide'}-{'zh' if language == 'zh-hans' else 'en'}"

    page = login(chromium, base, "analyst", size=size, language=language)
    violations = _watch(page)
    page.goto(f"{base}/statistics/dashboard/")
    page.wait_for_selector("body[data-charts-ready='3']")
    assert page.locator("#chart-trend canvas").count() == 1
    assert page.locator("#chart-categories canvas").count() == 1
    spike = page.locator(".spikes .spike")
    assert spike.count() == 1
    assert ("安全隐患" if language == "zh-hans" else "Safety") in spike.inner_text()
    fits(page)
    page.screenshot(path=str(screenshot_dir / f"{name}-dashboard.png"), full_page=True)

    page.goto(f"{base}/statistics/dashboard/?{OCTOBER}")
    page.wait_for_selector("body[data-charts-ready='3']")
    assert page.locator("#kpi-received").inner_text() == "7"
    with page.expect_navigation():
        page.locator("#kpi-received").click()
    assert page.locator("#drill-total").inner_text().startswith("7")
    assert page.locator("tr.drill-row").count() == 7

    page.goto(f"{base}/statistics/?{OCTOBER}&by=category")
    total = page.locator("#stats-table tfoot a[data-figure='received']")
    assert total.inner_text() == "7"
    fits(page)
    page.screenshot(path=str(screenshot_dir / f"{name}-table.png"), full_page=True)
    overdue = page.locator("#stats-table tfoot a[data-figure='overdue']")
    assert overdue.inner_text() == "1"
    overdue.scroll_into_view_if_needed()
    with page.expect_navigation():
        overdue.click()
    assert page.locator("tr.drill-row").count() == 1
    assert violations == []
