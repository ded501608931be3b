"""`/api/v1/statistics`: the figures of a period grouped one way (issue 18), over the cases the
caller may see, counted by the day received in the organisation's time zone. The figures and
their definitions: docs/statistics.md."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kesu.api.cases import ERRORS, acting
from kesu.core.errors import Forbidden
from kesu.domain.permissions import Permission
from kesu.stats import selectors

router = Router(tags=["statistics"])


class StatisticsQuery(Schema):
    start: Annotated[date, Field(alias="from")]
    end: Annotated[date, Field(alias="to")]
    by: Annotated[str, Field(max_length=20)] = "category"


class Figures(Schema):
    received: int
    accepted: int
    declined: int
    withdrawn: int
    closed: int
    open_at_end: int
    answered: int
    on_time: int
    overdue: int
    accepted_on_time: int
    accepted_late: int
    contacted_on_time: int
    contacted_late: int
    supervised: int
    hastened: int
    satisfaction_measured: int
    satisfied: int
    confirmed: int
    repeat: int
    recomplaint: int
    regulator: int
    major: int
    acceptance_rate: float | None
    closure_rate: float | None
    on_time_rate: float | None
    acceptance_on_time_rate: float | None
    contact_on_time_rate: float | None
    satisfaction_rate: float | None
    repeat_rate: float | None
    recomplaint_rate: float | None
    escalation_rate: float | None
    loss_amount: str
    compensation_amount: str
    handling_days_avg: float | None
    handling_days_median: float | None


class Row(Figures):
    key: str
    name: str


class StatisticsOut(Schema):
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    by: str
    rows: list[Row]
    totals: Figures


@router.get(
    "/statistics",
    response={200: StatisticsOut, **ERRORS},
    summary="Statistics of a period",
    by_alias=True,
)
def statistics(request: HttpRequest, params: Query[StatisticsQuery]) -> dict[str, Any]:
    """Received / accepted / declined / closed / open at the period's end, timeliness per
    clock, 督办, satisfaction, repeat and re-complaint rates, handling time in working days and
    amounts, per row of the grouping `by` (`category`, `department`, `channel`, `kind`,
    `severity`, `product`, `method`, `month`, `week`, `day`) and in total. Rates are 0–1, or null
    when nothing was measured. For analysts, managers, supervisors and department heads (a
    department head's figures cover their department's cases)."""
    authority, now = acting(request)
    if not authority.may(Permission.VIEW_STATISTICS):
        raise Forbidden("not_allowed", _("Your role does not see statistics."))
    period = selectors.period_of(params.start, params.end)
    result = selectors.compute(authority, period, params.by, now=now)
    return {
        "start": period.start,
        "end": period.end,
        "by": result.by.code,
        "rows": result.rows,
        "totals": result.totals,
    }
