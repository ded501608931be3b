"""Writing notifications: `notify` records one message per channel inside the caller's
transaction and queues e-mail and SMS for delivery once that transaction commits; `mark_read`,
`mark_case_read` and `resend` change existing rows; `inbox` is what the notification centre
lists (and the badge counts)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kesu.core import clock
from kesu.core.errors import NotFound, ServiceError
from kesu.notify import tasks
from kesu.notify.kinds import KINDS, kind_of, templates_of
from kesu.notify.models import Channel, Language, Notification, NotificationTemplate, Status
from kesu.notify.rendering import render_subject, render_text
from kesu.org.models import User

if TYPE_CHECKING:  # annotations only: notify sits below cases
    from kesu.cases.models import Case

logger = logging.getLogger("kesu.notify")

FALLBACK_LANGUAGE = Language.ZH_HANS


def language_of(code: str | None) -> str:
    """The template language for a Django language code: English or Simplified Chinese."""
    code = (code or settings.LANGUAGE_CODE).lower()
    return Language.EN if code.startswith("en") else Language.ZH_HANS


def _address(channel: str, recipient: User | None, email: str, phone: str) -> str | None:
    """Where a message on `channel` goes; None when there is nowhere to send it."""
    if channel == Channel.IN_APP:
        return "" if recipient is not None else None
    if channel == Channel.EMAIL:
        return email.strip() or (recipient.email if recipient is not None else "") or None
    if channel == Channel.SMS:
        return phone.strip() or (recipient.phone if recipient is not None else "") or None
    raise ValueError(f"unknown notification channel {channel!r}")


def _templates(code: str, language: str, channels: list[str]) -> dict[str, NotificationTemplate]:
    """The template per channel in `language`, else in Simplified Chinese (one query)."""
    found: dict[str, NotificationTemplate] = {}
    rows = NotificationTemplate.objects.filter(
        code=code, channel__in=channels, language__in={language, FALLBACK_LANGUAGE}
    )
    for row in rows:
        if row.channel not in found or row.language == language:
            found[row.channel] = row
    return found


def notify(
    *,
    template: str,
    dedupe_key: str,
    context: dict[str, Any],
    case: Case | None = None,
    recipient: User | None = None,
    email: str = "",
    phone: str = "",
    channels: Sequence[str] = ("in_app",),
    language: str | None = None,
) -> list[Notification]:
    """Record the message `template` for one person on each of `channels` that has an address,
    and return the rows created.

    Call it inside the transaction that makes the change the message is about: the rows commit
    or roll back with it, and e-mail and SMS are queued only after the commit. In-app needs
    `recipient`; e-mail `email` or the recipient's address; SMS `phone` or the recipient's phone.
    `dedupe_key` names the event: a channel that already has a row for the key is skipped, so
    the same event reported twice sends once. Subject and body are rendered now, in `language`
    (default: the site's), falling back to the Chinese template.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify() must run inside the caller's transaction.atomic()")
    wanted = {
        channel: address
        for channel in dict.fromkeys(channels)
        if (address := _address(channel, recipient, email, phone)) is not None
    }
    if not wanted:
        return []
    already = set(
        Notification.objects.filter(dedupe_key=dedupe_key, channel__in=list(wanted)).values_list(
            "channel", flat=True
        )
    )
    todo = [channel for channel in wanted if channel not in already]
    if not todo:
        return []
    language = language_of(language)
    templates = _templates(template, language, todo)
    values = {"hotline": getattr(settings, "KESU_HOTLINE", ""), **context}
    now = clock.now()
    message = Message(template, dedupe_key, context, case=case, recipient=recipient)
    created = []
    for channel in todo:
        source = templates.get(channel)
        if source is None:
            # A missing template must not undo the caller's change; the log says what is missing.
            logger.error("no %s template %r in %s or %s", channel, template, language,
                         FALLBACK_LANGUAGE)  # fmt: skip
            continue
        notification = _row(message, channel, address=wanted[channel], source=source,
                            values=values, now=now)  # fmt: skip
        if notification is None:
            continue  # a broken template, logged
        in_app = channel == Channel.IN_APP
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin loses only this row
                notification.save(force_insert=True)
        except IntegrityError:
            continue  # another transaction recorded the same event on this channel first
        created.append(notification)
        if not in_app:
            # robust: a queue that is down must not fail the committed change; `notify_retry`
            # picks the row up later.
            transaction.on_commit(partial(tasks.enqueue_delivery, notification.pk), robust=True)
    return created


@dataclass(frozen=True)
class Message:
    """One call of `notify`, as data, for `notify_many`."""

    template: str
    dedupe_key: str
    context: dict[str, Any]
    case: Case | None = None
    recipient: User | None = None
    email: str = ""
    phone: str = ""
    channels: Sequence[str] = ("in_app",)
    language: str | None = None


def notify_many(messages: Sequence[Message]) -> list[Notification]:
    """`notify` for many messages in a few queries: one for the keys already recorded, one per
    template and language, one insert for all rows — so the sweep's cost does not grow by a
    query per recipient. Same guarantees: inside the caller's transaction, one row per key and
    channel, e-mail and SMS queued after the commit. Should a concurrent twin have recorded one
    of the keys first, the insert is undone (a savepoint) and each message goes through `notify`.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify_many() must run inside the caller's transaction.atomic()")
    planned = [
        (message, channel, address)
        for message in messages
        for channel in dict.fromkeys(message.channels)
        if (address := _address(channel, message.recipient, message.email, message.phone))
        is not None
    ]
    if not planned:
        return []
    already = set(
        Notification.objects.filter(
            dedupe_key__in={message.dedupe_key for message, _c, _a in planned}
        ).values_list("dedupe_key", "channel")
    )
    templates: dict[tuple[str, str], dict[str, NotificationTemplate]] = {}
    hotline = getattr(settings, "KESU_HOTLINE", "")
    now = clock.now()
    rows = []
    for message, channel, address in planned:
        if (message.dedupe_key, channel) in already:
            continue
        language = language_of(message.language)
        key = (message.template, language)
        if key not in templates:
            templates[key] = _templates(message.template, language, list(Channel.values))
        source = templates[key].get(channel)
        if source is None:
            logger.error("no %s template %r in %s or %s", channel, message.template, language,
                         FALLBACK_LANGUAGE)  # fmt: skip
            continue
        values = {"hotline": hotline, **message.context}
        row = _row(message, channel, address=address, source=source, values=values, now=now)
        if row is not None:
            rows.append(row)
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(rows)
    except IntegrityError:
        return _one_by_one(messages)
    for row in created:
        if row.channel != Channel.IN_APP:
            transaction.on_commit(partial(tasks.enqueue_delivery, row.pk), robust=True)
    return created


def _row(
    message: Message,
    channel: str,
    *,
    address: str,
    source: NotificationTemplate,
    values: dict[str, Any],
    now: datetime,
) -> Notification | None:
    """The unsaved row for one message on one channel; None (logged) if its template is broken."""
    try:
        subject = render_subject(source.subject, values, language=source.language)
        body = render_text(source.body, values, language=source.language)
    except TemplateSyntaxError:
        logger.exception("template %s is broken; message not recorded", source)
        return None
    in_app = channel == Channel.IN_APP
    return Notification(
        recipient=message.recipient,
        address=address,
        channel=channel,
        template=message.template,
        language=source.language,
        case=message.case,
        subject=subject,
        body=body,
        dedupe_key=message.dedupe_key,
        status=Status.SENT if in_app else Status.PENDING,
        created_at=now,
        sent_at=now if in_app else None,
        next_attempt_at=None if in_app else now,
    )


def _one_by_one(messages: Sequence[Message]) -> list[Notification]:
    return [
        row
        for message in messages
        for row in notify(
            template=message.template,
            dedupe_key=message.dedupe_key,
            context=message.context,
            case=message.case,
            recipient=message.recipient,
            email=message.email,
            phone=message.phone,
            channels=message.channels,
            language=message.language,
        )
    ]


def inbox(
    user: User, *, unread: bool | None = None, kind: str | None = None
) -> QuerySet[Notification]:
    """The user's in-app notifications, newest first; `unread` True/False for unread or read
    ones only, `kind` (see `kinds.KINDS`) for one kind. An unknown kind answers 400."""
    rows = Notification.objects.filter(recipient=user, channel=Channel.IN_APP).order_by("-id")
    if unread is not None:
        rows = rows.filter(read_at__isnull=unread)
    if kind:
        if kind not in KINDS:
            raise ServiceError(
                "unknown_kind", _("Unknown kind of notification: %(kind)s.") % {"kind": kind},
                field="kind",
            )  # fmt: skip
        rows = rows.filter(template__in=templates_of(kind))
    return rows


def unread_count(user: User) -> int:
    """The badge: every unread notice the notification centre lists (the same rows)."""
    return inbox(user, unread=True).count()


def unread_by_kind(user: User) -> dict[str, int]:
    """Unread notices per kind, for the centre's filter (one grouped query)."""
    counts = dict.fromkeys(KINDS, 0)
    rows = inbox(user, unread=True).order_by().values_list("template").annotate(n=Count("id"))
    for template, n in rows:
        kind = kind_of(template)
        if kind is not None:
            counts[kind] += n
    return counts


def mark_read(
    user: User,
    ids: Iterable[int] | Literal["all"],
    *,
    now: datetime | None = None,
    kind: str | None = None,
) -> int:
    """Mark the user's in-app notifications `ids` (or all of them, or all of one `kind`) read;
    return how many changed. Ids of other people's notifications are ignored."""
    rows = inbox(user, unread=True, kind=kind)
    if ids != "all":
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=now or clock.now())


