"""Browser tests: Playwright (Python) driving Debian's Chromium against a live test server.

No browser is downloaded: the project's set-up installs Debian's `chromium`. Without it these
tests are skipped on a developer's machine; CI sets KESU_REQUIRE_BROWSER=1 and fails instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("KESU_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here (KESU_REQUIRE_BROWSER=1); run bin/setup as root")
        pytest.skip("Debian's chromium is not installed (bin/setup installs it as root)")
    from playwright.sync_api import sync_playwright  # only when a browser exists

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + Django ORM
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """docs/screenshots/ when KESU_UPDATE_SCREENSHOTS=1 (to refresh the committed pictures),
    else a temporary folder, so a test run leaves the working tree clean."""
    if os.environ.get("KESU_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path


@pytest.fixture(autouse=True)
def _close_contexts() -> Iterator[None]:
    """Close the browser contexts a test opened before its live server stops."""
    from tests.e2e.pages import OPEN

    yield
    while OPEN:
        OPEN.pop().close()
