"""Refuse what no view should have to handle, with a clear 4xx/503 instead of a 500.

- NUL characters in the path, query, headers or a form body: PostgreSQL cannot store NUL in
  text, and no legitimate request needs one; a clear 400 is better than a database error
  half-way through a request.
- API bodies larger than `KESU_API_MAX_BODY_BYTES` (file uploads excepted), and portal bodies
  larger than `KESU_PORTAL_MAX_BODY_BYTES`: 413 before any parsing, so a huge body cannot tie
  up a worker.
- A database that does not answer (a restart, a failover): 503 with `Retry-After`, not 500.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

NUL = "\x00"
API_PREFIX = "/api/"
PORTAL_PREFIXES = ("/portal/", "/api/v1/portal/")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
RETRY_AFTER = 5

logger = logging.getLogger("kesu.core")


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return True
    if any(NUL in str(value) for value in request.headers.values()):
        return True
    return _form_has_nul(request)


def _form_has_nul(request: HttpRequest) -> bool:
    """NUL in a form field (uploaded files are not text and are not examined). API uploads are
    left to the API, which answers its own JSON errors for a broken multipart body."""
    if request.method != "POST" or not request.content_type.startswith(FORM_TYPES):
        return False
    if request.content_type == "multipart/form-data" and request.path.startswith(API_PREFIX):
        return False
    try:
        fields = request.POST.lists()
    except Exception:
        return False
    return any(NUL in key or any(NUL in v for v in values) for key, values in fields)


def refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    """The API's JSON error shape for API paths; a short page for everything else."""
    if request.path.startswith(API_PREFIX):
        body = {"code": code, "message": message, "details": []}
        return HttpResponse(
            json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
        )
    page = f"<!doctype html><meta charset=utf-8><title>{status}</title><p>{escape(message)}</p>"
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("The request contains a NUL character, which is not allowed.")
            return refusal(request, 400, "invalid_characters", message)
        return self.get_response(request)


class ApiBodyLimitMiddleware:
    """413 for a request body larger than its way in takes, before any of it is read (Django
    reads no more than Content-Length): an API body over `KESU_API_MAX_BODY_BYTES` (API uploads
    have their own, larger limit: `KESU_ATTACHMENT_MAX_BYTES`), and anything sent to the
    customer portal (`/portal/`, `/api/v1/portal/`, no login) over `KESU_PORTAL_MAX_BODY_BYTES`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = _body_limit(request)
        if limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                message = _("The request body is too large: at most %(n)s bytes.") % {"n": limit}
                return refusal(request, 413, "body_too_large", message)
        return self.get_response(request)


def _body_limit(request: HttpRequest) -> int | None:
    limits = []
    if request.path.startswith(PORTAL_PREFIXES):
        limits.append(settings.KESU_PORTAL_MAX_BODY_BYTES)
    if request.path.startswith(API_PREFIX) and request.content_type != "multipart/form-data":
        limits.append(settings.KESU_API_MAX_BODY_BYTES)
    return min(limits, default=None)


class DatabaseOutageMiddleware:
    """503 with `Retry-After` for a page whose database went away (the API has its own handler
    with the same answer); the log says so once per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable during %s %s: %s", request.method, request.path,
                       exception)  # fmt: skip
        message = _("The service is briefly unavailable. Try again in a few seconds.")
        response = refusal(request, 503, "service_unavailable", message)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