def mark_case_read(user: User, case: Case, *, now: datetime) -> int:
    """Opening a case reads the user's notices about it (one UPDATE); returns how many."""
    return inbox(user, unread=True).filter(case=case).update(read_at=now)


def read_one(user: User, notification_id: int, *, now: datetime) -> Notification:
    """Mark one of the user's notifications read and return it; anyone else's answers 404."""
    mark_read(user, [notification_id], now=now)
    found = inbox(user).select_related("case").filter(pk=notification_id).first()
    if found is None:
        raise NotFound("not_found", _("Notification not found."))
    return found


def resend(notification_ids: Iterable[int], *, now: datetime) -> int:
    """Send uncertain or failed messages again — a person's decision after checking that they
    did not arrive. Returns how many were queued."""
    with transaction.atomic():
        ids = list(
            Notification.objects.select_for_update()
            .filter(pk__in=list(notification_ids), status__in=[Status.UNCERTAIN, Status.FAILED])
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=ids).update(
            status=Status.PENDING, attempts=0, next_attempt_at=now, sending_since=None
        )
        for notification_id in ids:
            transaction.on_commit(partial(tasks.enqueue_delivery, notification_id), robust=True)
    return len(ids)


# Delivery: the state changes of the at-most-once send (`tasks.deliver` runs them in order).


