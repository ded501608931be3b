"""The only code that reads cases. Every query starts from `visible_cases(authority)`, so a case
the acting user may not see is simply absent — callers answer 404, never 403."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kesu.cases.catalogue_selectors import decline_reason_names
from kesu.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    Category,
    ResponsibilityShare,
    normalise_phone,
)
from kesu.core import clock
from kesu.core.errors import NotFound, ServiceError
from kesu.deadlines.services import FIRST_YEAR, LAST_YEAR
from kesu.domain.access import Scope
from kesu.domain.deliberation import Status as DeliberationStatus
from kesu.domain.permissions import GRANTS, Permission
from kesu.domain.vocabulary import OPEN_STATES, Action, CaseKind, Role, Severity, State
from kesu.domain.whistleblowing import ancestors
from kesu.org.access import Authority
from kesu.org.models import Department
from kesu.org.selectors import display_names

#: Deliberations whose participants see the case (a meeting scheduled, no final decision).
SEATED_STATUSES = (DeliberationStatus.CONVENED, DeliberationStatus.PRELIMINARY)

MAX_PAGE = 200
#: The fewest trailing digits a phone search matches on (fewer would match half the book).
MIN_PHONE_DIGITS = 4
IDENTIFIER = re.compile(r"[0-9A-Za-z_/+-]+")
MAX_MATCHES = 1000  # per identifier: one caller's cases, never the whole book


def visible_cases(
    authority: Authority, *, now: datetime | None = None, archive_gate: bool = True
) -> QuerySet[Case]:
    """The cases `authority` may see: the whole book, or its departments' and its own.
    Whistleblowing reports 举报 are the discipline function's alone, and never a recused
    person's (`recused_reports`). A closed case whose archive is confidential is seen only
    with an approved reading 查阅档案 that has not expired at `now` (`kesu.archives`);
    `archive_gate=False` asks what the person could ask to read."""
    cases = _without_hidden_reports(authority, Case.objects.all())
    if archive_gate:
        cases = _without_sealed_archives(authority, cases, now or clock.now())
    match authority.scope:
        case Scope.ORGANISATION:
            return cases
        case Scope.DEPARTMENT:
            # Department ids as a subquery, so the (assigned_department, state) index serves.
            subtree = Q()
            for path in authority.department_paths:
                subtree |= Q(path__startswith=path)
            departments = Department.objects.filter(subtree).values("id") if subtree else []
            # A participant of an open deliberation 合议 sees its case, e.g. a
            # colleague of another department asked to the meeting.
            deliberating = Case.objects.filter(
                deliberations__status__in=SEATED_STATUSES,
                deliberations__seats__user_id=authority.user.pk,
            ).values("pk")
            return cases.filter(
                Q(assigned_department_id__in=departments)
                | Q(handler_id__in=authority.user_ids)
                | Q(receiver_id=authority.user.pk)
                | Q(pk__in=deliberating)
                | _assisted(departments)
            )
        case _:
            return cases.none()


def _without_hidden_reports(authority: Authority, cases: QuerySet[Case]) -> QuerySet[Case]:
    if not authority.may(Permission.HANDLE_WHISTLEBLOWING):
        return cases.exclude(kind=CaseKind.WHISTLEBLOWING)
    return cases.exclude(
        kind=CaseKind.WHISTLEBLOWING, pk__in=recused_reports(authority).values("case_id")
    )


def _without_sealed_archives(
    authority: Authority, cases: QuerySet[Case], now: datetime
) -> QuerySet[Case]:
    """Leave out closed confidential archives the person holds no running approval for (the
    archives are above this app: reached by name)."""
    granted = apps.get_model("archives", "AccessRequest").objects.filter(
        requester_id=authority.user.pk, state="approved", expires_at__gt=now
    )
    sealed = (
        apps.get_model("archives", "Archive")
        .objects.filter(confidential=True, case__state=State.CLOSED)
        .exclude(pk__in=granted.values("archive_id"))
    )
    return cases.exclude(pk__in=sealed.values("case_id"))


def recused_reports(authority: Authority) -> QuerySet[Any]:
    """The whistleblowing reports (`kesu.whistleblowing`, above this app: reached by name) that
    `authority` is recused from (seed 004 第十三条 回避, `domain.whistleblowing`): named in them,
    in the reported department or below it, or heading a department above it (not the root)."""
    condition = Q(named__user_id__in=authority.user_ids)
    for grant in authority.grants:
        path = grant.department_path
        if not path:
            continue
        condition |= Q(reported_department__path__in=ancestors(path))
        if grant.role is Role.DEPARTMENT_HEAD and len(ancestors(path)) > 1:
            condition |= Q(reported_department__path__startswith=path)
    return apps.get_model("whistleblowing", "Report").objects.filter(condition)


#: States of a co-handling task 协办 (kesu.decisions) in which the assisting department holds it.
ASSISTING_STATES = ("open",)
#: A handover 转交 waiting for the receiving department's acknowledgement: it reads the case.
HANDOVER_WAITING = "pending"


def _assisted(departments: QuerySet[Department] | list[Any]) -> Q:
    """Cases on which one of `departments` holds an open co-handling task, or is asked to take
    the case over: its members see the case while they hold the task or the handover waits for
    them (R-10, R-13). Tasks and handovers live in `kesu.decisions`, above this app; their
    models are reached by name (`apps.get_model`), never imported. Each is a subquery on its own
    small table (not a join through every case), so the case list keeps its index scan."""
    if not departments:
        return Q(pk__in=[])
    tasks = apps.get_model("decisions", "CoHandlingTask").objects.filter(
        department_id__in=departments, state__in=ASSISTING_STATES
    )
    handovers = apps.get_model("decisions", "HandoverRequest").objects.filter(
        to_department_id__in=departments, state=HANDOVER_WAITING
    )
    return Q(pk__in=tasks.values("case_id")) | Q(pk__in=handovers.values("case_id"))


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


def just_registered(authority: Authority, case: Case) -> Case:
    """The case `register_case` has just written, as `get_case` reads it back, without reading
    it (issue 18 part 5: the re-read with its joins was the slowest statement of a create).
    Its relations are the objects it was built with; it has no responsibility shares yet; its
    amounts have the column's decimal places. Read back when the registrar could not see it."""
    if authority.scope is Scope.NONE:
        return get_case(authority, case.number)
    for model_field in Case._meta.concrete_fields:
        value, places = (
            getattr(case, model_field.attname),
            getattr(model_field, "decimal_places", None),
        )
        if isinstance(value, Decimal) and places is not None:
            setattr(case, model_field.attname, value.quantize(Decimal(1).scaleb(-places)))
    case._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "responsibility_shares": ResponsibilityShare.objects.none()
    }
    return case


