"""Registering received e-mail: `receive` is the one way in for the IMAP poller, the `.eml`
upload page and `manage.py import_eml`, so threading, idempotency and quarantine hold for all.

One message, one transaction: the stored `InboundMessage` (raw bytes), and the case it opened or
the history event it added to its case, commit together or not at all. The same message twice
(same Message-ID, or the same bytes when it has none) answers with the first row."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.services.attachments import add_attachment, check_upload
from kesu.cases.services.events import record_event
from kesu.cases.services.limits import EMAIL_PATTERN, FACTS_MAX, column
from kesu.cases.services.notices import tell_owners
from kesu.cases.services.registration import Registration
from kesu.cases.services.transitions import reopen_with_new_material
from kesu.core.errors import ServiceError
from kesu.domain.vocabulary import Channel
from kesu.intake.services import arrival as on_arrival
from kesu.intake.services.arrival import Outcome as ArrivalOutcome
from kesu.mail import selectors
from kesu.mail.models import InboundMessage, Mailbox, Outcome, QuarantineReason, Source
from kesu.mail.parsing import MailAttachment, ParsedMail, key_of, parse
from kesu.notify.services import notify
from kesu.org.access import Authority, authority_of
from kesu.org.services import system_user

#: The history step a customer's e-mail about an existing case makes ("customer wrote").
CUSTOMER_WROTE = "customer_wrote"
#: The staff notice for it, and the receipt the sender gets for a new case.
OWNER_TEMPLATE = "customer_wrote_email"
RECEIPT_TEMPLATE = "mail_received"
KEY_PREFIX = "mail:"
SUBJECT_MAX = 500
ERROR_MAX = 500
_NUMBER_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/]{3,39}")


@dataclass(frozen=True)
class Received:
    message: InboundMessage
    created: bool


def _system(now: datetime) -> Authority:
    return authority_of(system_user(), now=now)


def own_addresses() -> frozenset[str]:
    """Our own addresses: mail from them is a loop, never a complaint."""
    addresses = {
        parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower(),
        settings.KESU_MAIL_IMAP_USER.lower() if "@" in settings.KESU_MAIL_IMAP_USER else "",
    }
    return frozenset(a for a in addresses if a)


def receive(*, raw: bytes, source: Source, now: datetime, mailbox_uid: str = "") -> Received:
    """Store and register one message; returns the stored row and whether it is new.

    A message that cannot be registered (say, its text breaks a limit no fallback fixes) is
    stored as `failed` with the reason, raw bytes and all, and shown on the settings page; a
    database or program error propagates and stores nothing, so the poller leaves the mail
    unseen on the server and tries again next run."""
    parsed = parse(raw)
    existing = InboundMessage.objects.filter(key=parsed.key).first()
    if existing is not None and not _same_mail(existing, parsed):
        # A Message-ID reused by another message (a broken or hostile client): this one is
        # not a copy, so it is known by its bytes instead and stored too.
        parsed = replace(parsed, key=key_of("", raw))
        existing = InboundMessage.objects.filter(key=parsed.key).first()
    if existing is not None:
        return Received(existing, created=False)
    try:
        with transaction.atomic():
            message = _store(parsed, raw, source, now, mailbox_uid)
            _register(message, parsed, now)
    except IntegrityError:
        # The same message arrived at the same moment by another way in, or a rule of the
        # database refused it: either the row exists now, or the error is real.
        existing = InboundMessage.objects.filter(key=parsed.key).first()
        if existing is None:
            raise
        return Received(existing, created=False)
    except ServiceError as error:
        with transaction.atomic():
            message = _store(parsed, raw, source, now, mailbox_uid)
            message.outcome = Outcome.FAILED
            message.error = str(error.message)[:ERROR_MAX]
            message.save(update_fields=["outcome", "error"])
    return Received(message, created=True)


def _same_mail(stored: InboundMessage, parsed: ParsedMail) -> bool:
    """Whether `parsed` is a copy of `stored` (a copy may differ in its Received lines)."""
    return (stored.sender_email, stored.subject) == (
        parsed.sender_email[:254],
        parsed.subject[:SUBJECT_MAX],
    )


def _store(
    parsed: ParsedMail, raw: bytes, source: Source, now: datetime, mailbox_uid: str
) -> InboundMessage:
    return InboundMessage.objects.create(
        key=parsed.key,
        message_id=parsed.message_id[:998],
        mailbox_uid=mailbox_uid[:60],
        source=source,
        raw=raw,
        size=len(raw),
        sender_email=parsed.sender_email[:254],
        sender_name=parsed.sender_name[:200],
        subject=parsed.subject[:SUBJECT_MAX],
        sent_at=parsed.date,
        received_at=now,
        outcome=Outcome.QUARANTINED,  # until the message is registered below
        html=parsed.html,
    )


def _register(message: InboundMessage, parsed: ParsedMail, now: datetime) -> None:
    reason = _quarantine_reason(parsed)
    if reason:
        message.quarantine_reason = reason
        message.save(update_fields=["quarantine_reason"])
        return
    authority = _system(now)
    case = selectors.case_replied_to(
        message_ids=parsed.in_reply_to + parsed.references,
        subject_numbers=subject_numbers(parsed.subject),
        sender=parsed.sender_email,
    )
    if case is not None:
        _add_reply(case.pk, message, parsed, authority, now)
        message.outcome = Outcome.REPLY
    else:
        case, hastened = _open_case(message, parsed, authority, now)
        message.outcome = Outcome.REPLY if hastened else Outcome.NEW_CASE
    message.case = case
    message.save(update_fields=["outcome", "case"])


def _quarantine_reason(parsed: ParsedMail) -> str:
    if parsed.machine_reason:
        return parsed.machine_reason
    if not parsed.sender_email:
        return QuarantineReason.NO_SENDER
    if parsed.sender_email in own_addresses():
        return QuarantineReason.OWN_ADDRESS
    return ""


def subject_numbers(subject: str) -> list[str]:
    """Tokens of the subject that could be a case number (matched against cases later)."""
    return _NUMBER_TOKEN.findall(subject)[:20]


def _facts(parsed: ParsedMail) -> str:
    parts = [parsed.subject.strip(), parsed.text.strip()]
    facts = "\n\n".join(p for p in parts if p)
    if not facts:
        names = "、".join(a.name for a in parsed.attachments)
        facts = _("An e-mail without text.") + (f" {names}" if names else "")
    return facts[:FACTS_MAX]


def _name(parsed: ParsedMail) -> str:
    name = parsed.sender_name or parsed.sender_email.split("@", 1)[0] or _("E-mail sender")
    return name.replace("\x00", "")[: column("complainant_name")]


def _email(parsed: ParsedMail) -> str:
    address = parsed.sender_email
    if len(address) > column("complainant_email") or not re.fullmatch(EMAIL_PATTERN, address):
        return ""
    return address


def _received_at(parsed: ParsedMail, now: datetime) -> datetime:
    """The Date header, bounded by now (a sender's clock ahead of ours) and by 2000."""
    if parsed.date is None or parsed.date.year < 2000:
        return now
    return min(parsed.date, now)


def _open_case(
    message: InboundMessage, parsed: ParsedMail, authority: Authority, now: datetime
) -> tuple[Case, bool]:
    """A new case for the mail, or the sender's open case hastened; `(case, hastened)`."""
    data = Registration(
        complainant_name=_name(parsed),
        complainant_email=_email(parsed),
        facts=_facts(parsed).replace("\x00", ""),
        channel=Channel.EMAIL,
        received_at=_received_at(parsed, now),
    )
    # On arrival (kesu.intake): a sender with an open case hastens it (催办) instead of opening
    # another; the mail's text and files then land on that case like a reply.
    arrival = on_arrival.receive(
        data,
        authority=authority,
        now=now,
        idempotency_key=KEY_PREFIX + message.key,
        attach_repeats=True,
    )
    case = arrival.case
    if arrival.outcome is ArrivalOutcome.HASTENED:
        _add_reply(case.pk, message, parsed, authority, now)
        return case, True
    skipped = _attach(case.pk, parsed.attachments, authority, now)
    if skipped:
        record_event(
            case=case,
            authority=authority,
            action=CUSTOMER_WROTE,
            at=now,
            data={"source": "email", "message": message.pk, "files_refused": skipped},
        )
    if case.complainant_email:
        notify(
            template=RECEIPT_TEMPLATE,
            dedupe_key=f"{RECEIPT_TEMPLATE}:{case.pk}",
            context={
                "number": case.number,
                "name": case.complainant_name,
                "subject": parsed.subject[:100],
                "due": None,
            },
            case=case,
            email=case.complainant_email,
            channels=("email",),
        )
    return case, False


def _attach(
    case_id: int, attachments: tuple[MailAttachment, ...], authority: Authority, now: datetime
) -> list[str]:
    """Attach each file the evidence rules accept; return the refused ones ("name: why").
    A refused file is not lost: the raw message keeps it."""
    refused: list[str] = []
    for item in attachments:
        upload = SimpleUploadedFile(item.name, item.content, content_type=item.content_type)
        try:
            check_upload(upload)
            add_attachment(case_id=case_id, upload=upload, authority=authority, now=now)
        except ServiceError as error:
            refused.append(f"{item.name}: {error.message}"[:300])
    return refused


def _add_reply(
    case_id: int,
    message: InboundMessage,
    parsed: ParsedMail,
    authority: Authority,
    now: datetime,
) -> None:
    """The customer wrote about their case: a step in its history with the text, the files
    attached, a provisional closure inside its window reopened, the owner told."""
    case = Case.objects.select_for_update(of=("self",)).get(pk=case_id)
    text = parsed.text.strip()[:FACTS_MAX]
    record_event(
        case=case,
        authority=authority,
        action=CUSTOMER_WROTE,
        at=now,
        data={
            "source": "email",
            "message": message.pk,
            "subject": parsed.subject[:200],
            "from": parsed.sender_email,
            "files": [a.name for a in parsed.attachments],
        },
        note=text,
    )
    refused = _attach(case.pk, parsed.attachments, authority, now)
    if refused:
        record_event(
            case=case,
            authority=authority,
            action=CUSTOMER_WROTE,
            at=now,
            data={"source": "email", "message": message.pk, "files_refused": refused},
        )
    case.refresh_from_db()
    # Inside a provisional closure's window the customer's word reopens the case (the rule
    # decides; it does nothing to an open or a finally closed case).
    reopen_with_new_material(
        case=case, authority=authority, now=now, note=text, details={"new_material": CUSTOMER_WROTE}
    )
    tell_owners(case, OWNER_TEMPLATE, text or parsed.subject, now)


# --- the mailbox's status ----------------------------------------------------------------


def mailbox_row(name: str) -> Mailbox:
    row, _created = Mailbox.objects.get_or_create(name=name)
    return row


def record_poll_success(*, name: str, received: int, now: datetime) -> Mailbox:
    with transaction.atomic():
        row = Mailbox.objects.select_for_update().get(pk=mailbox_row(name).pk)
        row.last_attempt_at = now
        row.last_success_at = now
        row.consecutive_failures = 0
        row.messages_received += received
        row.save()
    return row


def record_poll_failure(*, name: str, error: str, received: int, now: datetime) -> Mailbox:
    with transaction.atomic():
        row = Mailbox.objects.select_for_update().get(pk=mailbox_row(name).pk)
        row.last_attempt_at = now
        row.last_error_at = now
        row.last_error = error[:ERROR_MAX]
        row.consecutive_failures += 1
        row.messages_received += received
        row.save()
    return row
