"""Reply templates' placeholders filled from a case: {number} {name} {product} {received} {due}
{category}. The name is the one the reader may see (masked otherwise); an unknown placeholder
or a stray brace stays as written, so a template with a typo never fails the answer form."""

from __future__ import annotations

import re
from typing import Any

from kesu.cases.models import Case
from kesu.cases.privacy import complainant
from kesu.core.formatting import long_date
from kesu.org.access import Authority

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
NAMES = ("number", "name", "product", "received", "due", "category")


def values_for(case: Case | None, authority: Authority, *, name: str = "") -> dict[str, str]:
    """What each placeholder becomes for `case` (or, without one, the hotline's typed name)."""
    if case is None:
        return {"name": name} if name else {}
    person: dict[str, Any] = complainant(case, authority)
    due = case.resolution_due
    return {
        "number": case.number,
        "name": str(person["name"]),
        "product": case.subject_product,
        "received": long_date(case.received_at),
        "due": long_date(due) if due else "",
        "category": case.category.name if case.category_id and case.category else "",
    }


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced; unknown ones are left as they are."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
