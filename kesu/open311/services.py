"""The only writers of Open311: keys (issue, revoke, use) and posted requests, which register
through the same `register_case` as the hotline and the portal (numbering, deadlines, notices,
history), recorded under the system account on the web channel."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.services.registration import Registration, register_case
from kesu.core.errors import Forbidden, ServiceError
from kesu.domain.vocabulary import Channel
from kesu.open311.models import Open311Key, ServiceRequest
from kesu.org.access import authority_of
from kesu.org.services import system_user

KEY_PREFIX = "o311_"
#: The same post by the same key inside this window answers with the request it made first
#: (GeoReport v2 has no idempotency key; a client retrying after a time-out posts it again).
DUPLICATE_WINDOW = timedelta(minutes=10)
#: Prefix of the registration's Idempotency-Key for a client that sends the header anyway.
IDEMPOTENCY_PREFIX = "open311:"
#: The complainant's name when the client gave none (GeoReport's names are optional).
NO_NAME = "匿名"


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_key(*, name: str, now: datetime) -> tuple[Open311Key, str]:
    """A new key for an Open311 client; returns the row and the key (shown once, never stored)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ServiceError("invalid_name", _("Give the key a name of 1 to 100 characters."))
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = Open311Key.objects.create(
        name=name, key_hash=hash_key(raw), prefix=raw[:12], created_at=now
    )
    return key, raw


def revoke_keys(*, key_ids: list[int], now: datetime) -> int:
    """Revoke keys (the Django admin's action); returns how many were still live."""
    return Open311Key.objects.filter(pk__in=key_ids, revoked_at__isnull=True).update(revoked_at=now)


def key_for(raw: str, *, now: datetime) -> Open311Key:
    """The live key `raw` is, its use noted; 403 for a missing, unknown or revoked key."""
    if not raw:
        raise Forbidden("api_key_required", _("An api_key is required to post a request."))
    key = Open311Key.objects.filter(key_hash=hash_key(raw), revoked_at__isnull=True).first()
    if key is None:
        raise Forbidden("api_key_invalid", _("The api_key is not valid or has been revoked."))
    Open311Key.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


@dataclass(frozen=True)
class PostedRequest:
    """A GeoReport v2 POST, its values already parsed (`kesu.open311.params`)."""

    service_code: str
    description: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address_string: str = ""
    address_id: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""
    product: str = ""
    order_number: str = ""
    amount: Decimal | None = None
    purchase_date: date | None = None
    event_date: date | None = None
    demand: str = ""

    def fingerprint(self, key_id: int) -> str:
        payload = {k: str(v).strip() for k, v in asdict(self).items()} | {"key": key_id}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def complainant_name(self) -> str:
        first, last = self.first_name.strip(), self.last_name.strip()
        if not first and not last:
            return NO_NAME
        if (first + last).isascii():
            return f"{first} {last}".strip()
        return f"{last}{first}"  # a Chinese name: family name first, no space

    def facts(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.address_string.strip(),
                f"{self.latitude}, {self.longitude}" if self.latitude is not None else "",
            )
            if part
        )
        text = self.description.strip()
        return f"{text}\n\n位置 Location: {where}" if where else text


def submit_request(
    *, key: Open311Key, data: PostedRequest, now: datetime, idempotency_key: str | None = None
) -> tuple[ServiceRequest, bool]:
    """Register the posted request as a case; returns `(request, created)`. The same post by
    the same key inside `DUPLICATE_WINDOW` (or under the same Idempotency-Key) answers with the
    request it made first."""
    fingerprint = data.fingerprint(key.pk)
    earlier = (
        ServiceRequest.objects.filter(
            key=key, fingerprint=fingerprint, created_at__gte=now - DUPLICATE_WINDOW
        )
        .select_related("case")
        .order_by("-id")
        .first()
    )
    if earlier is not None and not idempotency_key:
        return earlier, False
    registration = Registration(
        complainant_name=data.complainant_name(),
        complainant_email=data.email,
        complainant_phone=data.phone,
        facts=data.facts(),
        channel=Channel.WEB,
        category_code=data.service_code,
        subject_product=data.product,
        subject_order_number=data.order_number,
        subject_amount=data.amount,
        subject_purchase_date=data.purchase_date,
        event_date=data.event_date,
        demand=data.demand,
    )
    key_text = f"{IDEMPOTENCY_PREFIX}{key.pk}:{idempotency_key}"[:100] if idempotency_key else None
    authority = authority_of(system_user(), now=now)
    try:
        with transaction.atomic():
            case, created = register_case(
                data=registration, authority=authority, now=now, idempotency_key=key_text
            )
            request = _request_of(case, key, data, fingerprint, now)
    except IntegrityError:  # the same post at the same moment: the other one made it
        request = (
            ServiceRequest.objects.filter(key=key, fingerprint=fingerprint)
            .select_related("case")
            .order_by("-id")
            .first()
        )
        if request is None:
            raise
        return request, False
    return request, created


def _request_of(
    case: Case, key: Open311Key, data: PostedRequest, fingerprint: str, now: datetime
) -> ServiceRequest:
    existing = ServiceRequest.objects.filter(case=case).select_related("case").first()
    if existing is not None:
        return existing
    return ServiceRequest.objects.create(
        case=case,
        key=key,
        token=secrets.token_hex(16),
        service_code=data.service_code,
        latitude=data.latitude,
        longitude=data.longitude,
        address_string=data.address_string.strip(),
        address_id=data.address_id.strip(),
        device_id=data.device_id.strip(),
        account_id=data.account_id.strip(),
        media_url=data.media_url.strip(),
        fingerprint=fingerprint,
        created_at=now,
    )
