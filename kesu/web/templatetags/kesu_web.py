"""Template helpers for the staff workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings

from kesu.notify.services import unread_count
from kesu.web import display

register = template.Library()


@register.filter
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
