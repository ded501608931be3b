"""Template helpers for the staff workspace."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.conf import settings

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
def share_percent(share: Decimal | None) -> str:
    """A share 0..1 as a percentage: 0.7001 → 70.01%."""
    if share is None:
        return ""
    return f"{(share * 100).quantize(Decimal('0.01')).normalize():f}%"
