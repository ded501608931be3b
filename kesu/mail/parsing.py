"""Reading one received e-mail from its raw bytes: headers, the text, attachments, and whether it
is a message a person wrote (auto-replies, bounces and mailing lists are not).

Chinese mail is often labelled wrongly: GB2312 or GBK declared for text that uses characters
only GB18030 has, no charset at all, or UTF-8 sent as GBK or Latin-1. Every decode therefore
tries a chain and takes the first that decodes without error: UTF-8 (bytes that are valid UTF-8
are, in practice, UTF-8: GBK text almost never is), the declared charset (GB2312/GBK read as
GB18030, their superset), GB18030, Big5-HKSCS; only the last resort replaces bytes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

import nh3

#: Charsets read as a superset that decodes everything the declared one does, and more.
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
}
#: Single-byte charsets that decode any bytes at all, so they cannot go first.
LATIN = frozenset({"cp1252", "iso-8859-15", "latin-1", "latin1", "windows-1252"})
#: Tried after the declared charset, in this order.
FALLBACKS = ("utf-8", "gb18030", "big5hkscs")
#: Precedence values that mark machine mail (RFC 3834 and common practice).
MACHINE_PRECEDENCE = frozenset({"auto_reply", "bulk", "junk", "list"})
BOUNCE_SENDERS = ("mailer-daemon", "postmaster")
SAFE_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"img"}
NUL = "\x00"
_TAGS_TO_LINES = re.compile(r"<(br|/p|/div|/li|/tr|/h[1-6])\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class MailAttachment:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ParsedMail:
    """What kesu reads from one message."""

    key: str
    message_id: str
    subject: str
    sender_name: str
    sender_email: str
    date: datetime | None
    text: str
    html: str  # sanitised (nh3); empty when the message had no HTML part
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    attachments: tuple[MailAttachment, ...] = ()
    #: Why the message is not a person writing (auto-reply, bounce, mailing list); empty if it is.
    machine_reason: str = ""
    charsets: tuple[str, ...] = field(default_factory=tuple)


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Text from `data` under the first charset of the chain that decodes it without error."""
    chain: list[str] = ["utf-8"]
    name = SUPERSETS.get((declared or "").strip().strip('"').lower(), (declared or "").lower())
    if name and name not in LATIN:
        chain.append(name)
    chain.extend(FALLBACKS)
    if name in LATIN:
        # Declared Latin-1 on 8-bit bytes in a Chinese mailbox is most often GBK mislabelled:
        # GB18030 first, the declared charset when that fails.
        chain.append(name)
    for charset in chain:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


def decode_header_value(value: str | None) -> str:
    """A header's text: RFC 2047 words (base64 or quoted-printable) decoded with the charset
    chain, raw 8-bit bytes (a non-conforming client) too; folded lines joined."""
    if not value:
        return ""
    pieces: list[str] = []
    for chunk, charset in decode_header(str(value)):
        if isinstance(chunk, bytes):
            pieces.append(decode_bytes(chunk, charset))
        else:
            pieces.append(chunk)
    return re.sub(r"\s*[\r\n]+\s*", " ", "".join(pieces)).strip()


def _raw_header(message: Message, name: str) -> str:
    """A header as received (the compat32 policy leaves it undecoded; 8-bit bytes arrive as
    surrogates, which are turned back into bytes and decoded with the chain)."""
    # raw_items: the value before compat32 replaces 8-bit bytes by U+FFFD.
    value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    if value is None:
        return ""
    text = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        return decode_bytes(text.encode("ascii", "surrogateescape"), None)
    return decode_header_value(text)


def _message_ids(value: str) -> tuple[str, ...]:
    return tuple(re.findall(r"<[^<>\s\x00]+>", value or ""))


def key_of(message_id: str, raw: bytes) -> str:
    """The message's identity: its Message-ID, else (none, or one that is blank) its bytes."""
    basis = message_id.strip().lower().encode() if message_id.strip() else raw
    prefix = "id:" if message_id.strip() else "raw:"
    return prefix + hashlib.sha256(basis).hexdigest()


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return decode_bytes(payload, part.get_content_charset())