def claim(notification_id: int, *, now: datetime) -> Notification | str:
    """Take a pending, due message for sending (pending → sending, committed at once), or say
    why not: "missing", "not_due" or the status it is in."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            return "missing"
        if notification.status != Status.PENDING:
            return str(notification.status)
        if notification.next_attempt_at is not None and notification.next_attempt_at > now:
            return "not_due"
        notification.status = Status.SENDING
        notification.sending_since = now
        notification.attempts += 1
        notification.save(update_fields=["status", "sending_since", "attempts"])
    return notification


def record_sent(notification_id: int, *, provider_id: str, now: datetime) -> None:
    """The provider accepted the message. `uncertain` too: the sweep may have given up on a
    very slow send that did succeed."""
    Notification.objects.filter(
        pk=notification_id, status__in=[Status.SENDING, Status.UNCERTAIN]
    ).update(
        status=Status.SENT,
        sent_at=now,
        provider_id=provider_id[:200],
        sending_since=None,
        next_attempt_at=None,
    )


def record_failure(notification: Notification, error: Exception, *, now: datetime) -> str:
    """The provider refused or failed: back to pending with a growing wait (the retry is
    queued on commit), or `failed` after `tasks.MAX_ATTEMPTS`. Returns the new status."""
    gave_up = notification.attempts >= tasks.MAX_ATTEMPTS
    next_attempt = None if gave_up else now + tasks.backoff(notification.attempts)
    with transaction.atomic():
        Notification.objects.filter(
            pk=notification.pk, status__in=[Status.SENDING, Status.UNCERTAIN]
        ).update(
            status=Status.FAILED if gave_up else Status.PENDING,
            last_error=f"{type(error).__name__}: {error}"[:1000],
            next_attempt_at=next_attempt,
            sending_since=None,
        )
        if next_attempt is not None:
            transaction.on_commit(
                partial(tasks.enqueue_delivery, notification.pk, run_after=next_attempt),
                robust=True,
            )
    return str(Status.FAILED if gave_up else Status.PENDING)


def flag_uncertain(*, stale_before: datetime) -> int:
    """Messages left `sending` since before `stale_before`: their worker stopped mid-send, so
    nobody knows whether they went out. Flagged for a person, never resent automatically."""
    return Notification.objects.filter(
        status=Status.SENDING, sending_since__lte=stale_before
    ).update(status=Status.UNCERTAIN, last_error=tasks.UNCERTAIN_NOTE, sending_since=None)


def close_abandoned_tasks(*, task_path: str, started_before: datetime, now: datetime) -> int:
    """Mark queue tasks of `task_path` running since before `started_before` as failed: their
    worker was killed (a clean stop or a database outage is handled by the worker itself).
    Their message is flagged uncertain if the send had begun, or re-enqueued if it had not."""
    return DBTaskResult.objects.filter(
        task_path=task_path, status=TaskResultStatus.RUNNING, started_at__lte=started_before
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="kesu.notify.tasks.WorkerLost",
        traceback="The worker stopped while running this task (killed or lost).",
    )


def requeue_task(task_id: Any) -> bool:
    """Put a queue task that a database outage interrupted back to `ready` (the worker's
    recovery); False if it had finished meanwhile."""
    return bool(
        DBTaskResult.objects.filter(
            pk=task_id, status__in=[TaskResultStatus.RUNNING, TaskResultStatus.FAILED]
        ).update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )
    )
