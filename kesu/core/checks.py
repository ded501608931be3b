"""System checks: configuration mistakes stop `manage.py` at start, not at the first case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from kesu.domain.errors import InvalidNumberPattern
from kesu.domain.numbering import NumberPattern


@register()
def case_number_pattern(app_configs: Any, **kwargs: Any) -> list[Error]:
    try:
        NumberPattern.parse(settings.KESU_CASE_NUMBER_PATTERN)
    except InvalidNumberPattern as error:
        return [
            Error(
                f"KESU_CASE_NUMBER_PATTERN {settings.KESU_CASE_NUMBER_PATTERN!r}: {error}",
                hint="Example: {yy}{mm}{dd}{seq:3} (see docs/admin-guide.md).",
                id="kesu.E001",
            )
        ]
    return []
