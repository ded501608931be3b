"""Registering received e-mail: a new case with its evidence and a receipt, replies threaded
into their case, machine mail quarantined, the same mail twice one case."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kesu.cases.models import Attachment, Case, CaseEvent
from kesu.domain.vocabulary import Action, Channel, State
from kesu.mail.models import InboundMessage, Outcome, Source
from kesu.mail.services import CUSTOMER_WROTE, receive
from kesu.notify.models import Notification
from tests.conftest import at
from tests.factories import act, assigned, register
from tests.mail import messages
from tests.web.client import logged_in

NOW = at("2026-12-02 09:00")


def _receive(raw: bytes, now: Any = NOW) -> InboundMessage:
    return receive(raw=raw, source=Source.UPLOAD, now=now).message


def test_a_gbk_mail_opens_a_case_with_its_attachments_and_a_receipt(org: Any) -> None:
    message = _receive(messages.gbk_complaint())

    assert message.outcome == Outcome.NEW_CASE
    case = message.case
    assert case is not None
    assert case.channel == Channel.EMAIL
    assert (case.complainant_name, case.complainant_email) == ("王丽", "wangli@example.cn")
    assert case.facts.startswith("空调漏水投诉\n\n你好：")
    assert case.received_at == at("2026-11-30 09:15")
    names = sorted(Attachment.objects.filter(case=case).values_list("original_name", flat=True))
    assert names == ["发票.pdf", "漏水照片.png"]
    assert bytes(message.raw) == messages.gbk_complaint()
    receipt = Notification.objects.get(template="mail_received", case=case)
    assert receipt.channel == "email"
    assert receipt.address == "wangli@example.cn"
    assert case.number in receipt.subject  # replies thread by the number in the subject
    assert receipt.subject == f"我们已收到您的来信 [投诉编号 {case.number}]"  # zh: for the lead


def test_the_same_mail_twice_makes_one_case(org: Any) -> None:
    first = _receive(messages.gbk_complaint())
    again = receive(raw=messages.gbk_complaint(), source=Source.IMAP, now=at("2026-12-02 10:00"))
    assert again.created is False
    assert again.message.pk == first.pk
    without_id = messages.gbk_complaint(message_id="")
    assert _receive(without_id).pk == _receive(without_id).pk
    # Two mails stored; the second, from the same sender, hastens the first's open case.
    assert InboundMessage.objects.count() == 2
    assert Case.objects.count() == 1


def test_a_date_in_the_future_is_bounded_by_now(org: Any) -> None:
    message = _receive(messages.gbk_complaint(date="Fri, 01 Jan 2027 09:00:00 +0800"))
    assert message.case is not None
    assert message.case.received_at == NOW


def test_gb18030_and_utf8_html_mails_open_cases(org: Any) -> None:
    gb = _receive(messages.gb18030_declared_gb2312()).case
    html = _receive(messages.utf8_html()).case
    assert gb is not None
    assert "刘䶮先生" in gb.facts
    assert gb.complainant_name == "liuyan"  # no display name: the address's local part
    assert html is not None
    assert "冰箱不制冷" in html.facts
    assert "<script" not in html.facts
    assert "alert" not in html.facts


def test_a_reply_threads_into_its_case_and_the_owner_is_told(org: Any) -> None:
    case = _receive(messages.gbk_complaint()).case
    assert case is not None
    reply = _receive(messages.plain(in_reply_to="<gbk-1@mail.example.cn>"), at("2026-12-02 10:00"))

    assert reply.outcome == Outcome.REPLY
    assert reply.case_id == case.pk
    assert Case.objects.count() == 1
    event = CaseEvent.objects.get(case=case, action=CUSTOMER_WROTE)
    assert event.note == "师傅还没来，请尽快处理。"
    assert event.data["source"] == "email"
    told = Notification.objects.filter(template="customer_wrote_email", case=case)
    assert told.filter(channel="in_app").exists()


def test_a_reply_to_our_receipt_threads_by_its_message_id(
    org: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the receipt is sent on commit
        case = _receive(messages.gbk_complaint()).case
    receipt = Notification.objects.get(template="mail_received", case=case)
    assert receipt.provider_id  # the Message-ID it was sent with (immediate task backend)
    reply = _receive(
        messages.plain(sender="someone-else@example.org", in_reply_to=receipt.provider_id)
    )
    assert reply.outcome == Outcome.REPLY
    assert reply.case_id == case.pk


def test_the_case_number_in_the_subject_threads_only_for_the_complainant(org: Any) -> None:
    case = _receive(messages.gbk_complaint()).case
    assert case is not None
    subject = f"Re: 我们已收到您的来信 [投诉编号 {case.number}]"
    own = _receive(messages.plain(subject=subject, message_id="<r-own@x>"))
    assert own.outcome == Outcome.REPLY
    assert own.case_id == case.pk
    stranger = _receive(
        messages.plain(sender="other@example.org", subject=subject, message_id="<r-x@x>")
    )
    assert stranger.outcome == Outcome.NEW_CASE
    assert stranger.case_id != case.pk


def test_a_reply_with_an_attachment_adds_evidence(org: Any) -> None:
    case = _receive(messages.gbk_complaint()).case
    raw = messages.gbk_complaint(message_id="<gbk-2@mail.example.cn>").replace(
        b"Message-ID: <gbk-2@mail.example.cn>",
        b"Message-ID: <gbk-2@mail.example.cn>\r\nIn-Reply-To: <gbk-1@mail.example.cn>",
    )
    reply = _receive(raw)
    assert reply.outcome == Outcome.REPLY
    assert reply.case_id == case.pk
    assert Attachment.objects.filter(case=case).count() == 2  # the same files are stored once


def test_machine_mail_is_quarantined_and_opens_no_case(org: Any) -> None:
    case = _receive(messages.gbk_complaint()).case
    for raw, reason in (
        (messages.auto_reply(), "auto_reply"),
        (messages.bounce(), "bounce"),
        (messages.mailing_list(), "mailing_list"),
        (messages.plain(sender="kesu@localhost", message_id="<loop@x>"), "own_address"),
    ):
        message = _receive(raw)
        assert (message.outcome, message.quarantine_reason) == (Outcome.QUARANTINED, reason)
        assert message.case is None
    # An auto-reply to our receipt is not the customer writing either.
    auto = (
        messages.auto_reply()
        .replace(b"Auto-Submitted", b"In-Reply-To: <gbk-1@mail.example.cn>\r\nAuto-Submitted")
        .replace(b"<auto-1@", b"<auto-2@")
    )
    assert _receive(auto).outcome == Outcome.QUARANTINED
    assert Case.objects.count() == 1
    assert not CaseEvent.objects.filter(case=case, action=CUSTOMER_WROTE).exists()


def test_a_refused_attachment_is_kept_in_the_raw_mail_and_noted(org: Any) -> None:
    raw = messages.gbk_complaint().replace(
        b"Content-Type: application/pdf", b"Content-Type: application/x-msdownload"
    )
    message = _receive(raw)
    assert message.outcome == Outcome.NEW_CASE
    assert Attachment.objects.filter(case=message.case).count() == 1
    refused = CaseEvent.objects.get(case=message.case, action=CUSTOMER_WROTE)
    assert refused.data["files_refused"][0].startswith("发票.pdf")


def test_a_reply_to_a_hotline_case_by_number_and_address(org: Any) -> None:
    case = register(org["agent"], at("2026-12-01 09:00"), complainant_email="wangli@example.cn")
    reply = _receive(messages.plain(subject=f"关于投诉 {case.number} 的补充"))
    assert reply.outcome == Outcome.REPLY
    assert reply.case_id == case.pk


def test_import_eml_command(org: Any, tmp_path: Any) -> None:
    first = tmp_path / "complaint.eml"
    first.write_bytes(messages.gbk_complaint())
    bounce = tmp_path / "bounce.eml"
    bounce.write_bytes(messages.bounce())
    call_command("import_eml", str(first), str(bounce), str(first))
    assert Case.objects.count() == 1
    assert InboundMessage.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_eml", str(tmp_path / "missing.eml"))


def test_a_reply_inside_a_provisional_window_reopens_the_case(org: Any) -> None:
    """W2: the customer's e-mail is new material; the case is handled again."""
    case = assigned(org, "2026-09-28", complainant_email="wangli@example.cn")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-09-29 09:00"), note="已联系客户。")
    act(case, org["supervisor"], Action.PROVISIONALLY_CLOSE, at("2026-10-12 09:00"), note="暂结。")
    reply = _receive(
        messages.plain(subject=f"Re: 投诉 {case.number}", body="我找到了新的维修单据。"),
        at("2026-10-29 09:00"),
    )
    assert reply.outcome == Outcome.REPLY
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS
    assert [e.action for e in case.events.order_by("-id")[:2]] == [Action.REOPEN, CUSTOMER_WROTE]


