"""What the navigation offers, computed once per request from the acting authority (own roles
and delegated ones), through the permission table (the views check again), and the unread
badge."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kesu.cases.selectors import approval_count
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
            "may_visit": False,
            "may_see_accountability": False,
            "may_see_rectifications": False,
            "unread_count": 0,
            "may_approve": False,
            "approval_count": 0,
            "may_read_access_log": False,
            "may_see_statistics": False,
            "may_decide_batches": False,
            "may_see_library": False,
            "may_handle_reports": False,
            "may_approve_report_extensions": False,
            "may_import": False,
        }
    authority = request_authority(request, now=clock.now())
    return {
        "may_register": authority.may(Permission.REGISTER_CASE),
        "may_manage": authority.may(Permission.MANAGE_SETTINGS),
        "may_use_api": authority.may(Permission.SEE_API_DOCS),
        "may_visit": authority.may(Permission.MAKE_RETURN_VISITS),
        "may_see_library": authority.may(Permission.SEE_LIBRARY),
        "may_see_accountability": authority.may(Permission.SEE_ACCOUNTABILITY),
        "may_see_rectifications": any(
            authority.may(p)
            for p in (
                Permission.SEE_ACCOUNTABILITY,
                Permission.VERIFY_RECTIFICATION,
                Permission.REPORT_RECTIFICATION,
            )
        ),
        "may_read_access_log": authority.may(Permission.SEE_ACCESS_LOG),
        "may_see_statistics": authority.may(Permission.VIEW_STATISTICS),
        "may_decide_batches": authority.may(Permission.DECIDE_BATCHES),
        "may_handle_reports": authority.may(Permission.HANDLE_WHISTLEBLOWING),
        "may_approve_report_extensions": authority.may(Permission.APPROVE_WHISTLEBLOWING_EXTENSION),
        "may_import": authority.may(Permission.IMPORT_CASES),
        # Counted (one indexed query) only when a page shows the badge, and at most once: a
        # fragment that htmx swaps in has no navigation and asks nothing. Counted when the
        # page renders, so it leaves out the notices the view just marked read.
        "unread_count": SimpleLazyObject(lambda: unread_count(user)),
        # The approver's queue: its link for whoever approves plans, and its count,
        # likewise counted only when shown (one query without joins).
        "may_approve": authority.may(Permission.APPROVE_PLAN),
        "approval_count": SimpleLazyObject(lambda: approval_count(authority) or 0),
    }
