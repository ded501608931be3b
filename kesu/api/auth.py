"""API authentication: a bearer token (`Authorization: Bearer ksu_…`) or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from kesu.core import clock
from kesu.org.models import User
from kesu.org.services import user_for_token


class TokenAuth(HttpBearer):
    openapi_description = (
        "API token issued with `manage.py issue_token <username> [--days N]`; it expires (90 "
        "days by default) and dies when the user's password changes or the user is deactivated."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token, now=clock.now())


class ActiveSessionAuth(SessionAuth):
    """Django's session login, CSRF-checked for unsafe methods."""

    def __call__(self, request: HttpRequest) -> Any:
        # The CSRF check protects a logged-in browser only. A request that sends a bearer token,
        # or has no logged-in session, is not authenticated here at all, so a missing, wrong,
        # expired or revoked token answers 401 not_authenticated, not 403 csrf_failed.
        if "HTTP_AUTHORIZATION" in request.META or not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]
