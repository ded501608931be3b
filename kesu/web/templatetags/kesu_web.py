"""Template helpers for the staff workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from kesu.cases.services.registration import REGISTERING_ROLES
from kesu.domain.vocabulary import Role
from kesu.web import display

register = template.Library()


@register.filter
def may_register(user: Any) -> bool:
    """Whether the navigation offers hotline entry (the service checks again on save)."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in {
        Role(r).value for r in REGISTERING_ROLES
    }


@register.filter
def yuan(amount: Decimal | None) -> str:
    return display.yuan(amount)
