"""Reading return visits: the caller's list (to call today, overdue, all open, recorded), one
visit for its questionnaire, and the satisfaction figures the statistics count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Avg, Count, Q, QuerySet

from kesu.core.clock import local
from kesu.domain.visits import UNHAPPY_AT_MOST, VisitReason, VisitStatus
from kesu.visits.models import Visit

FILTERS = ("today", "overdue", "open", "recorded")


def visit_list(show: str, *, now: datetime) -> QuerySet[Visit]:
    """The visits of one filter, soonest due first, with their case (one query per page):
    When is the case's return-visit clock (it moves with a delivery recorded later or a
    recalculation), not the due time copied at planning. `today`: open and due by the end of
    today (or not due yet known); `overdue`: open and past due; `open`: every open
    visit; `recorded`: done, unreachable or refused, newest first."""
    rows = Visit.objects.select_related("case", "caller").exclude(reason=VisitReason.NOT_SAMPLED)
    if show == "recorded":
        return rows.exclude(status=VisitStatus.OPEN).order_by("-completed_at", "-pk")
    rows = rows.filter(status=VisitStatus.OPEN)
    if show == "today":
        end = datetime.combine(local(now).date() + timedelta(days=1), time.min, local(now).tzinfo)
        rows = rows.filter(
            Q(case__return_visit_due__lt=end) | Q(case__return_visit_due__isnull=True)
        )
    elif show == "overdue":
        rows = rows.filter(case__return_visit_due__lt=now)
    return rows.order_by("case__return_visit_due", "pk")


def visit_counts(*, now: datetime) -> dict[str, int]:
    """How many open visits are overdue and open in all (one query), for the list's tabs."""
    open_rows = Visit.objects.filter(status=VisitStatus.OPEN).exclude(
        reason=VisitReason.NOT_SAMPLED
    )
    return open_rows.aggregate(
        overdue=Count("pk", filter=Q(case__return_visit_due__lt=now)), open=Count("pk")
    )


def visit_for_call(visit_id: int) -> Visit | None:
    """One visit with its case and its calls so far."""
    return (
        Visit.objects.select_related("case", "case__assigned_department")
        .prefetch_related("attempts__caller")
        .filter(pk=visit_id)
        .first()
    )


def visit_by_id(visit_id: int) -> Visit | None:
    return Visit.objects.select_related("case").filter(pk=visit_id).first()


@dataclass(frozen=True)
class Satisfaction:
    """Return-visit results over a period: what the statistics report as 满意度."""

    visits: int
    answered: int
    satisfied: int
    solved: int
    unreachable: int
    result_average: float | None
    process_average: float | None

    @property
    def satisfied_rate(self) -> float | None:
        return self.satisfied / self.answered if self.answered else None


def satisfaction(*, start: datetime, end: datetime) -> Satisfaction:
    """The visits completed in [start, end): how many, answered, satisfied (result above 2 and
    solved), solved, unreachable, and the average ratings — one query."""
    rows = Visit.objects.filter(completed_at__gte=start, completed_at__lt=end).exclude(
        reason=VisitReason.NOT_SAMPLED
    )
    done = Q(status=VisitStatus.DONE)
    figures = rows.aggregate(
        visits=Count("pk"),
        answered=Count("pk", filter=done),
        satisfied=Count(
            "pk", filter=done & Q(solved=True, result_satisfaction__gt=UNHAPPY_AT_MOST)
        ),
        solved=Count("pk", filter=done & Q(solved=True)),
        unreachable=Count("pk", filter=Q(status=VisitStatus.UNREACHABLE)),
        result_average=Avg("result_satisfaction", filter=done),
        process_average=Avg("process_satisfaction", filter=done),
    )
    return Satisfaction(**figures)
