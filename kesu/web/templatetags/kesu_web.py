"""Template helpers for the staff workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from kesu.notify.services import unread_count
from kesu.web import display

register = template.Library()


@register.filter
def yuan(amount: Decimal | None) -> str:
    return display.yuan(amount)


@register.filter
def unread(user: Any) -> int:
    """Unread in-app notifications, for the badge in the navigation (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return unread_count(user)
