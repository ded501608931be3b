"""The columns of a case list export and each case's row, personal data as the exporter may see
it (`kesu.cases.privacy.complainant`). Headings are the case fields' own names, in the
exporter's language (Chinese by default)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.cases.privacy import complainant
from kesu.cases.selectors import CaseFilters, QueueSort
from kesu.core.labels import label
from kesu.domain.vocabulary import CaseKind, Channel, Severity, State
from kesu.org.access import Authority

FIELDS = (
    "number",
    "received_at",
    "kind",
    "channel",
    "category",
    "severity",
    "state",
    "complainant_name",
    "complainant_phone",
    "subject_product",
    "facts",
    "demand",
    "assigned_department",
    "handler",
    "resolution_due",
)
#: Rows read per query: the queue selector's largest page.
BATCH = selectors.MAX_PAGE


def headings() -> list[str]:
    return [str(Case._meta.get_field(name).verbose_name) for name in FIELDS]


def row(case: Case, authority: Authority) -> list[Any]:
    person = complainant(case, authority)
    return [
        case.number,
        case.received_at,
        str(label(CaseKind(case.kind))),
        str(label(Channel(case.channel))),
        case.category.name if case.category else "",
        str(label(Severity(case.severity))),
        str(label(State(case.state))),
        person["name"],
        person["phone"],
        case.subject_product,
        case.facts,
        case.demand,
        case.assigned_department.name if case.assigned_department else "",
        (case.handler.full_name or case.handler.username) if case.handler else "",
        case.resolution_due,
    ]


def cases(
    authority: Authority, filters: CaseFilters, *, sort: QueueSort, now: datetime
) -> Iterator[Case]:
    """Every case of the queue view, in its order, read page by page through the queue's own
    selector (`list_cases`, keyset pagination): memory stays flat however long the list."""
    cursor: str | None = None
    while True:
        page = selectors.list_cases(
            authority, filters, now=now, cursor=cursor, limit=BATCH, sort=sort
        )
        yield from page.items
        if not page.next_cursor:
            return
        cursor = page.next_cursor


def count(authority: Authority, filters: CaseFilters, *, now: datetime) -> int:
    """How many cases the view holds (uncapped, unlike the queue's "1,000+")."""
    return (
        selectors.filter_cases(
            selectors.visible_cases(authority),
            filters,
            now=now,
            personal=authority.sees_personal_data,
        )
        .order_by()
        .count()
    )
