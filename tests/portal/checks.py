"""A pluggable portal check for the tests: refuses everything (as a failed CAPTCHA would)."""

from __future__ import annotations

from django.http import HttpRequest


def refuse(request: HttpRequest, action: str) -> bool:
    return False
