"""What the navigation offers, computed once per request from the acting authority (own roles
and delegated ones), through the permission table. The views check again."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kesu.core import clock
from kesu.domain.permissions import Permission
from kesu.org.access import request_authority


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may_register": False, "may_manage": False, "may_use_api": False}
    authority = request_authority(request, now=clock.now())
    return {
        "may_register": authority.may(Permission.REGISTER_CASE),
        "may_manage": authority.may(Permission.MANAGE_SETTINGS),
        "may_use_api": authority.may(Permission.SEE_API_DOCS),
    }
