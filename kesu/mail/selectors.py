"""Reads for e-mail intake: which case a reply belongs to, the mailbox's status, the quarantine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from kesu.cases.models import Case
from kesu.mail.models import InboundMessage, Mailbox, Outcome
from kesu.notify.models import Notification

QUARANTINE_LIST = 50


def case_replied_to(
    *, message_ids: Sequence[str], subject_numbers: Sequence[str], sender: str
) -> Case | None:
    """The case an e-mail answers, in this order:

    1. In-Reply-To / References name a message we received for a case, or an e-mail we sent
       about one (a notice's Message-ID): that case, whoever the sender is (the reply travels
       with the conversation's own headers).
    2. A case number in the subject — only when the sender is that case's complainant, so a
       number typed into a stranger's subject opens no door to someone else's case.
    """
    ids = [i for i in message_ids if i][:50]
    if ids:
        received = (
            InboundMessage.objects.filter(message_id__in=ids, case__isnull=False)
            .order_by("-id")
            .values_list("case_id", flat=True)
            .first()
        )
        if received is None:
            received = (
                Notification.objects.filter(provider_id__in=ids, case__isnull=False)
                .order_by("-id")
                .values_list("case_id", flat=True)
                .first()
            )
        if received is not None:
            return Case.objects.filter(pk=received).first()
    if subject_numbers and sender:
        return (
            Case.objects.filter(number__in=list(subject_numbers), complainant_email__iexact=sender)
            .order_by("-id")
            .first()
        )
    return None


@dataclass(frozen=True)
class MailboxStatus:
    configured: bool
    mailbox: Mailbox | None
    counts: dict[str, int]


def mailbox_status(*, name: str, configured: bool) -> MailboxStatus:
    """The poller's last success and error, and how many messages ended how (one query each)."""
    counts = dict(InboundMessage.objects.values_list("outcome").annotate(n=Count("id")).order_by())
    return MailboxStatus(
        configured=configured,
        mailbox=Mailbox.objects.filter(name=name).first(),
        counts={outcome: counts.get(outcome, 0) for outcome in Outcome.values},
    )


def set_aside(limit: int = QUARANTINE_LIST) -> QuerySet[InboundMessage]:
    """The latest quarantined and failed messages (the raw bytes not loaded)."""
    return (
        InboundMessage.objects.filter(outcome__in=[Outcome.QUARANTINED, Outcome.FAILED])
        .defer("raw", "html")
        .order_by("-received_at", "-id")[:limit]
    )


def recent(limit: int = 20) -> QuerySet[InboundMessage]:
    """The latest registered messages with their cases."""
    return (
        InboundMessage.objects.filter(outcome__in=[Outcome.NEW_CASE, Outcome.REPLY])
        .select_related("case")
        .defer("raw", "html", "case__facts")
        .order_by("-received_at", "-id")[:limit]
    )


def raw_of(pk: int) -> InboundMessage | None:
    return InboundMessage.objects.filter(pk=pk).first()


def seen_uid(mailbox_uid: str) -> bool:
    """Whether the mailbox copy `UIDVALIDITY:UID` was already stored (its flag may not be)."""
    return InboundMessage.objects.filter(mailbox_uid=mailbox_uid).exists()
