"""Masking of personal data (phone, ID number, address, e-mail) for people who do not need it."""

from __future__ import annotations

import re

from kesu.domain.permissions import GRANTS, Permission
from kesu.domain.vocabulary import Role

#: Roles that act on cases and may call or write to the customer see personal data in full
#: (the permission table); analysts, discipline officers and administrators read masked values.
SEES_PERSONAL_DATA = GRANTS[Permission.SEE_PERSONAL_DATA]


def needs_personal_data(roles: frozenset[Role]) -> bool:
    return bool(roles & SEES_PERSONAL_DATA)


#: Digits of a phone number that always stay hidden, and the most shown at either end.
PHONE_HIDDEN, PHONE_TAIL, PHONE_PREFIX = 4, 4, 5


def phone_digits_shown(count: int) -> tuple[int, int]:
    """How many leading and trailing digits a masked number of `count` digits shows.

    At least four digits are always hidden. A local number (7–8 digits) shows no prefix and at
    most its last four (`6234567` → `****567`, `62345678` → `****5678`); shorter ones show
    fewer. Longer numbers also show a prefix — the mobile network (`138****5678`), the area
    code (`0757-****5678`), the country code — of at most five digits.
    """
    if count < 8:
        return 0, max(count - PHONE_HIDDEN, 0)
    return min(count - PHONE_HIDDEN - PHONE_TAIL, PHONE_PREFIX), PHONE_TAIL


def mask_phone(phone: str) -> str:
    """`13812345678` → `138****5678`, `0757-22345678` → `0757-****5678`, `6234567` → `****567`.

    Separators (spaces, dashes, brackets, `+`) stay where they are; see `phone_digits_shown`.
    """
    phone = phone.strip()
    count = sum(char.isdigit() for char in phone)
    lead, tail = phone_digits_shown(count)
    masked, seen = [], 0
    for char in phone:
        if char.isdigit():
            seen += 1
            char = char if seen <= lead or seen > count - tail else "*"  # noqa: PLW2901
        masked.append(char)
    return "".join(masked)


_EMAIL = re.compile(r"[^\s@<>()\[\]:;\"',]+@[^\s@<>()\[\]:;\"',]+")
_PHONE = re.compile(r"\+?\d[\d\- ()]{5,}\d")


def mask_text(text: str) -> str:
    """Mask the e-mail addresses and phone-like numbers (seven digits or more) inside free text,
    such as a mail server's error message. Names and addresses in prose are not recognised:
    free text that may hold them is withheld instead."""
    text = _EMAIL.sub(lambda match: mask_email(match.group()), text)

    def phone(match: re.Match[str]) -> str:
        number = match.group()
        return mask_phone(number) if sum(c.isdigit() for c in number) >= 7 else number

    return _PHONE.sub(phone, text)


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
