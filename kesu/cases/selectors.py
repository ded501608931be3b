"""The only code that reads cases. Every query starts from `visible_cases(authority)`, so a case
the acting user may not see is simply absent — callers answer 404, never 403."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kesu.cases.models import Case, CaseEvent, Category
from kesu.core.errors import NotFound, ServiceError
from kesu.domain.access import Scope
from kesu.domain.vocabulary import OPEN_STATES, State
from kesu.org.access import Authority
from kesu.org.models import Department

MAX_PAGE = 200


def visible_cases(authority: Authority) -> QuerySet[Case]:
    """The cases `authority` may see: the whole book, or its departments' and its own."""
    cases = Case.objects.all()
    match authority.scope:
        case Scope.ORGANISATION:
            return cases
        case Scope.DEPARTMENT:
            mine = Q(handler_id__in=authority.user_ids)
            for path in authority.department_paths:
                mine |= Q(assigned_department__path__startswith=path)
            return cases.filter(mine)
        case _:
            return cases.none()


def get_case(authority: Authority, number: str) -> Case:
    case = (
        visible_cases(authority)
        .select_related(
            "category", "assigned_department", "handler", "receiver", "decline_reason", "policy"
        )
        .filter(number=number)
        .first()
    )
    if case is None:
        raise NotFound("not_found", _("Case %(number)s not found.") % {"number": number})
    return case


def case_events(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor", "on_behalf_of").order_by("at", "id")


@dataclass(frozen=True)
class CaseFilters:
    states: list[State] = field(default_factory=list)
    department: str = ""
    category: str = ""
    severity: str = ""
    kind: str = ""
    channel: str = ""
    overdue: bool | None = None
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""


@dataclass(frozen=True)
class Page:
    items: list[Case]
    next_cursor: str | None


def encode_cursor(case: Case) -> str:
    raw = f"{case.received_at.isoformat()}|{case.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = raw.split("|")
        return datetime.fromisoformat(moment), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise ServiceError(
            "invalid_cursor", _("The page cursor is not valid."), field="cursor"
        ) from error


def overdue(now: datetime) -> Q:
    """Open cases with a clock that has run out: acceptance, first contact or resolution."""
    return Q(state__in=OPEN_STATES) & (
        Q(accepted_at__isnull=True, acceptance_due__lt=now)
        | Q(first_contact_at__isnull=True, first_contact_due__lt=now)
        | Q(answered_at__isnull=True, resolution_due__lt=now)
    )


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_cases(cases: QuerySet[Case], filters: CaseFilters, *, now: datetime) -> QuerySet[Case]:
    if filters.states:
        cases = cases.filter(state__in=filters.states)
    if filters.department:
        cases = cases.filter(
            assigned_department__path__startswith=_path_of_department(filters.department)
        )
    if filters.category:
        cases = cases.filter(category__path__startswith=_path_of_category(filters.category))
    for name in ("severity", "kind", "channel"):
        if value := getattr(filters, name):
            cases = cases.filter(**{name: value})
    if filters.overdue is not None:
        late = overdue(now)
        cases = cases.filter(late) if filters.overdue else cases.exclude(late)
    if filters.received_from:
        cases = cases.filter(received_at__gte=_local_midnight(filters.received_from))
    if filters.received_to:
        cases = cases.filter(
            received_at__lt=_local_midnight(filters.received_to) + timedelta(days=1)
        )
    if text := filters.text.strip():
        cases = cases.filter(
            Q(number=text)
            | Q(complainant_phone=text)
            | Q(subject_order_number=text)
            | Q(complainant_name__icontains=text)
            | Q(facts__icontains=text)
            | Q(subject_product__icontains=text)
        )
    return cases


def _path_of_department(code: str) -> str:
    department = Department.objects.filter(code=code).only("path").first()
    return department.path if department else "/nothing/"


def _path_of_category(code: str) -> str:
    category = Category.objects.filter(code=code).only("path").first()
    return category.path if category else "/nothing/"


def list_cases(
    authority: Authority,
    filters: CaseFilters,
    *,
    now: datetime,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    """Newest received first, `limit` at a time; `next_cursor` continues after the last row."""
    limit = max(1, min(limit, MAX_PAGE))
    cases = filter_cases(visible_cases(authority), filters, now=now)
    if cursor:
        moment, pk = _decode_cursor(cursor)
        cases = cases.filter(Q(received_at__lt=moment) | Q(received_at=moment, id__lt=pk))
    rows = list(
        cases.select_related("category", "assigned_department", "handler").order_by(
            "-received_at", "-id"
        )[: limit + 1]
    )
    more = len(rows) > limit
    items = rows[:limit]
    return Page(items=items, next_cursor=encode_cursor(items[-1]) if more and items else None)
