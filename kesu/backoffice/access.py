"""Who may use the settings pages: the customer-service manager and the administrator (their
own role or one lent to them by a delegation). Everyone else is told so, in their language."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kesu.core import clock
from kesu.org.access import authority_of, may_manage
from kesu.org.models import User

View = Callable[..., HttpResponse]


def manager_required(view: View) -> View:
    """The view runs for managers only; anyone else gets 403 with the reason."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        authority = authority_of(actor(request), now=clock.now())
        if not may_manage(authority):
            raise PermissionDenied(
                _("Only the customer-service manager and the administrator change settings.")
            )
        return view(request, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest) -> User:
    """The logged-in member of staff a settings change is recorded under."""
    return cast(User, request.user)
