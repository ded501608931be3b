"""Real e-mail bytes as Chinese mail clients send them, built here rather than stored, so each
test shows what it feeds: GBK with base64 and quoted-printable headers, GB18030 declared as
GB2312, UTF-8, attachments with encoded names, replies, auto-replies and bounces."""

from __future__ import annotations

import base64
import quopri

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def b64_word(text: str, charset: str) -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def qp_word(text: str, charset: str) -> str:
    return f"=?{charset}?Q?{quopri.encodestring(text.encode(charset), header=True).decode()}?="


def _wrap(data: bytes) -> str:
    encoded = base64.b64encode(data).decode()
    return "\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def gbk_complaint(*, message_id: str = "<gbk-1@mail.example.cn>", date: str = "") -> bytes:
    """GBK everywhere: base64 subject, quoted-printable sender name, a GBK text body in base64,
    a photo named in GBK (RFC 2047 in the parameter, as Foxmail and Outlook do) and a PDF named
    with RFC 2231."""
    body = "你好：\r\n我于11月购买的空调漏水，报修三次无人上门。要求退货。\r\n王丽\r\n"
    lines = [
        f"From: {qp_word('王丽', 'gbk')} <wangli@example.cn>",
        "To: kesu@huilian.example.cn",
        f"Subject: {b64_word('空调漏水投诉', 'gbk')}",
        f"Date: {date or 'Mon, 30 Nov 2026 09:15:00 +0800'}",
        *([f"Message-ID: {message_id}"] if message_id else []),
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="BOUNDARY"',
        "",
        "--BOUNDARY",
        'Content-Type: text/plain; charset="gbk"',
        "Content-Transfer-Encoding: base64",
        "",
        _wrap(body.encode("gbk")),
        "--BOUNDARY",
        f'Content-Type: image/png; name="{b64_word("漏水照片.png", "gbk")}"',
        "Content-Transfer-Encoding: base64",
        f'Content-Disposition: attachment; filename="{b64_word("漏水照片.png", "gbk")}"',
        "",
        _wrap(PNG),
        "--BOUNDARY",
        "Content-Type: application/pdf",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment; filename*=utf-8''%E5%8F%91%E7%A5%A8.pdf",
        "",
        _wrap(PDF),
        "--BOUNDARY--",
        "",
    ]
    return "\r\n".join(lines).encode("ascii")


def gb18030_declared_gb2312() -> bytes:
    """A body declared GB2312 that holds 䶮 (only GB18030 has it) and a raw 8-bit GBK subject
    (no encoded word at all, as some old clients send)."""
    body = "刘䶮先生的投诉：热水器安装费被多收200元。"
    head = (
        b"From: liuyan@example.cn\r\n"
        b"Subject: " + "热水器安装费投诉".encode("gbk") + b"\r\n"
        b"Date: Tue, 01 Dec 2026 10:00:00 +0800\r\n"
        b"Message-ID: <gb18030-1@mail.example.cn>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="gb2312"\r\n'
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return head + body.encode("gb18030") + b"\r\n"


def utf8_html(*, declared: str = "utf-8", message_id: str = "<utf8-1@mail.example.cn>") -> bytes:
    """An HTML-only UTF-8 message (declared as `declared`) with a script and an onclick."""
    html = (
        '<html><body><p onclick="steal()">冰箱不制冷，<b>已经坏了两次</b>。</p>'
        "<script>alert('x')</script><img src=\"https://tracker.example/p.gif\">"
        "<p>订单号 HL20261101</p></body></html>"
    )
    head = (
        f"From: {b64_word('陈先生', 'utf-8')} <chen@example.com>\r\n"
        f"Subject: {qp_word('冰箱质量问题', 'utf-8')}\r\n"
        "Date: Tue, 01 Dec 2026 11:30:00 +0800\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: text/html; charset="{declared}"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return head.encode() + html.encode("utf-8") + b"\r\n"


def plain(
    *,
    sender: str = "wangli@example.cn",
    subject: str = "Re: 空调漏水投诉",
    body: str = "师傅还没来，请尽快处理。",
    message_id: str = "<reply-1@mail.example.cn>",
    in_reply_to: str = "",
    references: str = "",
    extra: tuple[str, ...] = (),
    date: str = "Wed, 02 Dec 2026 08:00:00 +0800",
    content_type: str = 'text/plain; charset="utf-8"',
) -> bytes:
    lines = [
        f"From: {sender}",
        "To: kesu@huilian.example.cn",
        f"Subject: {b64_word(subject, 'utf-8')}",
        f"Date: {date}",
        *([f"Message-ID: {message_id}"] if message_id else []),
        *([f"In-Reply-To: {in_reply_to}"] if in_reply_to else []),
        *([f"References: {references}"] if references else []),
        *extra,
        "MIME-Version: 1.0",
        f"Content-Type: {content_type}",
        "Content-Transfer-Encoding: base64",
        "",
        _wrap(body.encode("utf-8")),
        "",
    ]
    return "\r\n".join(lines).encode("ascii")


def auto_reply() -> bytes:
    return plain(
        subject="自动回复：空调漏水投诉",
        body="我正在休假，12月10日返回。",
        message_id="<auto-1@mail.example.cn>",
        extra=("Auto-Submitted: auto-replied", "X-Autoreply: yes"),
    )


def bounce() -> bytes:
    lines = [
        "From: MAILER-DAEMON@mail.example.cn",
        "To: kesu@huilian.example.cn",
        "Subject: Undelivered Mail Returned to Sender",
        "Date: Wed, 02 Dec 2026 08:05:00 +0800",
        "Message-ID: <bounce-1@mail.example.cn>",
        "Return-Path: <>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        "",
        "--B",
        "Content-Type: text/plain",
        "",
        "The mail could not be delivered.",
        "--B",
        "Content-Type: message/delivery-status",
        "",
        "Action: failed",
        "--B--",
        "",
    ]
    return "\r\n".join(lines).encode("ascii")


def mailing_list() -> bytes:
    return plain(
        sender="news@shop.example.cn",
        subject="双十二大促",
        body="全场五折",
        message_id="<list-1@shop.example.cn>",
        extra=("List-Id: <offers.shop.example.cn>", "List-Unsubscribe: <mailto:u@shop.example.cn>"),
    )