def test_the_case_page_shows_what_the_customer_wrote(org: Any) -> None:
    case = _receive(messages.gbk_complaint()).case
    assert case is not None
    _receive(messages.plain(in_reply_to="<gbk-1@mail.example.cn>", body="<b>请尽快</b>处理"))
    page = logged_in("supervisor", "en").get(f"/cases/{case.number}/").content.decode()
    assert "The customer wrote (e-mail)" in page
    assert "&lt;b&gt;请尽快&lt;/b&gt;处理" in page  # the customer's text, escaped
    assert "漏水照片.png" in page


def test_nul_characters_in_a_mail_are_dropped_not_fatal(org: Any) -> None:
    """PostgreSQL refuses NUL in text: such a mail would fail on every poll otherwise."""
    raw = messages.plain(
        sender="nul@example.cn", subject="投诉\x00主题", body="正文\x00有空字符",
        message_id="<nul@x>",
    )  # fmt: skip
    message = _receive(raw)
    assert message.outcome == Outcome.NEW_CASE
    assert message.subject == "投诉主题"
    assert message.case is not None
    assert message.case.facts == "投诉主题\n\n正文有空字符"


def test_a_message_id_reused_by_another_mail_does_not_swallow_it(org: Any) -> None:
    first = _receive(messages.plain(sender="a@example.cn", subject="甲", message_id="<same@x>"))
    copy = _receive(
        messages.plain(sender="a@example.cn", subject="甲", message_id="<same@x>",
                       date="Wed, 02 Dec 2026 08:00:05 +0800")
    )  # fmt: skip
    other = _receive(messages.plain(sender="b@example.cn", subject="乙", message_id="<same@x>"))
    assert copy.pk == first.pk  # a copy (its bytes differ a little): the same mail
    assert other.pk != first.pk
    assert other.key.startswith("raw:")
    assert other.outcome == Outcome.NEW_CASE


def test_a_new_mail_from_a_sender_with_an_open_case_hastens_it(org: Any) -> None:
    """No thread, no number in the subject — but the sender's complaint is still open: the mail
    is a 催办 on that case (kesu.intake) and lands there like a reply, not as a second case."""
    first = _receive(messages.gbk_complaint()).case
    assert first is not None
    again = _receive(
        messages.plain(subject="又来问一下", body="我的空调到底什么时候修？", message_id="<x-2@m>"),
        now=at("2026-12-02 10:00"),
    )
    assert again.outcome == Outcome.REPLY
    assert again.case == first
    assert Case.objects.count() == 1
    assert first.events.filter(action=Action.HASTEN).count() == 1
    wrote = first.events.get(action=CUSTOMER_WROTE)
    assert "什么时候修" in wrote.note
