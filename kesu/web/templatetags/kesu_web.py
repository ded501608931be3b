"""Template helpers for the staff workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings

from kesu.backoffice.access import MANAGING_ROLES
from kesu.backoffice.access import may_manage as manages
from kesu.cases.services.registration import REGISTERING_ROLES
from kesu.core import clock
from kesu.domain.vocabulary import Role
from kesu.notify.services import unread_count
from kesu.org.access import authority_of
from kesu.web import display

register = template.Library()


@register.filter
def may_register(user: Any) -> bool:
    """Whether the navigation offers hotline entry (the service checks again on save)."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in {
        Role(r).value for r in REGISTERING_ROLES
    }


#: Roles that work with the API (integrations, reports): only they see "API documentation" in
#: the navigation. Anyone logged in may still open /api/v1/docs.
API_ROLES = frozenset({Role.CS_MANAGER, Role.ADMINISTRATOR, Role.ANALYST})


@register.filter
def may_use_api(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in API_ROLES


@register.simple_tag
def organisation() -> str:
    """The organisation's name for the login page (KESU_ORGANISATION; may be empty)."""
    return str(settings.KESU_ORGANISATION)


@register.filter
def yuan(amount: Decimal | None) -> str:
    return display.yuan(amount)


@register.filter
def unread(user: Any) -> int:
    """Unread in-app notifications, for the badge in the navigation (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return unread_count(user)


@register.filter
def may_manage(user: Any) -> bool:
    """Whether the navigation offers the settings pages: the user's own role, or one lent to
    them right now by a delegation (the views' own rule, `backoffice.access.may_manage`)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role in MANAGING_ROLES:
        return True  # no need to read delegations
    return manages(authority_of(user, now=clock.now()))
