"""What the browser tests share: logging in, moving the focus with Tab, choosing with arrows.
Contexts opened here are closed by the autouse fixture in conftest.py."""

from __future__ import annotations

from typing import Any

PASSWORD = "pw-123456"
OPEN: list[Any] = []  # browser contexts, closed before the live server stops


def login(
    chromium: Any,
    base: str,
    username: str,
    *,
    size: tuple[int, int] = (1360, 900),
    language: str = "zh-hans",
) -> Any:
    """A new browser (window `size`, asking for `language`) with `username` logged in."""
    context = chromium.new_context(
        locale="en-US" if language == "en" else "zh-CN",
        viewport={"width": size[0], "height": size[1]},
        has_touch=size[0] < 600,
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    OPEN.append(context)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/"
    return page


def tab_to(page: Any, name: str, limit: int = 80) -> None:
    """Press Tab until the field called `name` (or with that id) has the focus (keyboard only)."""
    for _ in range(limit):
        focused = page.evaluate("(e => e && (e.name || e.id))(document.activeElement)")
        if focused == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the field {name!r}")


def choose_with_arrows(page: Any, text: str, limit: int = 60) -> None:
    """With a <select> focused, press ArrowDown until the chosen option contains `text`."""
    for _ in range(limit):
        chosen = page.evaluate(
            "(() => { const s = document.activeElement; return s.options[s.selectedIndex].text })()"
        )
        if text in chosen:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option with {text!r}")
