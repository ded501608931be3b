"""What Open311 clients may read: our categories as services, and the requests posted through
Open311 (never the other channels' cases), with what GeoReport v2 returns and nothing more:
no name, phone or e-mail; phone numbers and e-mail addresses inside the text are masked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kesu.cases.catalogue_selectors import category_tree
from kesu.cases.models import Category
from kesu.core.clock import local
from kesu.core.formatting import punctuation
from kesu.core.labels import label
from kesu.domain.privacy import mask_text
from kesu.domain.vocabulary import State
from kesu.open311.models import ServiceRequest
from kesu.open311.params import RequestQuery

#: GeoReport knows two statuses. A case is closed for the client once it is answered (the
#: answer is given), closed, declined or withdrawn; every other state is open.
CLOSED_STATES = frozenset(
    {State.ANSWERED, State.PROVISIONALLY_CLOSED, State.CLOSED, State.DECLINED, State.WITHDRAWN}
)
OPEN_STATES = frozenset(State) - CLOSED_STATES
MAX_RESULTS = 1000


def services() -> list[dict[str, Any]]:
    """GET services: every active category, grouped under its top category."""
    tree = category_tree()
    tops = {category.pk: category.name for category, depth in tree if depth == 0}
    return [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": category.name,
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": tops.get(_root_id(category), "") if depth else category.name,
        }
        for category, depth in tree
    ]


def _root_id(category: Category) -> int | None:
    parts = [p for p in category.path.split("/") if p]
    return int(parts[0]) if parts and parts[0].isdigit() else None


def service(code: str) -> Category | None:
    return Category.objects.filter(code=code, is_active=True).first()


def attributes() -> list[dict[str, Any]]:
    """The attributes every service takes (`attribute[code]` in a post): the registration's
    subject fields (R-03) and the event date the regulator's time bars count from."""
    items = [
        ("product", "string", _("Product / service")),
        ("order_number", "string", _("Order / policy number")),
        ("amount", "number", _("Amount (¥)")),
        ("purchase_date", "datetime", _("Purchase date")),
        ("event_date", "datetime", _("When it happened")),
        ("demand", "text", _("What you ask for")),
    ]
    return [
        {
            "variable": True,
            "code": code,
            "datatype": datatype,
            "required": False,
            "datatype_description": "",
            "order": order,
            "description": str(description),
        }
        for order, (code, datatype, description) in enumerate(items, start=1)
    ]


def _requests() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.select_related(
        "case__category", "case__assigned_department", "case__decline_reason"
    )


def by_ids(ids: list[str]) -> list[ServiceRequest]:
    rows = _requests().filter(case__number__in=ids)
    return list(rows.order_by("-case__received_at")[:MAX_RESULTS])


def find(query: RequestQuery) -> list[ServiceRequest]:
    """GET requests: by ids, else by service codes, span and status."""
    if query.ids:
        return by_ids(query.ids)
    rows = _requests().filter(case__received_at__gte=query.start, case__received_at__lte=query.end)
    if query.codes:
        rows = rows.filter(case__category__code__in=query.codes)
    if len(set(query.statuses)) == 1:
        states = OPEN_STATES if query.statuses[0] == "open" else CLOSED_STATES
        rows = rows.filter(case__state__in=[s.value for s in states])
    return list(rows.order_by("-case__received_at")[:MAX_RESULTS])


def by_token(token: str) -> ServiceRequest | None:
    return _requests().filter(token=token[:40]).first()


def _time(moment: datetime | None) -> str | None:
    return local(moment).isoformat(timespec="seconds") if moment else None


def request_view(request: ServiceRequest) -> dict[str, Any]:
    """One request as GeoReport v2 shows it."""
    case = request.case
    state = State(case.state)
    notes = str(label(state))
    if case.decline_reason is not None:
        notes = f"{notes}{punctuation().colon}{case.decline_reason.name}"
    return {
        "service_request_id": case.number,
        "status": "closed" if state in CLOSED_STATES else "open",
        "status_notes": notes,
        "service_name": case.category.name if case.category else "",
        "service_code": case.category.code if case.category else request.service_code,
        "description": mask_text(case.facts),
        "agency_responsible": case.assigned_department.name if case.assigned_department else "",
        "service_notice": "",
        "requested_datetime": _time(case.received_at),
        "updated_datetime": _time(case.updated_at),
        "expected_datetime": _time(case.resolution_due or case.acceptance_due),
        "address": request.address_string,
        "address_id": request.address_id,
        "zipcode": "",
        "lat": float(request.latitude) if request.latitude is not None else None,
        "long": float(request.longitude) if request.longitude is not None else None,
        "media_url": request.media_url,
    }
