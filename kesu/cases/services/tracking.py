"""One-time codes that let a customer track their case with its number and phone, and the short
signed grant a right code gives.

Codes are six digits sent by SMS through the SMS gateway interface (`kesu.notify.gateways`;
the console gateway in development). Only an HMAC of the code (keyed with SECRET_KEY) is kept,
in a shared `core.Counter` row, for `KESU_PORTAL_CODE_MINUTES`; a code works once. Codes are not
part of the case's record: they live minutes and must be shared by every worker.

Wrong codes lock tracking of a case from the address that tried them:
`KESU_PORTAL_CODE_TRIES` wrong codes for one case from one address (an IPv6 /64) lock that
address out of that case for `KESU_PORTAL_LOCK_MINUTES` (429 with the wait), so a stranger's
guesses do not lock out the customer. `KESU_PORTAL_CODE_TRIES_PER_CASE` wrong codes for one
case from anywhere lock the case for everyone for the same time (many addresses guessing one
six-digit code). Asking for a code while locked answers 429 too: the lock does not depend on
whether the number exists, so saying so tells nothing.

An unknown number, a phone that does not match and a wrong code get the same answer, so the
portal never tells whether a number exists."""

from __future__ import annotations

import logging
import math
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from kesu.cases.models import Case, normalise_phone
from kesu.core.errors import ServiceError, TooManyRequests
from kesu.core.services import bump, drop, live, put
from kesu.core.throttle import digest
from kesu.notify.gateways import sms_gateway

logger = logging.getLogger("kesu.portal")

CODE_DIGITS = 6
_SALT = "kesu.portal.code"
_GRANT_SALT = "kesu.portal.track"


def _number_key(number: str) -> str:
    return digest(number.strip().upper()[:40])


def _code_key(number: str) -> str:
    return f"portal-code:{_number_key(number)}"


def _keys(number: str, address: str) -> tuple[str, str]:
    """The (tries, lock) rows for `number` from `address`, and with address "" for everyone."""
    where = digest(address) if address else "all"
    return (
        f"portal-fail:{_number_key(number)}:{where}",
        f"portal-lock:{_number_key(number)}:{where}",
    )


def _hash(number: str, phone: str, code: str) -> str:
    value = f"{number.strip().upper()}|{normalise_phone(phone)}|{code.strip()}"
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()


def case_for(number: str, phone: str) -> Case | None:
    """The case with this number whose complainant gave this phone, or None."""
    phone = normalise_phone(phone)
    if not phone or not number.strip():
        return None
    return Case.objects.filter(number=number.strip()[:40], complainant_phone=phone).first()


def locked_for(number: str, address: str, now: datetime) -> int:
    """Seconds until tracking of `number` is unlocked for `address` (0: not locked)."""
    ends = [
        row.expires_at
        for row in (live(_keys(number, where)[1], now=now) for where in (address, ""))
        if row is not None
    ]
    return max((math.ceil((end - now).total_seconds()) for end in ends), default=0)


def _refuse_if_locked(number: str, address: str, now: datetime) -> None:
    wait = locked_for(number, address, now)
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


def send_code(*, number: str, phone: str, address: str, now: datetime) -> None:
    """Send a new one-time code to `phone` if it is the complainant's phone of case `number`;
    otherwise do nothing (the caller answers the same either way). Locked tracking answers 429."""
    _refuse_if_locked(number, address, now)
    case = case_for(number, phone)
    if case is None:
        return
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    minutes = settings.KESU_PORTAL_CODE_MINUTES
    put(
        _code_key(number),
        value=_hash(case.number, phone, code),
        until=now + timedelta(minutes=minutes),
    )
    text = _(
        "Your code for tracking complaint %(number)s is %(code)s (valid %(minutes)s minutes). "
        "Do not share it."
    ) % {"number": case.number, "code": code, "minutes": minutes}
    try:
        sms_gateway().send(case.complainant_phone, text)
    except Exception:  # the provider failed: the customer asks for a new code
        logger.exception("one-time code for case %s not sent", case.pk)


def check_code(*, number: str, phone: str, code: str, address: str, now: datetime) -> Case:
    """The case, if `code` is the live one-time code for `number` and `phone` (it is used up);
    else a refusal that does not say which part was wrong. Wrong tries count per address and
    per case, and lock tracking (429) at their thresholds."""
    _refuse_if_locked(number, address, now)
    expected = live(_code_key(number), now=now)
    case = case_for(number, phone)
    if (
        case is not None
        and expected is not None
        and constant_time_compare(expected.value, _hash(case.number, phone, code))
    ):
        drop([_code_key(number), _keys(number, address)[0]])
        return case
    lock = timedelta(minutes=settings.KESU_PORTAL_LOCK_MINUTES)
    thresholds = {
        address: settings.KESU_PORTAL_CODE_TRIES,
        "": settings.KESU_PORTAL_CODE_TRIES_PER_CASE,
    }
    for where, most in thresholds.items():
        tries, locked = _keys(number, where)
        if bump(tries, lasts=lock, now=now) >= most:
            put(locked, until=now + lock)
            drop([tries])
    _refuse_if_locked(number, address, now)
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
