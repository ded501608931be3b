"""Delivery of e-mail and SMS notifications, at most once per message.

`deliver(notification_id)` is a django-tasks task. It claims the row in its own short
transaction (pending → sending), commits, sends, and records the outcome — each state change
through `kesu.notify.services` (the app's only writer). A second run of the
same task — a retry, a duplicate enqueue, a second worker — finds the row no longer pending and
does nothing. A row left in `sending` means a worker stopped mid-send: the message may or may
not have gone out, so it is never resent automatically; `retry_sweep` (`manage.py notify_retry`)
marks it `uncertain` for a person to check. A visible uncertain message is better than a
duplicate SMS to a customer.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.header import Header
from email.message import Message
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from kesu.core import clock
from kesu.notify import services as delivery
from kesu.notify.gateways import sms_gateway
from kesu.notify.models import Channel, Notification, Status

logger = logging.getLogger("kesu.notify")

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)  # then 2, 4 and 8 minutes
STALE_SENDING = timedelta(minutes=10)
LOST_TASK_GRACE = timedelta(minutes=5)
UNCERTAIN_NOTE = (
    "The worker stopped while sending; it is unknown whether the message went out. Not resent "
    "automatically: check with the provider or the recipient, then resend from the admin."
)


def backoff(attempts: int) -> timedelta:
    """Wait before attempt `attempts + 1`: 1, 2, 4, 8 minutes."""
    return FIRST_RETRY * 2 ** max(attempts - 1, 0)


def message_id(notification: Notification) -> str:
    """A Message-ID derived from the notification, so a copy resent by hand after an uncertain
    delivery carries the same id and mail systems can tell it is the same message."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<kesu-notification-{notification.pk}@{domain}>"


@task()
def deliver(notification_id: int) -> str:
    """Send one pending e-mail or SMS notification; return the status it ends in."""
    claimed = delivery.claim(notification_id, now=clock.now())
    if isinstance(claimed, str):
        return claimed  # missing, not due, or no longer pending: nothing to send
    # Committed: from here on no other run will touch the row until we record the outcome.
    try:
        provider_id = _send(claimed)
    except Exception as error:  # any failure of the provider: record it and retry later
        logger.warning("notification %s: attempt %s failed", notification_id, claimed.attempts,
                       exc_info=True)  # fmt: skip
        return delivery.record_failure(claimed, error, now=clock.now())
    delivery.record_sent(notification_id, provider_id=provider_id, now=clock.now())
    return str(Status.SENT)


class _Email(EmailMessage):
    """Django's message with a Chinese subject encoded for its header line.

    Django 5.2 encodes a non-ASCII subject as one encoded word without regard to the "Subject: "
    prefix, so a subject of about 20 Chinese characters is folded onto a second line and
    standard parsers decode it with a leading space. Encoding with the header name splits it
    into encoded words that fit, which every client decodes exactly."""

    def message(self, *args: Any, **kwargs: Any) -> Any:
        msg = super().message(*args, **kwargs)
        if not self.subject.isascii():
            del msg["Subject"]
            # Message.__setitem__, not Django's, which would re-encode the Header as a string.
            Message.__setitem__(
                msg, "Subject", Header(self.subject, "utf-8", header_name="Subject")
            )
        return msg


def _send(notification: Notification) -> str:
    if notification.channel == Channel.EMAIL:
        message = _Email(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.address],
            headers={"Message-ID": message_id(notification)},
        )
        message.send(fail_silently=False)
        return message_id(notification)
    if notification.channel == Channel.SMS:
        return sms_gateway().send(notification.address, notification.body)
    raise ValueError(f"channel {notification.channel!r} is not delivered by a task")


def enqueue_delivery(notification_id: int, *, run_after: datetime | None = None) -> None:
    """Queue `deliver` for one notification. A backend that cannot defer (the immediate one used
    in development) gets no delayed retry: `notify_retry` enqueues the row once it is due."""
    job = deliver
    if run_after is not None:
        if not job.get_backend().supports_defer:
            return
        job = job.using(run_after=run_after)
    job.enqueue(notification_id)


def retry_sweep(*, now: datetime) -> tuple[int, int]:
    """Flag rows stuck in `sending` as uncertain, and re-enqueue pending rows whose task seems
    lost (due for longer than a grace period, and no task for them waiting or running). A task
    left running by a killed worker is closed as failed by the same rule (`STALE_SENDING`).
    Returns (re-enqueued, flagged uncertain)."""
    flagged = delivery.flag_uncertain(stale_before=now - STALE_SENDING)
    if _database_queue():
        delivery.close_abandoned_tasks(
            task_path=deliver.module_path, started_before=now - STALE_SENDING, now=now
        )
    due = list(
        Notification.objects.filter(
            status=Status.PENDING, next_attempt_at__lte=now - LOST_TASK_GRACE
        ).values_list("pk", flat=True)
    )
    waiting = queued_deliveries()
    lost = [notification_id for notification_id in due if notification_id not in waiting]
    for notification_id in lost:
        enqueue_delivery(notification_id)
    return len(lost), flagged


def _database_queue() -> bool:
    return isinstance(deliver.get_backend(), DatabaseBackend)


def queued_deliveries() -> set[int]:
    """Notification ids with a `deliver` task waiting or running in the database queue (other
    backends keep their queue elsewhere: an empty set, so the sweep re-enqueues as before)."""
    if not _database_queue():
        return set()
    rows = DBTaskResult.objects.filter(
        task_path=deliver.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    return {
        args[0]
        for row in rows
        if isinstance(row, dict) and (args := row.get("args")) and isinstance(args[0], int)
    }
