"""Reading GeoReport v2 parameters: each bad value is a 400 in the spec's error shape, in the
caller's language, before anything is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from kesu.cases.services.limits import DEMAND_MAX, FACTS_MAX, column
from kesu.open311.services import PostedRequest

#: A query may not span more than this (GeoReport v2, GET requests); none given: the last 90 days.
MAX_SPAN = timedelta(days=90)
STATUSES = frozenset({"open", "closed"})
MAX_IDS = 100
#: Column limits of what a post is stored in (the case's and the Open311 request's).
LIMITS = {
    "service_code": 60,
    "first_name": 50,
    "last_name": 50,
    "email": column("complainant_email"),
    "phone": column("complainant_phone"),
    "address_string": 250,
    "address_id": 100,
    "device_id": 100,
    "account_id": 100,
    "media_url": 500,
    "description": FACTS_MAX - 400,  # room for the location line added to the facts
    "attribute[product]": column("subject_product"),
    "attribute[order_number]": column("subject_order_number"),
    "attribute[demand]": DEMAND_MAX,
}


class BadParameter(Exception):
    """A parameter the spec's 400 answers; `description` is for people (translated)."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def _text(data: QueryDict, name: str) -> str:
    value = data.get(name, "")
    if "\x00" in value:
        raise BadParameter(_("%(name)s contains a NUL character.") % {"name": name})
    limit = LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise BadParameter(
            _("%(name)s is too long: at most %(max)s characters.") % {"name": name, "max": limit}
        )
    return value.strip()


def _decimal(data: QueryDict, name: str, bound: int) -> Decimal | None:
    raw = data.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or abs(value) > bound:
        raise BadParameter(_("%(name)s must be a number between -%(b)s and %(b)s.") % {
            "name": name, "b": bound})  # fmt: skip
    return value.quantize(Decimal("0.000001"))


def _amount(data: QueryDict, name: str) -> Decimal | None:
    raw = data.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,12}(\.\d{1,2})?", raw):
        raise BadParameter(
            _("%(name)s must be an amount such as 199.00 (at most two decimals).") % {"name": name}
        )
    return Decimal(raw)


def _day(data: QueryDict, name: str) -> date | None:
    raw = data.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        day = (
            timezone.localtime(moment).date()
            if moment is not None and timezone.is_aware(moment)
            else (moment.date() if moment is not None else parse_date(raw))
        )
    except ValueError:
        day = None
    if day is None:
        raise BadParameter(
            _("%(name)s must be a date such as 2026-05-20 or 2026-05-20T09:30:00+08:00.")
            % {"name": name}
        )
    return day


def posted_request(data: QueryDict) -> PostedRequest:
    """The POST requests parameters, checked."""
    service_code = _text(data, "service_code")
    if not service_code:
        raise BadParameter(_("service_code is required."))
    description = _text(data, "description")
    if not description:
        raise BadParameter(_("description is required: say what happened."))
    latitude = _decimal(data, "lat", 90)
    longitude = _decimal(data, "long", 180)
    if (latitude is None) != (longitude is None):
        raise BadParameter(_("lat and long go together: give both or neither."))
    return PostedRequest(
        service_code=service_code,
        description=description,
        first_name=_text(data, "first_name"),
        last_name=_text(data, "last_name"),
        email=_text(data, "email"),
        phone=_text(data, "phone"),
        latitude=latitude,
        longitude=longitude,
        address_string=_text(data, "address_string"),
        address_id=_text(data, "address_id"),
        device_id=_text(data, "device_id"),
        account_id=_text(data, "account_id"),
        media_url=_text(data, "media_url"),
        product=_text(data, "attribute[product]"),
        order_number=_text(data, "attribute[order_number]"),
        amount=_amount(data, "attribute[amount]"),
        purchase_date=_day(data, "attribute[purchase_date]"),
        event_date=_day(data, "attribute[event_date]"),
        demand=_text(data, "attribute[demand]"),
    )


def _moment(data: QueryDict, name: str) -> datetime | None:
    raw = data.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            _("%(name)s must be a date and time such as 2026-05-20T00:00:00Z.") % {"name": name}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _list(data: QueryDict, name: str) -> list[str]:
    return [
        part.strip() for value in data.getlist(name) for part in value.split(",") if part.strip()
    ]


@dataclass(frozen=True)
class RequestQuery:
    ids: list[str] = field(default_factory=list)  # given: the rest is ignored (the spec)
    codes: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    statuses: list[str] = field(default_factory=list)


def request_query(data: QueryDict, *, now: datetime) -> RequestQuery:
    """GET requests: ids (which override the rest), service codes, a span of at most 90 days
    (the last 90 days when none is given), statuses open/closed."""
    ids = _list(data, "service_request_id")
    if len(ids) > MAX_IDS:
        raise BadParameter(_("At most %(n)s service_request_id values.") % {"n": MAX_IDS})
    if ids:
        return RequestQuery(ids=ids)
    statuses = _list(data, "status")
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise BadParameter(_("status must be open or closed."))
    start, end = _moment(data, "start_date"), _moment(data, "end_date")
    if end is None:
        end = now if start is None else start + MAX_SPAN
    if start is None:
        start = end - MAX_SPAN
    if end < start:
        raise BadParameter(_("end_date is before start_date."))
    if end - start > MAX_SPAN:
        raise BadParameter(_("start_date and end_date may not span more than 90 days."))
    return RequestQuery(codes=_list(data, "service_code"), start=start, end=end, statuses=statuses)
