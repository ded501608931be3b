"""One JSON error shape for every failure: `{"code", "message", "details": [{"field", "message"}]}`.

Messages are in the caller's language (Accept-Language; Chinese by default).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kesu.core.errors import ServiceError, TooManyRequests
from kesu.core.labels import refusal_message
from kesu.domain.errors import DomainError, TransitionNotAllowed

#: A refusal lists at most this many problems, and its message is at most this long: a body
#: with thousands of bad fields must not cost seconds and megabytes to answer.
MAX_DETAILS = 20
MAX_MESSAGE = 1000
#: Seconds a client should wait before retrying while the database is unreachable.
RETRY_AFTER = 5

logger = logging.getLogger("kesu.api")


class CommittedButUnread(Exception):
    """A write committed, but reading its result back failed (the database went away)."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


def error_body(
    code: str, message: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or []}


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [
        str(p)
        for p in loc
        if p not in {"body", "query", "path", "header", "payload", "data", "filters"}
    ]
    return ".".join(parts)


def _explain(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "string_too_long": _("Too long: at most %(max)s characters.")
        % {"max": ctx.get("max_length")},
        "string_too_short": _("Too short: at least %(min)s characters.")
        % {"min": ctx.get("min_length")},
        "string_type": _("Must be text."),
        "int_parsing": _("Must be a whole number."),
        "int_type": _("Must be a whole number."),
        "int_from_float": _("Must be a whole number."),
        "decimal_parsing": _("Must be a number."),
        "decimal_type": _("Must be a number."),
        "bool_parsing": _("Must be true or false."),
        "bool_type": _("Must be true or false."),
        "date_parsing": _("Must be a date written YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Must be a date written YYYY-MM-DD."),
        "date_type": _("Must be a date written YYYY-MM-DD."),
        "datetime_parsing": _("Must be a date and time such as 2026-11-24T09:30:00+08:00."),
        "datetime_from_date_parsing": _(
            "Must be a date and time such as 2026-11-24T09:30:00+08:00."
        ),
        "datetime_type": _("Must be a date and time such as 2026-11-24T09:30:00+08:00."),
        "timezone_aware": _("Give the time zone, e.g. +08:00."),
        "enum": _("Not a valid choice; choose one of: %(expected)s.")
        % {"expected": ctx.get("expected", "")},
        "literal_error": _("Not a valid choice; choose one of: %(expected)s.")
        % {"expected": ctx.get("expected", "")},
        "greater_than_equal": _("Must be at least %(ge)s.") % {"ge": ctx.get("ge")},
        "less_than_equal": _("Must be at most %(le)s.") % {"le": ctx.get("le")},
        "greater_than": _("Must be greater than %(gt)s.") % {"gt": ctx.get("gt")},
        "extra_forbidden": _("Unknown field."),
        "too_long": _("Too many items: at most %(max)s.") % {"max": ctx.get("max_length")},
        "list_type": _("Must be a list."),
        "decimal_max_places": _("At most %(n)s decimal places.") % {"n": ctx.get("decimal_places")},
        "decimal_max_digits": _("Too many digits."),
        "decimal_whole_digits": _("Too many digits."),
        "string_pattern_mismatch": _("Not in the expected format."),
        "value_error": str(ctx.get("error", "")) or _("Not a valid value."),
        "model_attributes_type": _("The request body must be a JSON object."),
        "dict_type": _("The request body must be a JSON object."),
        "model_type": _("The request body must be a JSON object."),
    }
    return str(messages.get(kind, error.get("msg", _("Not a valid value."))))


def install(api: NinjaAPI) -> None:
    """Register the handlers that give every error the one shape."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors):
            return respond(
                request, 400, error_body("malformed_json", _("The request body is not valid JSON."))
            )
        details = [
            {
                "field": _field_name(e.get("loc", ())),
                "message": _explain(e),
                "type": e.get("type", ""),
            }
            for e in exc.errors[:MAX_DETAILS]
        ]
        summary = "; ".join(
            f"{d['field']}: {d['message']}" if d["field"] else d["message"] for d in details
        )
        if len(exc.errors) > MAX_DETAILS:
            summary += "; " + _("and %(n)s more") % {"n": len(exc.errors) - MAX_DETAILS}
        message = _("Invalid input: %(s)s") % {"s": summary}
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        return respond(request, 422, error_body("invalid_input", message, details))

    @api.exception_handler(CommittedButUnread)
    def committed(request: HttpRequest, exc: CommittedButUnread) -> HttpResponse:
        message = _(
            "Case %(number)s was registered, but the database went away before it could be "
            "read back. Fetch it, or repeat the request with the same Idempotency-Key."
        ) % {"number": exc.number}
        details = [{"field": "number", "message": exc.number}]
        body = error_body("registered_unread", message, details)
        return service_unavailable(request, respond, exc, body)

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        return service_unavailable(request, respond, exc)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return respond(
                request, 400, error_body("malformed_json", _("The request body is not valid JSON."))
            )
        if exc.status_code == 403 and "csrf" in str(exc).lower():
            message = _("The CSRF token is missing or wrong: reload the page and try again.")
            return respond(request, 403, error_body("csrf_failed", message))
        return respond(request, exc.status_code, error_body("http_error", str(exc)))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request, 401, error_body("not_authenticated", _("Log in or send a valid API token."))
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body("not_found", _("Not found.")))

    @api.exception_handler(ServiceError)
    def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        details = [{"field": exc.field, "message": str(exc.message)}] if exc.field else []
        response = respond(request, exc.status, error_body(exc.code, str(exc.message), details))
        if isinstance(exc, TooManyRequests):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(TransitionNotAllowed)
    def not_allowed(request: HttpRequest, exc: TransitionNotAllowed) -> HttpResponse:
        message = refusal_message(exc.action, exc.state, exc.reason)
        return respond(request, 409, error_body(exc.code, message))

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, 400, error_body(exc.code, str(exc)))


def service_unavailable(
    request: HttpRequest, respond: Any, exc: Exception, body: dict[str, Any] | None = None
) -> HttpResponse:
    """503 with `Retry-After` while the database is unreachable (a restart, a failover): the
    request changed nothing, or — for a create — can be repeated with its Idempotency-Key."""
    logger.warning("database unavailable during %s %s: %s", request.method, request.path, exc)
    message = _("The service is briefly unavailable. Try again in a few seconds.")
    response: HttpResponse = respond(
        request, 503, body or error_body("service_unavailable", message)
    )
    response["Retry-After"] = str(RETRY_AFTER)
    return response
