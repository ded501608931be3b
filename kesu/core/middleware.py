"""Refuse requests carrying NUL characters before they reach any view.

PostgreSQL cannot store NUL in text, and no legitimate path, query or header needs one; a
clear 400 is better than a database error half-way through a request.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return True
    return any(NUL in str(value) for value in request.headers.values())


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            body = {
                "code": "invalid_characters",
                "message": _("The request contains a NUL character, which is not allowed."),
                "details": [],
            }
            return HttpResponse(
                json.dumps(body, ensure_ascii=False), status=400, content_type="application/json"
            )
        return self.get_response(request)
