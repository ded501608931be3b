"""Settings → Mailbox (/manage/mailbox/): the status, the quarantine, the raw .eml download and
the upload form, for managers only; the page shows no HTML the sender wrote."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from kesu.cases.models import Case
from kesu.mail.models import InboundMessage, Outcome, Source
from kesu.mail.services import receive, record_poll_failure
from tests.conftest import at
from tests.mail import messages
from tests.web.client import logged_in

NOW = at("2026-12-02 09:00")


def _eml(name: str, raw: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, raw, content_type="message/rfc822")


def test_a_manager_uploads_eml_files(org: Any) -> None:
    client = logged_in("manager", "en")
    response = client.post(
        "/manage/mailbox/",
        {"eml": [_eml("a.eml", messages.gbk_complaint()), _eml("b.eml", messages.bounce())]},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    case = Case.objects.get()
    assert f"a.eml: case {case.number} registered." in page
    assert "b.eml: quarantined (Delivery failure report (bounce))." in page
    assert "Undelivered Mail Returned to Sender" in page  # in the quarantine list
    again = client.post("/manage/mailbox/", {"eml": [_eml("a.eml", messages.gbk_complaint())]})
    assert again.status_code == 302
    assert Case.objects.count() == 1
    assert InboundMessage.objects.filter(source=Source.UPLOAD).count() == 2


def test_an_empty_upload_is_refused_with_a_reason(org: Any) -> None:
    response = logged_in("manager", "en").post("/manage/mailbox/", {})
    assert response.status_code == 400
    assert "Choose one or more .eml files." in response.content.decode()


def test_the_status_shows_the_mailbox_failures(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        receive(raw=messages.plain(message_id=f"<m{n}@x>", sender=f"c{n}@example.cn"),
                source=Source.UPLOAD, now=NOW)  # fmt: skip
        receive(raw=messages.auto_reply().replace(b"<auto-1@", f"<a{n}@".encode()),
                source=Source.IMAP, now=NOW)  # fmt: skip
    record_poll_failure(name="complaints", error="ConnectionRefusedError: down", received=0,
                        now=NOW)  # fmt: skip
    client = logged_in("manager", "en")
    with (
        override_settings(KESU_MAIL_IMAP_HOST="imap.example.cn"),
        django_assert_max_num_queries(14),
    ):
        page = client.get("/manage/mailbox/").content.decode()
    assert "ConnectionRefusedError: down" in page
    assert '<dd id="failures">1</dd>' in page
    assert "Automatic reply" in page
    with translation.override("zh-hans"):
        zh = logged_in("manager").get("/manage/mailbox/").content.decode()
    assert "管理设置" in zh  # the page's own words are Chinese once the lead merges the .po


def test_the_raw_message_downloads_as_eml(org: Any) -> None:
    message = receive(raw=messages.bounce(), source=Source.UPLOAD, now=NOW).message
    assert message.outcome == Outcome.QUARANTINED
    response = logged_in("manager").get(f"/manage/mailbox/{message.pk}/raw/")
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == messages.bounce()


def test_other_roles_may_not(org: Any) -> None:
    for username in ("agent", "handler"):
        client = logged_in(username)
        assert client.get("/manage/mailbox/").status_code == 403
        upload = client.post("/manage/mailbox/", {"eml": [_eml("a.eml", messages.bounce())]})
        assert upload.status_code == 403
    assert InboundMessage.objects.count() == 0


def test_a_message_is_shown_with_its_html_sanitised(org: Any) -> None:
    message = receive(raw=messages.utf8_html(), source=Source.UPLOAD, now=NOW).message
    page = logged_in("manager", "en").get(f"/manage/mailbox/{message.pk}/").content.decode()
    assert "<b>已经坏了两次</b>" in page
    assert "steal()" not in page
    assert "alert(" not in page
    assert "tracker.example" not in page
    assert "冰箱质量问题" in page
    assert f'href="/cases/{message.case.number}/"' in page  # type: ignore[union-attr]
    gbk = receive(raw=messages.gbk_complaint(), source=Source.UPLOAD, now=NOW).message
    page = logged_in("manager", "en").get(f"/manage/mailbox/{gbk.pk}/").content.decode()
    assert "漏水照片.png" in page
    assert "报修三次无人上门" in page
    assert logged_in("agent").get(f"/manage/mailbox/{gbk.pk}/").status_code == 403


def test_the_administrator_keeps_the_mailbox_running_but_reads_no_mail(org: Any) -> None:
    """Senders, subjects and texts are personal data: the administrator (no personal data)
    sees the counts and masks; the manager reads a mail, and that read is on record."""
    from kesu.cases.models import AccessRecord

    item = receive(raw=messages.gbk_complaint(), source=Source.UPLOAD, now=NOW).message
    admin = logged_in("admin", "en")
    page = admin.get("/manage/mailbox/").content.decode()
    assert "wangli@example.cn" not in page
    assert admin.get(f"/manage/mailbox/{item.pk}/").status_code == 403
    assert admin.get(f"/manage/mailbox/{item.pk}/raw/").status_code == 403
    assert not AccessRecord.objects.exists()
    manager = logged_in("manager", "en")
    assert "wangli@example.cn" in manager.get("/manage/mailbox/").content.decode()
    assert manager.get(f"/manage/mailbox/{item.pk}/").status_code == 200
    assert manager.get(f"/manage/mailbox/{item.pk}/raw/").status_code == 200
    reads = AccessRecord.objects.filter(case=item.case, actor__username="manager")
    assert sorted(reads.values_list("what", flat=True)) == ["download", "view"]
