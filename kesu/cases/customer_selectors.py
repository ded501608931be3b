"""What the customer sees of their own case (portal pages, portal API, a mini-program): the
state in plain words, the dates the organisation promised, the messages sent to them and the
answer. Never internal notes, staff names, departments or the history's details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kesu.cases.models import Case, CaseRating
from kesu.cases.services.portal import RATEABLE, SOURCE
from kesu.domain.vocabulary import State
from kesu.notify.models import Channel, Notification

#: The state as the customer is told it (plain words, no internal steps).
STATE_WORDS: dict[State, Promise] = {
    State.REGISTERED: _("Received, waiting to be accepted"),
    State.ACCEPTED: _("Accepted, being passed to the team that handles it"),
    State.DECLINED: _("Not accepted as a complaint (see the message we sent you)"),
    State.ASSIGNED: _("Being handled"),
    State.IN_PROGRESS: _("Being handled"),
    State.PLAN_SUBMITTED: _("Being handled: a solution is being approved"),
    State.PLAN_APPROVED: _("Being handled: a solution has been approved"),
    State.ANSWERED: _("Answered: please tell us whether you are satisfied"),
    State.PROVISIONALLY_CLOSED: _("Answered and provisionally closed"),
    State.CLOSED: _("Closed"),
    State.WITHDRAWN: _("Withdrawn at your request"),
}


@dataclass(frozen=True)
class Promised:
    """The dates the organisation promised (None: not set, or no longer pending)."""

    acceptance: datetime | None
    first_contact: datetime | None
    answer: datetime | None

    @property
    def next(self) -> datetime | None:
        """The next promised date still ahead of the organisation."""
        pending = [due for due in (self.acceptance, self.first_contact, self.answer) if due]
        return min(pending, default=None)

    def as_dict(self) -> dict[str, datetime | None]:
        return {
            "next": self.next,
            "acceptance": self.acceptance,
            "first_contact": self.first_contact,
            "answer": self.answer,
        }


def promised(case: Case) -> Promised:
    """The promised dates not yet met: acceptance, first contact, the answer (from the case's
    clocks, as the deadline engine computed them)."""
    return Promised(
        acceptance=case.acceptance_due if case.accepted_at is None else None,
        first_contact=case.first_contact_due if case.first_contact_at is None else None,
        answer=case.resolution_due if case.answered_at is None else None,
    )


def messages_sent(case: Case) -> list[Notification]:
    """The SMS and e-mails sent to the complainant about the case, oldest first (staff
    notices have a recipient and are left out; failed sends are left out)."""
    return list(
        Notification.objects.filter(
            case=case, recipient__isnull=True, channel__in=[Channel.SMS, Channel.EMAIL]
        )
        .exclude(status="failed")
        .order_by("created_at", "id")
    )


def portal_rating(case: Case) -> CaseRating | None:
    return CaseRating.objects.filter(case=case, source=SOURCE).first()


def customer_view(case: Case) -> dict[str, Any]:
    """The customer's view of `case` as plain values (the API's body; pages use the same)."""
    rating = portal_rating(case)
    state = State(case.state)
    return {
        "number": case.number,
        "state": str(state),
        "state_text": str(STATE_WORDS[state]),
        "received_at": case.received_at,
        "promised": promised(case).as_dict(),
        "messages": [
            {
                "at": item.sent_at or item.created_at,
                "channel": item.channel,
                "subject": item.subject,
                "text": item.body,
            }
            for item in messages_sent(case)
        ],
        "answer": case.answer if case.answered_at is not None else "",
        "answered_at": case.answered_at,
        "may_add": case.is_open,
        "may_rate": rating is None and state in RATEABLE and case.answered_at is not None,
        "rating": (
            {"result": rating.result, "process": rating.process, "comment": rating.comment}
            if rating is not None
            else None
        ),
    }


def customer_case(case_id: int | None) -> Case | None:
    """The case a customer's session points at (just submitted, or opened with a code)."""
    return Case.objects.filter(pk=case_id).first() if case_id is not None else None
