"""Statistics over the cases a reader may see (issue 18): the only code that computes figures.

Every figure is a condition on a case (`FIGURES`), counted over the cases *received* in the
period (by the day received in the organisation's time zone) and evaluated *as at the end of the
period* (or now, for a period not yet over). The same condition filters the drill-down list
(`figure_cases`), so a figure and the list behind it always agree. Counting is done by the
database: one aggregate query for the rows of a grouping, one for the totals (conditional
`Count`/`Sum`/`Avg` over `Exists` subqueries), never a query per case. The definitions are
written out in docs/statistics.md.
"""

from __future__ import annotations

import statistics as pystats
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kesu.cases.models import Case, CaseEvent, CaseRating, Category
from kesu.cases.selectors import visible_cases
from kesu.core.errors import ServiceError
from kesu.core.labels import label
from kesu.deadlines.models import CalendarDay
from kesu.deadlines.services import FIRST_YEAR, LAST_YEAR
from kesu.domain.presets.terms import HANDLING_METHODS
from kesu.domain.vocabulary import Action, CaseKind, Channel, Severity, State
from kesu.org.access import Authority
from kesu.org.models import Department
from kesu.visits.models import Visit

#: A complaint from the same phone number within this many days of an earlier one is a repeat.
REPEAT_WINDOW = timedelta(days=30)
#: A mark (1–5) at or above this counts as satisfied.
SATISFIED_MARK = 4
#: The longest period one request may cover (a report, not a data dump).
MAX_DAYS = 3 * 366 + 1
NONE_KEY = "-"


