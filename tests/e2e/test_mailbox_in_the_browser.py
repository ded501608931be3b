"""In Chromium, at a phone's width and a laptop's, in Chinese and English: a manager uploads an
`.eml` on Settings → Mailbox, sees the case it opened, the quarantine, and reads a message whose
HTML was sanitised (nothing it carried runs). Screenshot: docs/screenshots/settings-mailbox.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.core import clock
from kesu.mail.models import InboundMessage, Source
from kesu.mail.services import receive
from tests.e2e.pages import login
from tests.mail import messages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "language"), [((1366, 900), "zh-hans"), ((390, 844), "en")])
def test_a_manager_uploads_an_eml_and_reads_the_mail(
    chromium: Any, live_server: Any, org: Any, screenshot_dir: Path, tmp_path: Path,
    *, size: tuple[int, int], language: str,
) -> None:  # fmt: skip
    receive(raw=messages.bounce(), source=Source.IMAP, now=clock.now())
    receive(raw=messages.utf8_html(), source=Source.IMAP, now=clock.now())
    eml = tmp_path / "complaint.eml"
    eml.write_bytes(messages.gbk_complaint())
    page = login(chromium, live_server.url, "manager", size=size, language=language)
    page.goto(f"{live_server.url}/manage/mailbox/")
    page.set_input_files("#eml", str(eml))
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    case = Case.objects.get(complainant_email="wangli@example.cn")
    assert case.number in page.inner_text("body")
    assert "Undelivered Mail Returned to Sender" in page.inner_text("#quarantine")
    wide = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert wide, "nothing sticks out sideways"
    if language == "zh-hans":
        page.screenshot(path=str(screenshot_dir / "settings-mailbox.png"), full_page=True)

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    html = InboundMessage.objects.get(message_id="<utf8-1@mail.example.cn>")
    page.goto(f"{live_server.url}/manage/mailbox/{html.pk}/")
    assert "已经坏了两次" in page.inner_text("#mail-html")
    page.locator("#mail-html p").first.click()  # its onclick was removed
    assert dialogs == []
    assert page.locator("#mail-html img, #mail-html script").count() == 0
