"""What the navigation offers, computed once per request from the acting authority (own roles
and delegated ones), through the permission table (the views check again), and the unread
badge."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kesu.core import clock
from kesu.domain.permissions import Permission
from kesu.notify.services import unread_count
from kesu.org.access import request_authority


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "may_register": False,
            "may_manage": False,
            "may_use_api": False,
            "may_read_access_log": False,
            "unread_count": 0,
        }
    authority = request_authority(request, now=clock.now())
    return {
        "may_register": authority.may(Permission.REGISTER_CASE),
        "may_manage": authority.may(Permission.MANAGE_SETTINGS),
        "may_use_api": authority.may(Permission.SEE_API_DOCS),
        "may_read_access_log": authority.may(Permission.SEE_ACCESS_LOG),
        # Counted (one indexed query) only when a page shows the badge, and at most once: a
        # fragment that htmx swaps in has no navigation and asks nothing. Counted when the
        # page renders, so it leaves out the notices the view just marked read.
        "unread_count": SimpleLazyObject(lambda: unread_count(user)),
    }
