"""Guards for the ways in that need no login (the customer portal and its API): rate limits per
client address or phone number, and a pluggable check (a CAPTCHA, a risk service).

Counters live in the cache `settings.KESU_PORTAL_CACHE`, which every worker shares (a database
table by default, Redis when configured): a limit holds across gunicorn workers and machines.
A limit is a fixed window: at most `limit` hits per `window` seconds, counted per window bucket,
so the wait is until the current bucket ends."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from kesu.core.errors import Forbidden, TooManyRequests


def store() -> BaseCache:
    """The shared cache the portal keeps its counters, codes and locks in."""
    return caches[settings.KESU_PORTAL_CACHE]


def digest(value: str) -> str:
    """A cache key part that neither leaks nor breaks on the value (phone numbers, addresses)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def client_address(request: HttpRequest) -> str:
    """The caller's address: behind `KESU_PROXY_COUNT` proxies, the one the outermost of them
    saw (X-Forwarded-For), else the connection's."""
    proxies = settings.KESU_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def hit(name: str, key: str, *, now: float | None = None) -> None:
    """Count one request against the limit `name` of `KESU_PORTAL_RATE_LIMITS` for `key`;
    raise `TooManyRequests` (with the seconds until the window ends) once it is used up."""
    limit, window = settings.KESU_PORTAL_RATE_LIMITS[name]
    moment = time.time() if now is None else now
    bucket = int(moment // window)
    counter = f"rate:{name}:{bucket}:{digest(key)}"
    cache_ = store()
    cache_.add(counter, 0, timeout=window + 1)
    try:
        count = cache_.incr(counter)
    except ValueError:  # expired between add and incr
        cache_.set(counter, 1, timeout=window + 1)
        count = 1
    if count > limit:
        retry = int((bucket + 1) * window - moment) + 1
        raise TooManyRequests(
            "rate_limited",
            _("Too many requests. Please try again in %(minutes)s minutes.")
            % {"minutes": max(1, (retry + 59) // 60)},
            retry_after=retry,
        )


def allow(request: HttpRequest, action: str) -> bool:
    """The default check: every request passes (no CAPTCHA)."""
    return True


@cache
def _check(path: str) -> Callable[[HttpRequest, str], bool]:
    return import_string(path)  # type: ignore[no-any-return]


def run_check(request: HttpRequest, action: str) -> None:
    """Run the configured `KESU_PORTAL_CHECK` for `action` ("complaint", "code", "track",
    "add", "rate"); a refusal answers 403 with a message the customer can act on."""
    if not _check(settings.KESU_PORTAL_CHECK)(request, action):
        raise Forbidden(
            "check_failed",
            _("Your request could not be verified. Please try again later or call us."),
        )
