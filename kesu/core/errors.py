"""Errors services raise for input that breaks a rule; the API turns each into one JSON shape."""

from __future__ import annotations

from django.utils.functional import Promise


class ServiceError(Exception):
    """A request the service refuses. `code` is stable; `message` is for people (translated)."""

    status = 400

    def __init__(self, code: str, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field


class NotFound(ServiceError):
    """Something the acting user may not see, or that does not exist: the same answer for both."""

    status = 404


class Forbidden(ServiceError):
    """An action the user's role never allows (not about a particular case: that is 404/409)."""

    status = 403


class Conflict(ServiceError):
    status = 409


class TooManyRequests(ServiceError):
    """Too many requests from one address or for one phone or case: wait `retry_after` seconds
    (the API sends it as the `Retry-After` header, pages say it in words)."""

    status = 429

    def __init__(
        self, code: str, message: str | Promise, *, retry_after: int, field: str | None = None
    ) -> None:
        super().__init__(code, message, field=field)
        self.retry_after = max(1, int(retry_after))
