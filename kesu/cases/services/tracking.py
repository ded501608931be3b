"""One-time codes that let a customer track their case with its number and phone, and the short
signed grant a right code gives.

Codes are six digits sent by SMS through the SMS gateway interface (`kesu.notify.gateways`;
the console gateway in development). Only an HMAC of the code (keyed with SECRET_KEY) is kept,
in the shared portal cache (`kesu.core.throttle.store`), for `KESU_PORTAL_CODE_MINUTES`; a code
works once. `KESU_PORTAL_CODE_TRIES` wrong codes for a case number lock its tracking for
`KESU_PORTAL_LOCK_MINUTES` (429 with the wait). Codes are not database rows: they live minutes,
must be shared by every worker (the cache is), and are no part of the case's record.

An unknown number, a phone that does not match and a wrong code get the same answer, so the
portal never tells whether a number exists."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from kesu.cases.models import Case, normalise_phone
from kesu.core.errors import ServiceError, TooManyRequests
from kesu.core.throttle import digest, store
from kesu.notify.gateways import sms_gateway

logger = logging.getLogger("kesu.portal")

CODE_DIGITS = 6
_SALT = "kesu.portal.code"
_GRANT_SALT = "kesu.portal.track"


def _number_key(number: str) -> str:
    return digest(number.strip().upper()[:40])


def _code_key(number: str) -> str:
    return f"portal-code:{_number_key(number)}"


def _fail_key(number: str) -> str:
    return f"portal-fail:{_number_key(number)}"


def _lock_key(number: str) -> str:
    return f"portal-lock:{_number_key(number)}"


def _hash(number: str, phone: str, code: str) -> str:
    value = f"{number.strip().upper()}|{normalise_phone(phone)}|{code.strip()}"
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()


def case_for(number: str, phone: str) -> Case | None:
    """The case with this number whose complainant gave this phone, or None."""
    phone = normalise_phone(phone)
    if not phone or not number.strip():
        return None
    return Case.objects.filter(number=number.strip()[:40], complainant_phone=phone).first()


def locked_for(number: str, now: datetime) -> int:
    """Seconds until tracking of `number` is unlocked (0: not locked)."""
    until = store().get(_lock_key(number))
    return max(0, int(until - now.timestamp())) if until else 0


def _refuse_if_locked(number: str, now: datetime) -> None:
    wait = locked_for(number, now)
    if wait:
        raise TooManyRequests(
            "tracking_locked",
            _(
                "Too many wrong codes. Tracking of this case is locked; please try again in "
                "%(minutes)s minutes."
            )
            % {"minutes": max(1, (wait + 59) // 60)},
            retry_after=wait,
        )


def send_code(*, number: str, phone: str, now: datetime) -> None:
    """Send a new one-time code to `phone` if it is the complainant's phone of case `number`
    (and tracking is not locked); otherwise do nothing. The caller answers the same either way."""
    if locked_for(number, now):
        return
    case = case_for(number, phone)
    if case is None:
        return
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    minutes = settings.KESU_PORTAL_CODE_MINUTES
    store().set(_code_key(number), _hash(case.number, phone, code), timeout=minutes * 60)
    text = _(
        "Your code for tracking complaint %(number)s is %(code)s (valid %(minutes)s minutes). "
        "Do not share it."
    ) % {"number": case.number, "code": code, "minutes": minutes}
    try:
        sms_gateway().send(case.complainant_phone, text)
    except Exception:  # the provider failed: the customer asks for a new code
        logger.exception("one-time code for case %s not sent", case.pk)


def check_code(*, number: str, phone: str, code: str, now: datetime) -> Case:
    """The case, if `code` is the live one-time code for `number` and `phone` (it is used up);
    else a refusal that does not say which part was wrong. The `KESU_PORTAL_CODE_TRIES`th wrong
    try locks tracking of the number (429)."""
    _refuse_if_locked(number, now)
    cache = store()
    expected = cache.get(_code_key(number))
    case = case_for(number, phone)
    if (
        case is not None
        and expected is not None
        and constant_time_compare(expected, _hash(case.number, phone, code))
    ):
        cache.delete_many([_code_key(number), _fail_key(number)])
        return case
    lock_seconds = settings.KESU_PORTAL_LOCK_MINUTES * 60
    cache.add(_fail_key(number), 0, timeout=lock_seconds)
    try:
        failures = cache.incr(_fail_key(number))
    except ValueError:
        cache.set(_fail_key(number), 1, timeout=lock_seconds)
        failures = 1
    if failures >= settings.KESU_PORTAL_CODE_TRIES:
        cache.set(_lock_key(number), now.timestamp() + lock_seconds, timeout=lock_seconds)
        cache.delete_many([_code_key(number), _fail_key(number)])
        _refuse_if_locked(number, now)
    raise ServiceError(
        "wrong_code",
        _("The case number, phone number or code is not right, or the code has expired."),
        field="code",
    )


def grant(case: Case) -> str:
    """A signed, short-lived pass to this one case (for the portal's session)."""
    return signing.dumps({"case": case.pk}, salt=_GRANT_SALT)


def granted_case_id(token: str | None) -> int | None:
    """The case a pass from `grant` opens, or None when it is missing, forged or older than
    `KESU_PORTAL_SESSION_MINUTES`."""
    if not token:
        return None
    try:
        value = signing.loads(
            token, salt=_GRANT_SALT, max_age=settings.KESU_PORTAL_SESSION_MINUTES * 60
        )
    except signing.BadSignature:
        return None
    case_id = value.get("case") if isinstance(value, dict) else None
    return case_id if isinstance(case_id, int) else None
