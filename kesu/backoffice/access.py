"""Who may use the settings pages: whoever holds `MANAGE_SETTINGS` in the permission table (the
customer-service manager and the administrator, by their own role or one lent to them by a
delegation). Everyone else is told so, in their language."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kesu.core import clock
from kesu.domain.permissions import Permission
from kesu.org.access import Authority, request_authority
from kesu.org.models import User

View = Callable[..., HttpResponse]


def may_manage(authority: Authority) -> bool:
    return authority.may(Permission.MANAGE_SETTINGS)


def manager_required(view: View) -> View:
    """The view runs for managers only; anyone else gets 403 with the reason."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_manage(acting_authority(request)):
            raise PermissionDenied(
                _("Only the customer-service manager and the administrator change settings.")
            )
        return view(request, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest) -> User:
    """The logged-in member of staff a settings change is recorded under."""
    return cast(User, request.user)


def acting_authority(request: HttpRequest) -> Authority:
    """The logged-in user's authority now (own and delegated roles), read once per request."""
    return request_authority(request, now=clock.now())
