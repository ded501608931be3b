"""Steps the platform takes by itself, run by `manage.py close_provisional` (cron or worker)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.vocabulary import Action, State
from kesu.org.access import authority_of
from kesu.org.services import system_user


def close_expired_provisional(*, now: datetime) -> list[str]:
    """Close every provisionally closed case whose 3-month window passed with no contact (R-16).

    Each case closes in its own transaction through the ordinary transition, so a case that a
    handler reopened a moment earlier is simply skipped.
    """
    authority = authority_of(system_user(), now=now)
    due = Case.objects.filter(state=State.PROVISIONALLY_CLOSED, provisional_until__lte=now)
    closed = []
    for case_id, number in due.values_list("id", "number").order_by("provisional_until"):
        try:
            perform_transition(
                case_id=case_id,
                authority=authority,
                action=Action.FINALIZE,
                data=TransitionInput(note=_("No contact within the provisional closure period.")),
                now=now,
            )
        except TransitionNotAllowed:
            continue
        closed.append(number)
    return closed
