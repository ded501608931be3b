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
#: Rows fetched at a time.
BATCH = 2000


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


#: What a row reads of each case (and its category, department and handler): not the other
#: seventy columns of the case.
COLUMNS = (
    "number", "received_at", "kind", "channel", "severity", "state", "subject_product",
    "facts", "demand", "resolution_due", "next_due", "complainant_name", "complainant_phone",
    "complainant_email", "complainant_address", "complainant_employer", "complainant_id_number",
    "complainant_relation", "complainant_count", "category__name_zh", "category__name_en",
    "assigned_department__name", "handler__full_name", "handler__username",
)  # fmt: skip


def cases(
    authority: Authority, filters: CaseFilters, *, sort: QueueSort, now: datetime
) -> Iterator[Case]:
    """Every case of the queue view in the queue's order: the queue's own filter
    (`filter_cases` over `visible_cases`) read segment by segment in the order of its sort
    (`SEGMENTS`, what `list_cases` pages through), streamed in chunks of `BATCH` rows, so
    memory stays flat however long the list."""
    matching = selectors.filter_cases(
        selectors.visible_cases(authority), filters, now=now, personal=authority.sees_personal_data
    ).select_related("category", "assigned_department", "handler")
    for segment in selectors.SEGMENTS[sort]:
        part = matching.filter(segment.where).order_by(*segment.order()).only(*COLUMNS)
        yield from part.iterator(chunk_size=BATCH)


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