def html_to_text(html: str) -> str:
    """Readable text of an HTML body (facts need text; the sanitised HTML is kept beside it)."""
    with_lines = _TAGS_TO_LINES.sub("\n", html)
    text = nh3.clean(with_lines, tags=set())
    text = (
        text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
    )  # fmt: skip
    return tidy(text)


def tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def sanitise_html(html: str) -> str:
    """HTML safe to show on a staff page: nh3's allow-list (no scripts, styles or event
    handlers) without images (a remote image tells the sender the mail was read), links made
    `rel="noopener noreferrer"`."""
    return nh3.clean(html, tags=SAFE_TAGS, url_schemes={"http", "https", "mailto"})


def _attachment_name(part: Message, index: int) -> str:
    name = part.get_filename()
    if name:
        name = decode_header_value(name) if "=?" in name else name
        if any("\udc80" <= ch <= "\udcff" for ch in name):
            name = decode_bytes(name.encode("ascii", "surrogateescape"), None)
    name = (name or "").replace(NUL, "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name or f"attachment-{index}"


def _machine_reason(message: Message, sender: str, return_path: str) -> str:
    auto = (message.get("Auto-Submitted") or "").strip().lower()
    if auto and auto != "no":
        return "auto_reply"
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return "auto_reply"
    precedence = (message.get("Precedence") or "").strip().lower()
    if precedence in MACHINE_PRECEDENCE:
        return "mailing_list" if precedence in {"bulk", "list"} else "auto_reply"
    content_type = message.get_content_type()
    if content_type == "multipart/report" or return_path.strip() == "<>":
        return "bounce"
    if sender.split("@", 1)[0].lower() in BOUNCE_SENDERS:
        return "bounce"
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return "mailing_list"
    return ""


def parse(raw: bytes) -> ParsedMail:
    """Read `raw` (one RFC 5322 message). Never raises on a malformed message: what cannot
    be read is left empty (the raw bytes are kept by the caller)."""
    message = BytesParser(policy=policy.compat32).parsebytes(raw)
    message_id = " ".join(_message_ids(str(message.get("Message-ID") or ""))[:1])
    from_value = _raw_header(message, "From")
    addresses = getaddresses([from_value])
    sender_name, sender_email = addresses[0] if addresses else ("", "")
    try:
        date = parsedate_to_datetime(str(message.get("Date"))) if message.get("Date") else None
    except (TypeError, ValueError, IndexError):
        date = None
    if date is not None and date.tzinfo is None:
        date = None  # a date without a zone says nothing reliable about when
    texts: list[str] = []
    htmls: list[str] = []
    attachments: list[MailAttachment] = []
    charsets: list[str] = []
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            continue
        disposition = (part.get_content_disposition() or "").lower()
        content_type = part.get_content_type()
        charset = part.get_content_charset()
        if charset:
            charsets.append(charset)
        if (
            disposition == "attachment"
            or (part.get_filename() and disposition != "inline")
            or (
                disposition == "inline"
                and part.get_filename()
                and not content_type.startswith("text/")
            )
        ):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                attachments.append(
                    MailAttachment(_attachment_name(part, index), content_type, payload)
                )
        elif content_type == "text/plain":
            texts.append(_part_text(part))
        elif content_type == "text/html":
            htmls.append(_part_text(part))
    # NUL never reaches a column (PostgreSQL refuses it in text): a message carrying one would
    # otherwise fail on every run.
    texts = [t.replace(NUL, "") for t in texts]
    html = sanitise_html("\n".join(htmls).replace(NUL, "")) if htmls else ""
    # Plain text is preferred for the facts; an HTML-only message gives its text.
    text = tidy("\n\n".join(texts)) if any(t.strip() for t in texts) else html_to_text(html)
    return ParsedMail(
        key=key_of(message_id, raw),
        message_id=message_id,
        subject=_raw_header(message, "Subject").replace(NUL, ""),
        sender_name=sender_name.replace(NUL, "").strip().strip('"'),
        sender_email=sender_email.replace(NUL, "").strip().lower(),
        date=date,
        text=text,
        html=html,
        in_reply_to=_message_ids(str(message.get("In-Reply-To") or "")),
        references=_message_ids(str(message.get("References") or "")),
        attachments=tuple(attachments),
        machine_reason=_machine_reason(
            message, sender_email, str(message.get("Return-Path") or "")
        ),
        charsets=tuple(charsets),
    )
