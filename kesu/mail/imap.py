"""Polling the IMAP mailbox once (imap-tools): fetch unseen messages without marking them,
register each (its own transaction), and only then flag it \\Seen on the server.

Nothing is lost when the mailbox or the connection fails part-way: a message is flagged only
after its case or event has committed, so an unflagged one is fetched again next run; a
message stored but not flagged (the connection dropped in between) is recognised by its
`UIDVALIDITY:UID` and its Message-ID, and only flagged. Each run records its success or its
failure (time, error, consecutive failures) on the `Mailbox` row the settings page shows."""

from __future__ import annotations

import logging
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from imaplib import IMAP4
from typing import Any

from django.conf import settings
from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessageFlags
from imap_tools.errors import MailboxLoginError, UnexpectedCommandStatusError
from imap_tools.message import MailMessage

from kesu.core.outage import DATABASE_DOWN
from kesu.mail import selectors, services
from kesu.mail.models import Source

logger = logging.getLogger("kesu.mail")

#: What a mailbox that is down, unreachable or refusing us raises.
MAILBOX_DOWN = (
    OSError,
    socket.timeout,
    ssl.SSLError,
    IMAP4.error,
    IMAP4.abort,
    MailboxLoginError,
    UnexpectedCommandStatusError,
    EOFError,
)


class RawMessage(MailMessage):
    """imap-tools' message that keeps the bytes as received (stored, never re-serialised)."""

    def __init__(self, fetch_data: list[Any]) -> None:
        super().__init__(fetch_data)
        self.raw: bytes = self._get_message_data_parts(fetch_data)[0]


class _Plain(MailBoxUnencrypted):
    email_message_class = RawMessage


class _Tls(MailBox):
    email_message_class = RawMessage


class _StartTls(MailBoxStartTls):
    email_message_class = RawMessage


@dataclass(frozen=True)
class PollResult:
    fetched: int  # messages read from the server this run
    registered: int  # newly stored (new case, reply, quarantined or failed)
    flagged: int  # flagged \\Seen after their commit
    error: str = ""


def configured() -> bool:
    return bool(settings.KESU_MAIL_IMAP_HOST)


def _connect() -> MailBox:
    host, port = settings.KESU_MAIL_IMAP_HOST, settings.KESU_MAIL_IMAP_PORT
    timeout = settings.KESU_MAIL_IMAP_TIMEOUT
    security = settings.KESU_MAIL_IMAP_SECURITY
    box: MailBox
    if security == "plain":
        box = _Plain(host, port, timeout=timeout)
    elif security == "starttls":
        box = _StartTls(host, port, timeout=timeout)
    else:
        box = _Tls(host, port, timeout=timeout)
    return box.login(
        settings.KESU_MAIL_IMAP_USER,
        settings.KESU_MAIL_IMAP_PASSWORD,
        initial_folder=settings.KESU_MAIL_IMAP_FOLDER,
    )


def poll(*, now: datetime) -> PollResult:
    """One run over the configured mailbox; never raises for a mailbox that is down (the
    failure is recorded and returned). Database errors propagate: the caller's loop waits."""
    name = settings.KESU_MAIL_IMAP_NAME
    fetched = registered = flagged = 0
    problems: list[str] = []
    try:
        with _connect() as box:
            validity = box.folder.status(options=["UIDVALIDITY"]).get("UIDVALIDITY", 0)
            for message in box.fetch(
                AND(seen=False),
                mark_seen=False,
                bulk=settings.KESU_MAIL_IMAP_BATCH,
                limit=settings.KESU_MAIL_IMAP_BATCH,
            ):
                fetched += 1
                uid = f"{validity}:{message.uid}"
                if not selectors.seen_uid(uid):
                    try:
                        result = services.receive(
                            raw=message.raw, source=Source.IMAP, now=now, mailbox_uid=uid
                        )
                    except DATABASE_DOWN:
                        raise
                    except Exception as error:
                        # One bad message must not block the rest: it stays unseen on the
                        # server (retried next run), the others go on.
                        logger.exception("mailbox %s: message UID %s not registered", name, uid)
                        problems.append(f"UID {message.uid}: {type(error).__name__}: {error}")
                        continue
                    registered += int(result.created)
                # Committed (now or in an earlier run): the server may forget it as unseen.
                box.flag(message.uid or "", MailMessageFlags.SEEN, value=True)
                flagged += 1
    except MAILBOX_DOWN as error:
        text = f"{type(error).__name__}: {error}".strip()
        logger.warning("mailbox %s: %s", name, text)
        services.record_poll_failure(name=name, error=text, received=registered, now=now)
        return PollResult(fetched, registered, flagged, error=text)
    if problems:
        text = "; ".join(problems)
        services.record_poll_failure(name=name, error=text, received=registered, now=now)
        return PollResult(fetched, registered, flagged, error=text)
    services.record_poll_success(name=name, received=registered, now=now)
    return PollResult(fetched, registered, flagged)
