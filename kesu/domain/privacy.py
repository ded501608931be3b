"""Masking of personal data (phone, ID number, address, e-mail) for people who do not need it."""

from __future__ import annotations

from kesu.domain.permissions import GRANTS, Permission
from kesu.domain.vocabulary import Role

#: Roles that act on cases and may call or write to the customer see personal data in full
#: (the permission table); analysts, discipline officers and administrators read masked values.
SEES_PERSONAL_DATA = GRANTS[Permission.SEE_PERSONAL_DATA]


def needs_personal_data(roles: frozenset[Role]) -> bool:
    return bool(roles & SEES_PERSONAL_DATA)


def mask_phone(phone: str) -> str:
    """`13812345678` → `138****5678`; short numbers keep only their last two digits."""
    digits = phone.strip()
    if len(digits) >= 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * max(len(digits) - 2, 0) + digits[-2:]


def mask_id_number(value: str) -> str:
    """Resident ID `110101199003071234` → `110***********1234`."""
    value = value.strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_address(address: str) -> str:
    """Keep the first six characters (province, city, district), hide the rest."""
    address = address.strip()
    if len(address) <= 6:
        return address
    return address[:6] + "****"


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    if not at:
        return mask_id_number(email)
    return (local[:1] + "***" if local else "") + "@" + domain


def mask_name(name: str) -> str:
    """`张伟` → `张*`; the surname stays so the agent can address the customer."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else name