def case_attachments(case: Case) -> QuerySet[Attachment]:
    return case.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")


def responsibility_shares(case: Case) -> list[ResponsibilityShare]:
    """The split of responsibility recorded with the answer (R-17), in the order given."""
    cached = getattr(case, "_prefetched_objects_cache", {}).get("responsibility_shares")
    if cached is not None:  # prefetched, or known to be empty (`just_registered`)
        return sorted(cached, key=lambda share: (share.position, share.id))
    return list(case.responsibility_shares.order_by("position", "id"))


def case_events(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor", "on_behalf_of").order_by("at", "id")


@dataclass(frozen=True)
class Timeline:
    """A case's history in order, with what the people and decline reasons its steps mention
    (by user name or reason code) are called."""

    events: list[CaseEvent]
    names: dict[str, str]


def case_timeline(case: Case) -> Timeline:
    """The history and the display names it needs: at most three queries (the events, the
    people notified, the decline reasons given), however long the history."""
    events = list(case_events(case))
    usernames: set[str] = set()
    reasons: set[str] = set()
    for item in events:
        data = item.data or {}
        usernames.update(str(name) for name in data.get("recipients", []))
        usernames.update(str(name) for name in data.get("participants", []))
        if item.action == Action.DECLINE and data.get("reason_code"):
            reasons.add(str(data["reason_code"]))
    return Timeline(events, display_names(usernames) | decline_reason_names(reasons))


def find_case(authority: Authority, number: str, *, states: Collection[State]) -> Case | None:
    """The visible case numbered `number` if it is in one of `states`, with its category
    (one query); None otherwise, whether absent, invisible or in another state."""
    return (
        visible_cases(authority)
        .select_related("category")
        .filter(number=number, state__in=states)
        .first()
    )


def related_cases(case: Case, authority: Authority, limit: int) -> list[Case]:
    """The caller's other cases (same phone) `authority` may see, newest first, at most `limit`
    (one indexed query). None for a reader who sees personal data masked: the list would tie
    cases together by a phone number they are not shown."""
    if not case.complainant_phone or not authority.sees_personal_data:
        return []
    return list(
        visible_cases(authority)
        .filter(complainant_phone=case.complainant_phone)
        .exclude(pk=case.pk)
        .select_related("category")
        .order_by("-received_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class FollowLinks:
    """The closed case a case follows up (R-06) and the cases that follow it up, as far as the
    reader may see them."""

    follows: Case | None
    followed_by: list[Case]


def _follow_rows(authority: Authority) -> QuerySet[Case]:
    return visible_cases(authority).only("number", "follows_id", "follow_reason", "received_at")


def followed_case(case: Case, authority: Authority) -> Case | None:
    """The case `case` follows up, if `authority` may see it (one query by primary key; none
    when it follows nothing)."""
    if case.follows_id is None:
        return None
    return _follow_rows(authority).filter(pk=case.follows_id).first()


def follow_links(case: Case, authority: Authority) -> FollowLinks:
    """Both directions of the follow-up links (at most two indexed queries)."""
    # Two look-ups (by primary key, by `follows_id`), not one OR, which SQLite scans; the few
    # follow-ups are put in order here, since an ORDER BY tempts SQLite's planner into walking
    # the received-time index instead.
    followers = _follow_rows(authority).filter(follows_id=case.pk).order_by()
    return FollowLinks(
        follows=followed_case(case, authority),
        followed_by=sorted(followers, key=lambda c: (c.received_at, c.pk)),
    )


def last_steps(case_ids: Collection[int]) -> dict[int, CaseEvent]:
    """The latest history step of each case (its action and time), by case id, in one query
    (the latest ids are a subquery). The ids come from a selector that applied visibility."""
    if not case_ids:
        return {}
    latest = (
        CaseEvent.objects.filter(case_id__in=list(case_ids))
        .values("case_id")
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    events = CaseEvent.objects.filter(id__in=latest).only("case_id", "action", "at")
    return {event.case_id: event for event in events}


@dataclass(frozen=True)
class CaseFilters:
    states: list[State] = field(default_factory=list)
    department: str = ""
    handler: str = ""  # the handler's user name
    category: str = ""
    severity: str = ""
    kind: str = ""
    channel: str = ""
    overdue: bool | None = None
    due_before: datetime | None = None  # running clock ends between now and this moment
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""
    #: The search box's identifier look-up, run once (`resolve_search`) so that a page and
    #: its count share it; None until then.
    matched: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Page:
    items: list[Case]
    next_cursor: str | None


class QueueSort(StrEnum):
    """The orders a case list can be read in; each is a keyset the cursor continues."""

    NEWEST = "newest"  # received, newest first (the default)
    OLDEST = "oldest"  # received, oldest first
    DUE = "due"  # next running deadline, soonest first; cases without one last, newest first
    SEVERITY = "severity"  # major, general, minor; within each newest received first


@dataclass(frozen=True)
class Segment:
    """One stretch of a sort order: the cases matching `where`, read by (`moment`, id) in one
    direction. A sort is a sequence of segments, so every segment is one index range scan:
    "major first" is three equality scans on (severity, received_at, id), and "no deadline
    last" avoids NULLS LAST, which SQLite cannot read from an index."""

    where: Q
    holds: Callable[[Case], bool]  # the same condition, for a case already read
    moment: str  # a datetime column, never empty inside the segment
    descending: bool

    def order(self) -> tuple[str, str]:
        sign = "-" if self.descending else ""
        return f"{sign}{self.moment}", f"{sign}id"

    def after(self, moment: datetime, pk: int) -> Q:
        """Rows after (moment, pk) in this segment's order. The redundant `<=`/`>=` bound lets
        the planner start the index range at the cursor instead of filtering from the top."""
        op = "lt" if self.descending else "gt"
        return Q(**{f"{self.moment}__{op}e": moment}) & (
            Q(**{f"{self.moment}__{op}": moment}) | Q(**{self.moment: moment, f"id__{op}": pk})
        )


def _of_severity(severity: Severity) -> Segment:
    return Segment(
        Q(severity=severity), lambda case: case.severity == severity, "received_at", True
    )


SEGMENTS: dict[QueueSort, tuple[Segment, ...]] = {
    QueueSort.NEWEST: (Segment(Q(), lambda _case: True, "received_at", descending=True),),
    QueueSort.OLDEST: (Segment(Q(), lambda _case: True, "received_at", descending=False),),
    QueueSort.DUE: (
        Segment(
            Q(next_due__isnull=False), lambda case: case.next_due is not None, "next_due", False
        ),
        Segment(Q(next_due__isnull=True), lambda case: case.next_due is None, "received_at", True),
    ),
    QueueSort.SEVERITY: tuple(
        _of_severity(severity) for severity in (Severity.MAJOR, Severity.GENERAL, Severity.MINOR)
    ),
}


def encode_cursor(case: Case, sort: QueueSort = QueueSort.NEWEST) -> str:
    """Where the next page starts: the sort, the segment of `case` in it and its key."""
    for index, segment in enumerate(SEGMENTS[sort]):
        if segment.holds(case):
            moment: datetime = getattr(case, segment.moment)
            raw = f"{sort.value}|{index}|{moment.isoformat()}|{case.pk}"
            return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    raise ValueError(case.pk)  # every case lies in one segment of every sort


def _decode_cursor(cursor: str, sort: QueueSort) -> tuple[int, datetime, int]:
    """(segment, moment, pk) of a cursor made by `encode_cursor` for the same `sort`. A cursor
    from before sorting existed (`moment|pk`) still continues the newest-first order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        parts = raw.split("|")
        if len(parts) == 2:
            parts = [QueueSort.NEWEST.value, "0", *parts]
        name, index_text, text, pk = parts
        index, moment = int(index_text), datetime.fromisoformat(text)
        if not 0 <= index < len(SEGMENTS[QueueSort(name)]):
            raise ValueError(index_text)
        if moment.tzinfo is None or not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValueError(text)
        if not 0 < int(pk) < 2**63:  # a database id (bigint); larger overflows the query
            raise ValueError(pk)
        result = index, moment.astimezone(UTC), int(pk)
    except (ValueError, OverflowError, binascii.Error, UnicodeDecodeError) as error:
        raise ServiceError(
            "invalid_cursor", _("The page cursor is not valid."), field="cursor"
        ) from error
    if name != sort.value:
        raise ServiceError(
            "invalid_cursor",
            _("The page cursor belongs to another sort order."),
            field="cursor",
        )
    return result


def overdue(now: datetime) -> Q:
    """Open cases with a running clock that has run out (acceptance, first contact or
    resolution): one range condition on the indexed `next_due`."""
    return Q(next_due__lt=now)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_cases(
    cases: QuerySet[Case], filters: CaseFilters, *, now: datetime, personal: bool
) -> QuerySet[Case]:
    if filters.states:
        cases = cases.filter(state__in=filters.states)
    if filters.department:
        cases = cases.filter(
            assigned_department__path__startswith=_path_of_department(filters.department)
        )
    if filters.handler:
        cases = cases.filter(handler__username=filters.handler)
    if filters.category:
        cases = cases.filter(category__path__startswith=_path_of_category(filters.category))
    for name in ("severity", "kind", "channel"):
        if value := getattr(filters, name):
            cases = cases.filter(**{name: value})
    if filters.overdue is not None:
        late = overdue(now)
        cases = cases.filter(late) if filters.overdue else cases.exclude(late)
    if filters.due_before is not None:
        cases = cases.filter(next_due__gte=now, next_due__lte=filters.due_before)
    if filters.received_from:
        cases = cases.filter(received_at__gte=_local_midnight(filters.received_from))
    if filters.received_to:
        cases = cases.filter(
            received_at__lt=_local_midnight(filters.received_to) + timedelta(days=1)
        )
    if filters.matched is not None:
        cases = cases.filter(pk__in=filters.matched)
    elif text := filters.text.strip():
        cases = cases.filter(text_match(text, personal=personal))
    return cases


def resolve_search(filters: CaseFilters, *, personal: bool) -> CaseFilters:
    """`filters` with the search box's identifier look-ups done (a few indexed queries for a
    number), so the queue's page and its total reuse them instead of asking twice."""
    ids = _identifier_ids(filters.text.strip(), personal=personal)
    return filters if ids is None else replace(filters, matched=ids)


def _identifier_ids(text: str, *, personal: bool) -> tuple[int, ...] | None:
    """The ids of the cases a number identifies (case, order or phone number; None when the
    text is not a number). Each identifier by its own index, then the ids: an OR across three
    columns lets a planner prefer scanning the whole book in received order."""
    digits = normalise_phone(text)
    if not digits.isdigit():
        return None
    exact = [Q(number=text), Q(subject_order_number=text)]
    if personal and len(digits) >= MIN_PHONE_DIGITS:
        # The whole number or its last digits (what a caller reads out): a prefix of the
        # reversed number, read from its index.
        exact.append(Q(complainant_phone_reversed__startswith=digits[::-1]))
    ids: set[int] = set()
    for condition in exact:
        ids.update(Case.objects.filter(condition).values_list("id", flat=True)[:MAX_MATCHES])
    return tuple(sorted(ids))


def text_match(text: str, *, personal: bool) -> Q:
    """A search box: an identifier (case or order number) matches exactly and a phone number
    by its last digits (at least `MIN_PHONE_DIGITS`), each by index;
    other text matches the product or facts (and the name). Phone and name are searched only
    for users who may see them — otherwise a search would confirm a masked number."""
    ids = _identifier_ids(text, personal=personal)
    if ids is not None:
        return Q(pk__in=ids)
    if IDENTIFIER.fullmatch(text):
        # A code with letters: a case or order number, or a product model such as KFR-35GW.
        return Q(number=text) | Q(subject_order_number=text) | Q(subject_product__icontains=text)
    found = Q(subject_product__icontains=text) | Q(facts__icontains=text)
    return found | Q(complainant_name__icontains=text) if personal else found


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
    sort: QueueSort = QueueSort.NEWEST,
) -> Page:
    """Cases in `sort` order (newest received first by default), `limit` at a time;
    `next_cursor` continues after the last row. Usually one query; a page that crosses from
    one segment of the sort into the next reads each segment it touches."""
    limit = max(1, min(limit, MAX_PAGE))
    cases = filter_cases(
        visible_cases(authority), filters, now=now, personal=authority.sees_personal_data
    ).select_related("category", "assigned_department", "handler")
    segments = SEGMENTS[sort]
    first, start = 0, None
    if cursor:
        first, moment, pk = _decode_cursor(cursor, sort)
        start = (moment, pk)
    rows: list[Case] = []
    for index in range(first, len(segments)):
        segment = segments[index]
        part = cases.filter(segment.where)
        if start is not None and index == first:
            part = part.filter(segment.after(*start))
        rows.extend(part.order_by(*segment.order())[: limit + 1 - len(rows)])
        if len(rows) > limit:
            break
    more = len(rows) > limit
    items = rows[:limit]
    return Page(items=items, next_cursor=encode_cursor(items[-1], sort) if more and items else None)


#: The queue counts the cases of a filter up to here and says "1,000+" beyond: a count
#: that stays cheap however large the table grows.
COUNT_CAP = 1000


def count_cases(authority: Authority, filters: CaseFilters, *, now: datetime) -> int:
    """How many visible cases match `filters`, counted up to `COUNT_CAP` + 1 (one query)."""
    cases = filter_cases(
        visible_cases(authority), filters, now=now, personal=authority.sees_personal_data
    )
    return cases.order_by().values("pk")[: COUNT_CAP + 1].count()


@dataclass(frozen=True)
class Workload:
    """The home page's boxes, each a queryset of visible cases, newest deadline first."""

    mine: QuerySet[Case]
    due_soon: QuerySet[Case]
    overdue: QuerySet[Case]
    to_approve: QuerySet[Case] | None
    to_assign: QuerySet[Case] | None
    to_accept: QuerySet[Case] | None


def workload(authority: Authority, *, now: datetime, due_soon_until: datetime) -> Workload:
    """What needs the user today: their own open cases, cases due before `due_soon_until`,
    late cases, plans waiting for their approval, cases waiting to be assigned."""
    visible = visible_cases(authority).select_related("category", "assigned_department", "handler")
    running = visible.filter(next_due__isnull=False).order_by("next_due", "id")
    to_assign: QuerySet[Case] | None = None
    if authority.may_everywhere(Permission.ASSIGN):
        to_assign = visible.filter(state=State.ACCEPTED).order_by("next_due", "id")
    elif authority.may(Permission.ASSIGN):  # a department head, within their department
        mine = Q()
        for path in authority.department_paths:
            mine |= Q(assigned_department__path__startswith=path)
        to_assign = visible.filter(mine, state=State.ASSIGNED, handler__isnull=True).order_by(
            "next_due", "id"
        )
    return Workload(
        mine=visible.filter(handler_id__in=authority.user_ids, state__in=OPEN_STATES).order_by(
            F("next_due").asc(nulls_last=True), "id"
        ),
        due_soon=running.filter(next_due__gte=now, next_due__lte=due_soon_until),
        overdue=running.filter(next_due__lt=now),
        to_approve=_waiting_for(authority, visible),
        to_assign=to_assign,
        to_accept=visible.filter(state=State.REGISTERED).order_by("next_due", "id")
        if authority.may(Permission.ACCEPT)
        else None,
    )


def _approving_roles(authority: Authority) -> list[str]:
    """The approver roles the user acts in now (own or delegated)."""
    return sorted(r.value for r in authority.roles if r in GRANTS[Permission.APPROVE_PLAN])


def _waiting_for(authority: Authority, visible: QuerySet[Case]) -> QuerySet[Case] | None:
    held = _approving_roles(authority)
    if not held:
        return None
    return (
        visible.filter(state=State.PLAN_SUBMITTED)
        .filter(Q(plan_approver_role="") | Q(plan_approver_role__in=held))
        .exclude(plan_submitted_by_id__in=authority.user_ids)
        .order_by("next_due", "id")
    )


def approval_queue(authority: Authority) -> QuerySet[Case] | None:
    """Plans "waiting for me" (R-12): submitted plans whose approver — the role the approval
    matrix named, or any approver where no table is in force — the user acts in now (own role
    or by delegation), never their own plans. None for someone who approves nothing. Each
    row with what the queue shows read alongside (one query)."""
    visible = visible_cases(authority).select_related(
        "category", "assigned_department", "handler", "plan_submitted_by"
    )
    return _waiting_for(authority, visible)


def approval_count(authority: Authority, *, cap: int = 999) -> int | None:
    """How many plans wait for the user's approval (counting stops after `cap`); None for
    someone who approves nothing. One query without joins."""
    queue = _waiting_for(authority, visible_cases(authority))
    if queue is None:
        return None
    return queue.order_by().values("id")[: cap + 1].count()