@dataclass(frozen=True)
class Period:
    """The days `start` … `end` (both included), in the organisation's time zone."""

    start: date
    end: date

    @property
    def begins(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def as_at(self, now: datetime) -> datetime:
        """The moment the period's figures are taken at: its end, or now if that is earlier."""
        return min(self.ends, now)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period just before, of the same shape: the previous month or quarter or year
        when this is one, else the same number of days just before."""
        months = _whole_months(self)
        if months:
            start = _add_months(self.start, -months)
            return Period(start, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def year_before(self) -> Period:
        return Period(_minus_year(self.start), _minus_year(self.end))

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _whole_months(period: Period) -> int:
    """How many whole calendar months the period is, or 0 when it is not whole months."""
    if period.start.day != 1 or (period.end + timedelta(days=1)).day != 1:
        return 0
    after = period.end + timedelta(days=1)
    return (after.year - period.start.year) * 12 + after.month - period.start.month


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    return Period(start, _add_months(start, 1) - timedelta(days=1))


def quarter(year: int, number: int) -> Period:
    start = date(year, 3 * number - 2, 1)
    return Period(start, _add_months(start, 3) - timedelta(days=1))


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31))


def period_of(start: date | None, end: date | None) -> Period:
    """A custom period, checked: both days given, in order, at most `MAX_DAYS` long."""
    if start is None or end is None:
        raise ServiceError("period_required", _("Give both the first and the last day."))
    for day, name in ((start, "from"), (end, "to")):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ServiceError(
                "date_out_of_range",
                _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                field=name,
            )
    if end < start:
        raise ServiceError(
            "period_reversed", _("The end date is before the start date."), field="to"
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise ServiceError(
            "period_too_long",
            _("A period covers at most %(n)s days.") % {"n": MAX_DAYS},
            field="to",
        )
    return Period(start, end)


# --- The figures -------------------------------------------------------------------------------


def _event(action: str, as_at: datetime) -> Exists:
    return Exists(CaseEvent.objects.filter(case_id=OuterRef("pk"), action=action, at__lt=as_at))


def annotated(cases: QuerySet[Case], as_at: datetime) -> QuerySet[Case]:
    """`cases` with the per-case facts the figures test (each an `Exists` subquery)."""
    low_rating = Q(result__lt=SATISFIED_MARK) | Q(process__lt=SATISFIED_MARK)
    low_visit = Q(result_satisfaction__lt=SATISFIED_MARK) | Q(
        process_satisfaction__lt=SATISFIED_MARK
    )
    ratings = CaseRating.objects.filter(case_id=OuterRef("pk"), rated_at__lt=as_at)
    visits = Visit.objects.filter(
        case_id=OuterRef("pk"), result_satisfaction__isnull=False, completed_at__lt=as_at
    )
    earlier = Case.objects.filter(
        complainant_phone=OuterRef("complainant_phone"),
        received_at__lt=OuterRef("received_at"),
        received_at__gte=OuterRef("received_at") - Value(REPEAT_WINDOW),
    ).exclude(pk=OuterRef("pk"))
    return cases.annotate(
        s_supervised=_event("escalate", as_at),
        s_hastened=_event(Action.HASTEN, as_at),
        s_confirmed=_event(Action.CONFIRM, as_at),
        s_unhappy=_event(Action.NOT_SATISFIED, as_at),
        s_rated=Exists(ratings),
        s_rated_low=Exists(ratings.filter(low_rating)),
        s_visited=Exists(visits),
        s_visited_low=Exists(visits.filter(low_visit)),
        s_earlier=Exists(earlier),
    )


def _clock(due: str, stop: str, as_at: datetime) -> tuple[Q, Q]:
    """(on time, late) for one clock as at `as_at`: stopped by its event no later than its due
    time; late when the due time passed before the event (or with no event yet), unless the case
    ended (declined, withdrawn) before the due time without the event."""
    on_time = Q(**{f"{due}__isnull": False, f"{stop}__lt": as_at, f"{stop}__lte": F(due)})
    ended_early = Q(**{f"{stop}__isnull": True, "closed_at__lte": F(due)})
    late = (
        Q(**{f"{due}__lt": as_at})
        & (Q(**{f"{stop}__isnull": True}) | Q(**{f"{stop}__gt": F(due)}))
        & ~ended_early
    )
    return on_time, late


def figures(as_at: datetime) -> dict[str, Q]:
    """Each counted figure: the condition a case received in the period meets to count."""
    ended = Q(closed_at__lt=as_at)
    measured = Q(s_rated=True) | Q(s_visited=True) | Q(s_confirmed=True) | Q(s_unhappy=True)
    unhappy = Q(s_rated_low=True) | Q(s_visited_low=True) | Q(s_unhappy=True)
    accepted_on_time, accepted_late = _clock("acceptance_due", "accepted_at", as_at)
    contact_on_time, contact_late = _clock("first_contact_due", "first_contact_at", as_at)
    answered_on_time, answered_late = _clock("resolution_due", "answered_at", as_at)
    return {
        "received": Q(),
        "accepted": Q(accepted_at__lt=as_at),
        "declined": ended & Q(state=State.DECLINED),
        "withdrawn": ended & Q(state=State.WITHDRAWN),
        "closed": ended & Q(state=State.CLOSED),
        "open_at_end": Q(closed_at__isnull=True) | Q(closed_at__gte=as_at),
        "answered": Q(answered_at__lt=as_at),
        "on_time": answered_on_time,
        "overdue": answered_late,
        "accepted_on_time": accepted_on_time,
        "accepted_late": accepted_late,
        "contacted_on_time": contact_on_time,
        "contacted_late": contact_late,
        "supervised": Q(s_supervised=True),
        "hastened": Q(s_hastened=True),
        "satisfaction_measured": measured,
        "satisfied": measured & ~unhappy,
        "confirmed": Q(s_confirmed=True),
        "repeat": ~Q(complainant_phone="") & Q(s_earlier=True),
        "recomplaint": Q(follows__isnull=False),
        "regulator": Q(channel=Channel.REGULATOR),
        "major": Q(severity=Severity.MAJOR),
    }


#: The figures in the order tables show them.
COUNTS = (
    "received",
    "accepted",
    "declined",
    "withdrawn",
    "closed",
    "open_at_end",
    "answered",
    "on_time",
    "overdue",
    "accepted_on_time",
    "accepted_late",
    "contacted_on_time",
    "contacted_late",
    "supervised",
    "hastened",
    "satisfaction_measured",
    "satisfied",
    "confirmed",
    "repeat",
    "recomplaint",
    "regulator",
    "major",
)
#: Rates: numerator / denominator (a sum of figures); None when the denominator is 0.
RATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "acceptance_rate": ("accepted", ("received",)),
    "closure_rate": ("closed", ("received",)),
    "on_time_rate": ("on_time", ("on_time", "overdue")),
    "acceptance_on_time_rate": ("accepted_on_time", ("accepted_on_time", "accepted_late")),
    "contact_on_time_rate": ("contacted_on_time", ("contacted_on_time", "contacted_late")),
    "satisfaction_rate": ("satisfied", ("satisfaction_measured",)),
    "repeat_rate": ("repeat", ("received",)),
    "recomplaint_rate": ("recomplaint", ("received",)),
    "escalation_rate": ("supervised", ("received",)),
}
AMOUNTS = ("loss_amount", "compensation_amount")


# --- Groupings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    code: str
    label: Callable[[], str]
    column: str  # the annotation or column grouped on
    expression: Any = None  # when the column is computed (month, week, day)
    names: Callable[[list[Any]], dict[Any, tuple[str, str]]] = field(
        default=lambda values: {}
    )  # raw values → (key, name)

    def annotate(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if self.expression is None:
            return cases
        return cases.annotate(**{self.column: self.expression})


def _enum_names(enum: Any) -> Callable[[list[Any]], dict[Any, tuple[str, str]]]:
    def names(values: list[Any]) -> dict[Any, tuple[str, str]]:
        result = {}
        for value in values:
            try:
                result[value] = (value, str(label(enum(value))))
            except (ValueError, KeyError):
                result[value] = (value, str(value))
        return result

    return names


def _category_names(values: list[Any]) -> dict[Any, tuple[str, str]]:
    found = Category.objects.filter(pk__in=[v for v in values if v is not None])
    return {c.pk: (c.code, c.name) for c in found}


def _department_names(values: list[Any]) -> dict[Any, tuple[str, str]]:
    found = Department.objects.filter(pk__in=[v for v in values if v is not None])
    return {d.pk: (d.code, d.name) for d in found}


def _method_names(values: list[Any]) -> dict[Any, tuple[str, str]]:
    terms = {term.code: term for term in HANDLING_METHODS}
    english = (get_language() or "").startswith("en")
    result = {}
    for value in values:
        term = terms.get(value)
        name = (term.name_en if english else term.name_zh) if term else str(value)
        result[value] = (value, name)
    return result


def _text_names(values: list[Any]) -> dict[Any, tuple[str, str]]:
    return {v: (v, v) for v in values if v}


def _day_names(fmt: str) -> Callable[[list[Any]], dict[Any, tuple[str, str]]]:
    def names(values: list[Any]) -> dict[Any, tuple[str, str]]:
        result = {}
        for value in values:
            if value is None:
                continue
            day = value.date() if isinstance(value, datetime) else value
            result[value] = (day.strftime(fmt), day.strftime(fmt))
        return result

    return names


TZ_DATE = {"output_field": DateField()}

GROUPINGS: dict[str, Grouping] = {
    g.code: g
    for g in (
        Grouping("category", lambda: _("Category"), "category_id", names=_category_names),
        Grouping(
            "department", lambda: _("Department"), "assigned_department_id",
            names=_department_names,
        ),
        Grouping("channel", lambda: _("Channel"), "channel", names=_enum_names(Channel)),
        Grouping("kind", lambda: _("Kind"), "kind", names=_enum_names(CaseKind)),
        Grouping("severity", lambda: _("Severity"), "severity", names=_enum_names(Severity)),
        Grouping("product", lambda: _("Product / service"), "subject_product", names=_text_names),
        Grouping("method", lambda: _("Handling method"), "result_method", names=_method_names),
        Grouping(
            "month", lambda: _("Month"), "s_month", TruncMonth("received_at", **TZ_DATE),
            names=_day_names("%Y-%m"),
        ),
        Grouping(
            "week", lambda: _("Week"), "s_week", TruncWeek("received_at", **TZ_DATE),
            names=_day_names("%Y-%m-%d"),
        ),
        Grouping(
            "day", lambda: _("Day"), "s_day", TruncDate("received_at"),
            names=_day_names("%Y-%m-%d"),
        ),
    )
}  # fmt: skip


def grouping(code: str) -> Grouping:
    try:
        return GROUPINGS[code]
    except KeyError:
        raise ServiceError(
            "unknown_grouping",
            _("Unknown grouping %(code)s; choose one of: %(codes)s.")
            % {"code": code, "codes": ", ".join(GROUPINGS)},
            field="by",
        ) from None


def key_condition(by: Grouping, key: str) -> Q:
    """The cases of one row: the inverse of the row's key (a code, a value, a day)."""
    if key == NONE_KEY:
        if by.code in {"category", "department"}:
            return Q(**{f"{by.column}__isnull": True})
        return Q(**{by.column: ""})
    if by.code == "category":
        return Q(category__code=key)
    if by.code == "department":
        return Q(assigned_department__code=key)
    if by.code in {"month", "week", "day"}:
        try:
            if by.code == "month":
                first = datetime.strptime(key, "%Y-%m").date()
                after = _add_months(first, 1)
            else:
                first = datetime.strptime(key, "%Y-%m-%d").date()
                after = first + timedelta(days=7 if by.code == "week" else 1)
        except ValueError:
            raise ServiceError("unknown_key", _("Unknown row %(key)s.") % {"key": key}) from None
        span = Period(first, after - timedelta(days=1))
        return Q(received_at__gte=span.begins, received_at__lt=span.ends)
    return Q(**{by.column: key})


# --- Computing ---------------------------------------------------------------------------------


def in_period(authority: Authority, period: Period) -> QuerySet[Case]:
    """The visible cases received in `period`."""
    return visible_cases(authority).filter(
        received_at__gte=period.begins, received_at__lt=period.ends
    )


def _working_days() -> Subquery:
    """The working days after the day received up to the day answered (calendar tables)."""
    days = (
        CalendarDay.objects.filter(
            is_working=True,
            day__gt=OuterRef("s_received_day"),
            day__lte=OuterRef("s_answered_day"),
        )
        .order_by()
        .values("is_working")
        .annotate(n=Count("day"))
        .values("n")
    )
    return Subquery(days, output_field=IntegerField())


def _aggregates(as_at: datetime) -> dict[str, Any]:
    conditions = figures(as_at)
    answered = conditions["answered"]
    result: dict[str, Any] = {
        name: Count("pk", filter=conditions[name]) if name != "received" else Count("pk")
        for name in COUNTS
    }
    result["loss_amount"] = Sum("loss_amount")
    result["compensation_amount"] = Sum("result_amount", filter=answered)
    result["handling_days_avg"] = Avg("s_days", filter=answered)
    return result


def _with_days(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(
        s_received_day=TruncDate("received_at"),
        s_answered_day=TruncDate("answered_at"),
    ).annotate(s_days=Coalesce(_working_days(), 0))


@dataclass
class Statistics:
    period: Period
    by: Grouping
    rows: list[dict[str, Any]]
    totals: dict[str, Any]


def _finish(raw: dict[str, Any], medians: list[int]) -> dict[str, Any]:
    row = {name: int(raw.get(name) or 0) for name in COUNTS}
    for name, (top, bottoms) in RATES.items():
        below = sum(row[b] for b in bottoms)
        row[name] = round(row[top] / below, 4) if below else None
    for name, column in (
        ("loss_amount", "loss_amount"),
        ("compensation_amount", "compensation_amount"),
    ):
        value = raw.get(column)
        row[name] = str(Decimal(value).quantize(Decimal("0.01"))) if value is not None else "0.00"
    average = raw.get("handling_days_avg")
    row["handling_days_avg"] = round(float(average), 2) if average is not None else None
    row["handling_days_median"] = pystats.median(medians) if medians else None
    return row


def compute(authority: Authority, period: Period, by: str, *, now: datetime) -> Statistics:
    """The figures of `period` grouped `by` (rows, largest first; time groupings in order) and
    their totals: four queries (rows, names, totals, handling days for the medians)."""
    grouping_ = grouping(by)
    as_at = period.as_at(now)
    cases = grouping_.annotate(_with_days(annotated(in_period(authority, period), as_at)))
    aggregates = _aggregates(as_at)
    raw_rows = list(cases.order_by().values(grouping_.column).annotate(**aggregates))
    answered = figures(as_at)["answered"]
    days = list(cases.filter(answered).order_by().values_list(grouping_.column, "s_days"))
    by_key: dict[Any, list[int]] = {}
    for value, count in days:
        by_key.setdefault(value, []).append(int(count))
    names = grouping_.names([r[grouping_.column] for r in raw_rows])
    rows = []
    for raw in raw_rows:
        value = raw[grouping_.column]
        key, name = names.get(value, (NONE_KEY, _("(none)")))
        if value in (None, ""):
            key, name = NONE_KEY, _("(none)")
        rows.append({"key": key, "name": name, **_finish(raw, by_key.get(value, []))})
    if grouping_.code in {"month", "week", "day"}:
        rows.sort(key=lambda r: r["key"])
    else:
        rows.sort(key=lambda r: (-r["received"], r["key"]))
    totals_raw = cases.order_by().aggregate(**aggregates)
    totals = _finish(totals_raw, [int(count) for _value, count in days])
    return Statistics(period, grouping_, rows, totals)


def totals(authority: Authority, period: Period, *, now: datetime) -> dict[str, Any]:
    """The period's totals alone (one query, medians left out)."""
    as_at = period.as_at(now)
    cases = _with_days(annotated(in_period(authority, period), as_at))
    return _finish(cases.order_by().aggregate(**_aggregates(as_at)), [])


def change(current: int, before: int) -> float | None:
    """Relative change (0.25 = +25 %); None when there was nothing before."""
    return round((current - before) / before, 4) if before else None


@dataclass(frozen=True)
class Comparison:
    previous: Period
    year_before: Period
    previous_totals: dict[str, Any]
    year_before_totals: dict[str, Any]

    def changes(self, current: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
        return {
            name: {
                "previous": change(current[name], self.previous_totals[name]),
                "year_before": change(current[name], self.year_before_totals[name]),
            }
            for name in names
        }


def compare(authority: Authority, period: Period, *, now: datetime) -> Comparison:
    """The totals of the previous period and of the same period a year before (two queries)."""
    previous, year_before = period.previous(), period.year_before()
    return Comparison(
        previous,
        year_before,
        totals(authority, previous, now=now),
        totals(authority, year_before, now=now),
    )


def top(authority: Authority, period: Period, by: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent products (or categories, …) of the period: (key, name, received)."""
    grouping_ = grouping(by)
    cases = grouping_.annotate(in_period(authority, period)).exclude(
        **{f"{grouping_.column}__isnull": True}
    )
    if grouping_.code in {"product", "method", "channel", "kind", "severity"}:
        cases = cases.exclude(**{grouping_.column: ""})
    counted = list(
        cases.order_by()
        .values(grouping_.column)
        .annotate(received=Count("pk"))
        .order_by("-received", grouping_.column)[:limit]
    )
    names = grouping_.names([r[grouping_.column] for r in counted])
    return [
        {
            "key": names.get(r[grouping_.column], (NONE_KEY, ""))[0],
            "name": names.get(r[grouping_.column], (NONE_KEY, _("(none)")))[1],
            "received": r["received"],
        }
        for r in counted
    ]


def figure_cases(
    authority: Authority,
    period: Period,
    figure: str,
    *,
    now: datetime,
    by: str = "",
    key: str = "",
) -> QuerySet[Case]:
    """The cases behind one number: received in `period`, meeting `figure` (as at the period's
    end), in row `key` of grouping `by` (all rows when no grouping is given)."""
    as_at = period.as_at(now)
    conditions = figures(as_at)
    if figure not in conditions:
        raise ServiceError(
            "unknown_figure", _("Unknown figure %(name)s.") % {"name": figure}, field="figure"
        )
    cases = annotated(in_period(authority, period), as_at).filter(conditions[figure])
    if by:
        grouping_ = grouping(by)
        cases = cases.filter(key_condition(grouping_, key))
    return cases.select_related("category", "assigned_department", "handler").order_by(
        "received_at", "id"
    )


def weekly_counts(
    authority: Authority, weeks: list[date], by: str = "category"
) -> dict[str, tuple[str, list[int]]]:
    """Per row of `by` (a category by default): its name and its counts in each of `weeks`
    (Mondays, oldest first), in one query — what the spike rule reads."""
    if not weeks:
        return {}
    grouping_ = grouping(by)
    span = Period(weeks[0], weeks[-1] + timedelta(days=6))
    counted = (
        grouping_.annotate(in_period(authority, span))
        .annotate(s_week=TruncWeek("received_at", output_field=DateField()))
        .order_by()
        .values(grouping_.column, "s_week")
        .annotate(n=Count("pk"))
    )
    rows = list(counted)
    names = grouping_.names(list({r[grouping_.column] for r in rows}))
    index = {week: position for position, week in enumerate(weeks)}
    result: dict[str, tuple[str, list[int]]] = {}
    for row in rows:
        key, name = names.get(row[grouping_.column], (NONE_KEY, _("(none)")))
        week = row["s_week"]
        week = week.date() if isinstance(week, datetime) else week
        if week not in index:
            continue
        entry = result.setdefault(key, (name, [0] * len(weeks)))
        entry[1][index[week]] += row["n"]
    return result
