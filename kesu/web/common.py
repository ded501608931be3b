"""What every workspace view needs: the acting authority and the clock, and the wording of a
refused transition (the same messages as the API's 409, so translations are shared)."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.core import clock
from kesu.core.errors import NotFound
from kesu.core.labels import label
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.vocabulary import Action, State
from kesu.org.access import Authority, authority_of


def acting(request: HttpRequest) -> tuple[Authority, datetime]:
    now = clock.now()
    return authority_of(request.user, now=now), now  # type: ignore[arg-type]


def visible_case(authority: Authority, number: str) -> Case:
    """The case, or 404 when it does not exist or the user may not see it (no difference)."""
    try:
        return selectors.get_case(authority, number)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def refusal(exc: TransitionNotAllowed) -> str:
    action, state = label(Action(exc.action)), label(State(exc.state))
    reasons = {
        "state": _("「%(action)s」 is not possible while the case is 「%(state)s」."),
        "role": _("Your role may not 「%(action)s」 on this case while it is 「%(state)s」."),
        "guard": _("「%(action)s」 is not possible on this case now (state 「%(state)s」)."),
    }
    return reasons.get(exc.reason, reasons["guard"]) % {"action": action, "state": state}
