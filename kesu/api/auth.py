"""API authentication: a bearer token (`Authorization: Bearer ksu_…`) or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from kesu.core import clock
from kesu.org.models import User
from kesu.org.services import user_for_token


class TokenAuth(HttpBearer):
    openapi_description = "API token issued with `manage.py issue_token <username>`"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token, now=clock.now())


class ActiveSessionAuth(SessionAuth):
    """Django's session login, CSRF-checked for unsafe methods."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]
