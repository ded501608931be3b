"""Reading Chinese e-mail: encodings (declared right and wrong), encoded headers, attachment
names, sanitised HTML, and what marks a message as machine mail."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.mail.parsing import decode_bytes, decode_header_value, key_of, parse
from tests.mail import messages


def test_gbk_message_with_base64_and_quoted_printable_headers_and_attachments() -> None:
    mail = parse(messages.gbk_complaint())
    assert mail.subject == "空调漏水投诉"
    assert (mail.sender_name, mail.sender_email) == ("王丽", "wangli@example.cn")
    assert "空调漏水，报修三次无人上门" in mail.text
    assert [(a.name, a.content_type) for a in mail.attachments] == [
        ("漏水照片.png", "image/png"),
        ("发票.pdf", "application/pdf"),
    ]
    assert mail.attachments[0].content == messages.PNG
    assert mail.date is not None
    assert mail.date.isoformat() == "2026-11-30T09:15:00+08:00"


def test_gb2312_declared_text_with_gb18030_characters_and_a_raw_8bit_subject() -> None:
    mail = parse(messages.gb18030_declared_gb2312())
    assert mail.text == "刘䶮先生的投诉：热水器安装费被多收200元。"
    assert mail.subject == "热水器安装费投诉"


def test_utf8_declared_wrongly_is_still_read() -> None:
    for declared in ("utf-8", "gb2312", "iso-8859-1", "us-ascii"):
        mail = parse(messages.utf8_html(declared=declared))
        assert mail.text.startswith("冰箱不制冷，已经坏了两次。"), declared


def test_gbk_declared_as_latin1_is_read_as_chinese() -> None:
    raw = (
        b"From: a@example.cn\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + "洗衣机噪音太大".encode("gbk")
    )
    assert parse(raw).text == "洗衣机噪音太大"


def test_html_body_is_sanitised_and_its_text_used() -> None:
    mail = parse(messages.utf8_html())
    assert "<script" not in mail.html
    assert "onclick" not in mail.html
    assert "tracker.example" not in mail.html  # no remote images: they tell the sender
    assert "<b>已经坏了两次</b>" in mail.html
    assert "订单号 HL20261101" in mail.text
    assert "alert" not in mail.text


def test_machine_mail_is_recognised() -> None:
    assert parse(messages.auto_reply()).machine_reason == "auto_reply"
    assert parse(messages.bounce()).machine_reason == "bounce"
    assert parse(messages.mailing_list()).machine_reason == "mailing_list"
    assert parse(messages.plain(extra=("Precedence: bulk",))).machine_reason == "mailing_list"
    assert parse(messages.plain(extra=("Auto-Submitted: no",))).machine_reason == ""
    assert parse(messages.gbk_complaint()).machine_reason == ""


def test_identity_is_the_message_id_else_the_bytes() -> None:
    assert parse(messages.gbk_complaint()).key == key_of("<gbk-1@mail.example.cn>", b"")
    without = messages.gbk_complaint(message_id="")
    assert parse(without).key == parse(without).key != parse(messages.gbk_complaint()).key
    assert parse(without).key.startswith("raw:")


def test_reply_headers_are_read() -> None:
    mail = parse(messages.plain(in_reply_to="<a@x>", references="<b@x> <a@x>"))
    assert mail.in_reply_to == ("<a@x>",)
    assert mail.references == ("<b@x>", "<a@x>")


def test_encoded_words_in_several_charsets() -> None:
    value = f"{messages.b64_word('投诉', 'gb2312')} {messages.qp_word('編號', 'big5')}"
    assert decode_header_value(value) == "投诉編號"


@given(st.text(), st.sampled_from([None, "gbk", "gb2312", "iso-8859-1", "bogus-charset"]))
def test_utf8_text_survives_any_declared_charset(text: str, declared: str | None) -> None:
    assert decode_bytes(text.encode("utf-8", "surrogatepass"), declared) == text or any(
        "\ud800" <= ch <= "\udfff" for ch in text
    )


@given(st.binary(), st.sampled_from([None, "gbk", "utf-8", "big5", "x-unknown"]))
def test_any_bytes_decode_without_error(data: bytes, declared: str | None) -> None:
    assert isinstance(decode_bytes(data, declared), str)


@given(st.binary(max_size=2000))
def test_any_bytes_parse_without_error(raw: bytes) -> None:
    mail = parse(raw)
    assert mail.key
