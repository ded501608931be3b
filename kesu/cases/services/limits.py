"""What a registration may contain: one set of limits for every way in.

The API schema (`kesu.api.schemas.CaseIn`) and the hotline form (`kesu.web.forms`) take their
lengths and patterns from here, and `register_case` checks every registration against the same
rules again, so a channel that forgets a check still cannot store more than the API accepts.
A text column's limit is the column's own length, so a value that passes always fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kesu.cases.models import Case

FACTS_MAX = 10_000
DEMAND_MAX = 4_000
FOLLOW_REASON_MAX = 4_000
MAJOR_CRITERIA_MAX = 20
COMPLAINANT_COUNT_MAX = 100_000
EARLIEST_PURCHASE = date(1950, 1, 1)
AMOUNT_DIGITS, AMOUNT_PLACES = 14, 2
PHONE_PATTERN = r"^[0-9+\-() ]*$"
ID_NUMBER_PATTERN = r"^[0-9A-Za-z]*$"
EMAIL_PATTERN = r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$"
NUL = "\x00"


def column(name: str) -> int:
    """The length of a text column of `Case`."""
    length = Case._meta.get_field(name).max_length
    assert length is not None, name  # noqa: S101 — a programming error, not input
    return int(length)


#: The registration's text fields (`Registration` names) and their longest allowed value.
TEXT_LIMITS: dict[str, int] = {
    "complainant_name": column("complainant_name"),
    "complainant_phone": column("complainant_phone"),
    "complainant_email": column("complainant_email"),
    "complainant_address": column("complainant_address"),
    "complainant_employer": column("complainant_employer"),
    "complainant_id_number": column("complainant_id_number"),
    "complainant_relation": column("complainant_relation"),
    "subject_product": column("subject_product"),
    "subject_order_number": column("subject_order_number"),
    "facts": FACTS_MAX,
    "demand": DEMAND_MAX,
    "follows_number": column("number"),
    "follow_reason": FOLLOW_REASON_MAX,
}
#: Where the form and the API name a field differently from `Registration`.
FIELD_NAMES = {"follows_number": "follows", "category_code": "category"}


@dataclass(frozen=True)
class Problem:
    """One field's refusal: a stable code and a message in the user's language."""

    field: str
    code: str
    message: str


def _patterns() -> dict[str, tuple[str, str, str]]:
    return {
        "complainant_phone": (
            PHONE_PATTERN,
            "invalid_phone",
            _("Enter a phone number with digits only (spaces, +, - and brackets allowed)."),
        ),
        "complainant_id_number": (
            ID_NUMBER_PATTERN,
            "invalid_id_number",
            _("Enter the ID number with digits and Latin letters only."),
        ),
        "complainant_email": (EMAIL_PATTERN, "invalid_email", _("Enter a valid e-mail address.")),
    }


def text_problem(name: str, value: str) -> Problem | None:
    """The first rule that `value` of the text field `name` breaks, if any."""
    field = FIELD_NAMES.get(name, name)
    if NUL in value:
        return Problem(field, "invalid_characters", _("Text may not contain NUL characters."))
    limit = TEXT_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        message = _("Too long: at most %(max)s characters.") % {"max": limit}
        return Problem(field, "too_long", message)
    pattern = _patterns().get(name)
    if pattern is not None and not re.fullmatch(pattern[0], value.strip()):
        return Problem(field, pattern[1], pattern[2])
    return None


def registration_problems(values: dict[str, Any]) -> list[Problem]:
    """Every rule a registration (as `dataclasses.asdict(Registration)`) breaks, one per field."""
    problems = [
        problem
        for name in TEXT_LIMITS
        if isinstance(values.get(name), str)
        and (problem := text_problem(name, values[name])) is not None
    ]
    count = values.get("complainant_count")
    if isinstance(count, int) and not 1 <= count <= COMPLAINANT_COUNT_MAX:
        message = _("Enter a number between 1 and %(max)s.") % {"max": COMPLAINANT_COUNT_MAX}
        problems.append(Problem("complainant_count", "out_of_range", message))
    amount = values.get("subject_amount")
    if isinstance(amount, Decimal) and not _plausible_amount(amount):
        message = _("Enter an amount of at least 0 with at most %(n)s digits and two decimals.")
        problems.append(
            Problem("subject_amount", "invalid_amount", message % {"n": AMOUNT_DIGITS})
        )
    day = values.get("subject_purchase_date")
    if isinstance(day, date) and day < EARLIEST_PURCHASE:
        message = _("The purchase date cannot be before %(day)s.") % {"day": EARLIEST_PURCHASE}
        problems.append(Problem("subject_purchase_date", "purchase_too_early", message))
    day = values.get("event_date")
    if isinstance(day, date) and day < EARLIEST_PURCHASE:
        message = _("The event date cannot be before %(day)s.") % {"day": EARLIEST_PURCHASE}
        problems.append(Problem("event_date", "event_too_early", message))
    criteria = values.get("major_criteria") or ()
    if len(criteria) > MAJOR_CRITERIA_MAX:
        message = _("Too many items: at most %(max)s.") % {"max": MAJOR_CRITERIA_MAX}
        problems.append(Problem("major_criteria", "too_many", message))
    return problems


def _plausible_amount(amount: Decimal) -> bool:
    if not amount.is_finite() or amount < 0:
        return False
    exponent = amount.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    whole = amount.adjusted() + 1 if amount >= 1 else 0
    return places <= AMOUNT_PLACES and whole <= AMOUNT_DIGITS - AMOUNT_PLACES
