"""In a real browser at a phone's width (390×844) and a laptop's (1366×900), in Chinese and in
English: the header, workbench, queue, case page, hotline form, notifications and settings fit
the window (no sideways scrolling of the page) and their main actions can be reached and
clicked. With KESU_UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from kesu.core.labels import label
from kesu.domain.vocabulary import Action
from tests.e2e.pages import login
from tests.factories import assigned

pytestmark = pytest.mark.browser

PHONE, LAPTOP = (390, 844), (1366, 900)
SAVED = {  # (size, language, page) → the screenshot kept in docs/screenshots/
    (PHONE, "zh-hans", "home"): "phone-home.png",
    (PHONE, "zh-hans", "menu"): "phone-menu.png",
    (PHONE, "zh-hans", "queue"): "phone-queue.png",
    (PHONE, "zh-hans", "case"): "phone-case-page.png",
    (PHONE, "zh-hans", "hotline"): "phone-hotline-entry.png",
    (PHONE, "zh-hans", "notifications"): "phone-notifications.png",
    (PHONE, "zh-hans", "settings"): "phone-settings.png",
    (PHONE, "en", "case"): "phone-case-page-en.png",
    (LAPTOP, "en", "queue"): "queue-en.png",
}


def fits(page: Any) -> None:
    """Nothing makes the page wider than the window."""
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: page {width}px wide in a {inner}px window"


def reachable(page: Any, locator: Any) -> None:
    """Visible, inside the window's width, and clickable (trial click: nothing submitted)."""
    target = locator.first
    target.scroll_into_view_if_needed()
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"] + 1, box
    target.click(trial=True)


def shoot(page: Any, folder: Path, key: tuple[Any, ...], *, full: bool = False) -> None:
    if key in SAVED:
        page.screenshot(path=str(folder / SAVED[key]), full_page=full)


WINDOWS = [(size, language) for size in (PHONE, LAPTOP) for language in ("zh-hans", "en")]


@pytest.mark.parametrize("window", WINDOWS, ids=[f"{w}x{h}-{lang}" for (w, h), lang in WINDOWS])
def test_the_main_pages_fit_the_window(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path,
    window: tuple[tuple[int, int], str],
) -> None:  # fmt: skip
    size, language = window
    phone = size == PHONE
    base = live_server.url
    case = assigned(
        org, "2026-11-02", complainant_name="欧阳晓梅",
        complainant_address="广东省佛山市顺德区大良街道新桂路8号3栋502室（近顺德区人民医院北门）",
        facts="空调报修后师傅三次爽约，至今未上门维修。" * 4,
        subject_product="华联KFR-35GW 挂式空调",
    )  # fmt: skip
    for day in ("2026-11-09", "2026-11-16"):
        assigned(org, day, handler=None, category_code="product_quality_defect")
    with translation.override(language):
        log_contact = str(label(Action.LOG_CONTACT))

    # The header: on a phone the navigation folds into a menu that opens over the page.
    handler = login(chromium, base, "handler", size=size, language=language)
    fits(handler)
    menu = handler.locator("header.top details.menu")
    if phone:
        assert not handler.locator("header.top nav").is_visible()
        reachable(handler, menu.locator("summary"))
        menu.locator("summary").click()
    reachable(handler, handler.locator("header.top nav a[href='/cases/']"))
    reachable(handler, handler.locator("header.top button[type=submit]"))  # log out
    fits(handler)
    shoot(handler, screenshot_dir, (size, language, "menu"))
    if phone:
        menu.locator("summary").click()

    # Workbench: the counters and the case list.
    reachable(handler, handler.locator(".counts a.count"))
    reachable(handler, handler.locator(f"main a:text-is('{case.number}')"))
    shoot(handler, screenshot_dir, (size, language, "home"))

    # Case page: the record in one column on a phone, an action form across the width.
    handler.goto(f"{base}/cases/{case.number}/")
    fits(handler)
    action = handler.locator("details.action", has=handler.locator("summary", has_text=log_contact))
    reachable(handler, action.locator("summary"))
    action.locator("summary").click()
    reachable(handler, action.locator("textarea"))
    reachable(handler, action.locator("button[type=submit]"))
    if phone:
        form_width = action.locator("form").bounding_box()["width"]
        assert form_width > 300, form_width  # was 103 px beside the record
        record, actions = (handler.locator(f"#{name}").bounding_box() for name in
                           ("record-title", "actions-title"))  # fmt: skip
        assert record["x"] == actions["x"]  # one column
    fits(handler)
    shoot(handler, screenshot_dir, (size, language, "case"), full=True)

    handler.goto(f"{base}/notifications/")
    fits(handler)
    reachable(handler, handler.locator("main button[type=submit]"))
    shoot(handler, screenshot_dir, (size, language, "notifications"))

    # Queue as the supervisor (bulk assignment adds a column); filters fold on a phone.
    supervisor = login(chromium, base, "supervisor", size=size, language=language)
    supervisor.goto(f"{base}/cases/")
    fits(supervisor)
    filters = supervisor.locator("details.filters-box")
    if phone:
        assert not supervisor.locator("#queue-filters").is_visible()
        reachable(supervisor, filters.locator("summary"))
    else:
        reachable(supervisor, supervisor.locator("#queue-filters button[type=submit]"))
        wrap = supervisor.evaluate(
            "(e => [e.scrollWidth, e.clientWidth])(document.querySelector('.table-wrap'))"
        )
        assert wrap[0] <= wrap[1], f"queue table {wrap[0]}px in a {wrap[1]}px box"
    reachable(supervisor, supervisor.locator(f".table-wrap a:text-is('{case.number}')"))
    shoot(supervisor, screenshot_dir, (size, language, "queue"))

    # Hotline entry: one column of full-width fields on a phone.
    agent = login(chromium, base, "agent", size=size, language=language)
    agent.goto(f"{base}/cases/new/")
    fits(agent)
    reachable(agent, agent.locator("[name=complainant_phone]"))
    if phone:
        assert agent.locator("[name=complainant_phone]").bounding_box()["width"] > 300
    reachable(agent, agent.locator("form.hotline-form button[type=submit]"))
    shoot(agent, screenshot_dir, (size, language, "hotline"))

    manager = login(chromium, base, "manager", size=size, language=language)
    manager.goto(f"{base}/manage/")
    fits(manager)
    reachable(manager, manager.locator("a.card"))
    shoot(manager, screenshot_dir, (size, language, "settings"))
