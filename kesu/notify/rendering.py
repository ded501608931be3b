"""Rendering notification templates: Django template syntax, plain text, no file access."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import translation
from django.utils.translation import gettext as _

# A private engine: the built-in tags and filters only (no `{% load %}` libraries, no template
# loaders, so an administrator's template cannot include files), and no HTML escaping, because
# the text goes into SMS and plain-text e-mail.
BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")
ENGINE = Engine(loaders=[], libraries={}, autoescape=False, string_if_invalid="")


def render_text(source: str, context: dict[str, Any], *, language: str) -> str:
    """`source` rendered with `context` in `language` (month names, number formats). Blank
    lines left by optional parts (`{% if case_url %}…`) collapse to one."""
    with translation.override(language):
        text = ENGINE.from_string(source).render(Context(context, autoescape=False))
    return BLANK_LINES.sub("\n\n", text).strip()


def render_subject(source: str, context: dict[str, Any], *, language: str) -> str:
    """A one-line subject: e-mail headers cannot carry line breaks."""
    return " ".join(render_text(source, context, language=language).split())[:200]


def check_template(*, subject: str, body: str) -> None:
    """Raise `ValidationError` naming the field whose template syntax is broken."""
    errors = {}
    for field, source in (("subject", subject), ("body", body)):
        try:
            ENGINE.from_string(source)
        except TemplateSyntaxError as error:
            errors[field] = _("Template syntax error: %(error)s") % {"error": error}
    if errors:
        raise ValidationError(errors)
