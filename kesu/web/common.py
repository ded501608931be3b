"""What every workspace view needs: the acting authority and the clock, and the wording of a
refused transition (the same messages as the API's 409, so translations are shared)."""

from __future__ import annotations

import re
from datetime import datetime

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.core import clock
from kesu.core.errors import NotFound
from kesu.core.labels import refusal_message
from kesu.domain.errors import TransitionNotAllowed
from kesu.org.access import Authority, request_authority

#: A row id as a form sends it: ASCII digits that fit a 64-bit column (`str.isdigit` also
#: accepts "²", which `int` refuses, and a long number overflows the database's integer).
ROW_ID = re.compile(r"[0-9]{1,18}")


def row_id(value: str) -> int | None:
    """The id in a raw form field, or None when it is not one."""
    return int(value) if ROW_ID.fullmatch(value) else None


def acting(request: HttpRequest) -> tuple[Authority, datetime]:
    now = clock.now()
    return request_authority(request, now=now), now


def visible_case(authority: Authority, number: str) -> Case:
    """The case, or 404 when it does not exist or the user may not see it (no difference)."""
    try:
        return selectors.get_case(authority, number)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def follow_up_url(case: Case) -> str:
    """The hotline form prefilled to open a follow-up of a closed `case` (R-06)."""
    return f"{reverse('web:hotline')}?{urlencode({'follows': case.number})}"


def refusal(exc: TransitionNotAllowed) -> str:
    return refusal_message(exc.action, exc.state, exc.reason)
