"""Login lock-out by user name and by address, each with its own limit (django-axes handler).

django-axes counts failures per lock-out parameter and compares the largest count with one
limit. One limit does not fit both: five mistakes lock a user name, but a call centre behind one
address makes many honest mistakes, so an address is locked only after more failures
(`KESU_LOGIN_ADDRESS_FAILURE_LIMIT`, 30 by default) — enough to stop one password being tried
across many user names.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

#: AXES_LOCKOUT_PARAMETERS, in this order: get_user_attempts answers one queryset per entry.
LOCKOUT_PARAMETERS = ["username", "ip_address"]


class UserAndAddressLockout(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Failures within the cool-off, scaled to AXES_FAILURE_LIMIT: the user name's own count,
        or the limit itself once the address has reached its (higher) limit."""
        by_user, by_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.KESU_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_user, settings.AXES_FAILURE_LIMIT)
        return by_user
