"""Guards for the ways in that need no login (the customer portal and its API): rate limits per
client address or phone number, and a pluggable check (a CAPTCHA, a risk service).

Counters are rows of `core.Counter` in the database every worker shares (`core.services.bump`),
so a limit holds across gunicorn workers and machines and lasts exactly its window. A limit is a
fixed window: at most `limit` hits per `window` seconds, counted per window bucket, so the wait
is until the current bucket ends. An IPv6 client counts by its /64 network (one subscriber's)."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from kesu.core.errors import Forbidden, TooManyRequests
from kesu.core.services import bump

#: An IPv6 subscriber is usually given a whole /64: its addresses count as one.
IPV6_PREFIX = 64


def digest(value: str) -> str:
    """A counter's name part that neither leaks nor breaks on the value (phone numbers,
    addresses, report keys): keyed with SECRET_KEY, which lives outside the database, so a
    copy of the database cannot tell an address from its counter by trying every IPv4 address
    (an anonymous reporter's among them)."""
    return salted_hmac("kesu.throttle", value, algorithm="sha256").hexdigest()[:32]


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
            return _counted_as(forwarded[-proxies])
    return _counted_as(str(request.META.get("REMOTE_ADDR", "")))


def _counted_as(address: str) -> str:
    """The address a limit counts: an IPv4 address as it is, an IPv6 one as its /64."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)


def hit(name: str, key: str, *, now: float | None = None) -> None:
    """Count one request against the limit `name` of `KESU_PORTAL_RATE_LIMITS` for `key`;
    raise `TooManyRequests` (with the seconds until the window ends) once it is used up."""
    limit, window = settings.KESU_PORTAL_RATE_LIMITS[name]
    moment = time.time() if now is None else now
    bucket = int(moment // window)
    counter = f"rate:{name}:{bucket}:{digest(key)}"
    ends = (bucket + 1) * window
    count = bump(
        counter, lasts=timedelta(seconds=ends - moment), now=datetime.fromtimestamp(moment, UTC)
    )
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
