"""Idle timeout for browser sessions.

A session lives SESSION_COOKIE_AGE (30 minutes by default) from its last save. Saving it on every
request (SESSION_SAVE_EVERY_REQUEST) would write the session row on every page and HTMX call, so
a logged-in session is renewed at most once a minute instead: it ends after 29–30 idle minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from kesu.core import clock

RENEWED = "kesu_renewed"  # session key: when the expiry was last pushed back (epoch seconds)
RENEW_AFTER_SECONDS = 60


class IdleSessionMiddleware:
    """Marks a logged-in session modified when its expiry was last renewed over a minute ago,
    so SessionMiddleware saves it with a fresh expiry (place after SessionMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        try:
            if session is not None and session.session_key and "_auth_user_id" in session:
                now = int(clock.now().timestamp())
                if now - int(session.get(RENEWED, 0)) >= RENEW_AFTER_SECONDS:
                    session[RENEWED] = now  # marks the session modified: saved, new expiry
        except (OperationalError, InterfaceError):
            # The database went away during this request (its answer is already the 503 of
            # DatabaseOutageMiddleware): the renewal waits for the next request.
            pass
        return response
