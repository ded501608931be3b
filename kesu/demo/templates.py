"""Complaint templates for the demo organisation: facts and demands as a hotline agent records them.

Placeholders ({product}, {days}, {date}, {amount}, {store}, {staff}, {count}) are filled by
`kesu.demo.corpus.make_case_fields`.
"""

from __future__ import annotations

from kesu.demo.template_base import (
    AC,
    FRIDGE,
    GAS_HEATER,
    HEATER,
    HOOD,
    KITCHEN,
    LARGE,
    TV,
    WASHER,
    Template,
)
from kesu.demo.templates_quality import QUALITY
from kesu.demo.templates_service import SERVICE

COMPLAINT_TEMPLATES: tuple[Template, ...] = QUALITY + SERVICE

__all__ = [
    "AC", "COMPLAINT_TEMPLATES", "FRIDGE", "GAS_HEATER", "HEATER", "HOOD", "KITCHEN", "LARGE",
    "TV", "WASHER", "Template",
]  # fmt: skip
