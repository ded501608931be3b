"""The statistics pages (issue 18): the figures of a period by grouping with every number linked
to the cases behind it, the dashboard (ECharts, vendored), and the reports as Excel and PDF."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kesu.cases.privacy import complainant
from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.core.labels import label
from kesu.domain.spikes import spikes
from kesu.domain.vocabulary import State
from kesu.org.access import Authority, request_authority
from kesu.stats import reports, selectors
from kesu.stats.permissions import require_statistics

#: The columns of the statistics table: figure, heading.
COLUMNS = (
    ("received", gettext_lazy("Cases received")),
    ("accepted", gettext_lazy("Accepted")),
    ("declined", gettext_lazy("Declined")),
    ("closed", gettext_lazy("Closed")),
    ("open_at_end", gettext_lazy("Open at period end")),
    ("on_time", gettext_lazy("Answered on time")),
    ("overdue", gettext_lazy("Overdue")),
    ("supervised", gettext_lazy("Supervised (督办)")),
    ("satisfied", gettext_lazy("Satisfied")),
    ("repeat", gettext_lazy("Repeat")),
    ("recomplaint", gettext_lazy("Re-complaints")),
)
RATE_COLUMNS = (
    ("on_time_rate", gettext_lazy("On-time rate")),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate")),
    ("repeat_rate", gettext_lazy("Repeat rate")),
)
DRILL_PAGE = 200
TREND_WEEKS = 12


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    by = forms.ChoiceField(label=gettext_lazy("Group by"), required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = [(g.code, g.label()) for g in selectors.GROUPINGS.values()]


def _period(request: HttpRequest, today: date) -> tuple[PeriodForm, selectors.Period, str]:
    """The period and grouping asked for (`from`, `to`, `by`); this month by category when none
    or an invalid one is asked (the form shows why)."""
    data = {
        "start": request.GET.get("from", ""),
        "end": request.GET.get("to", ""),
        "by": request.GET.get("by", "category"),
    }
    form = PeriodForm(data)
    default = selectors.month(today.year, today.month)
    if not form.is_valid():
        return form, default, "category"
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    by = form.cleaned_data["by"] or "category"
    if start is None and end is None:
        return form, default, by
    try:
        return form, selectors.period_of(start, end), by
    except ServiceError as error:
        form.add_error(None, str(error.message))
        return form, default, by


def _acting(request: HttpRequest) -> tuple[Authority, datetime]:
    now = clock.now()
    authority = request_authority(request, now=now)
    require_statistics(authority)
    return authority, now


def drill_url(period: selectors.Period, figure: str, by: str = "", key: str = "") -> str:
    params = {"from": period.start.isoformat(), "to": period.end.isoformat(), "figure": figure}
    if by:
        params |= {"by": by, "key": key}
    return f"{reverse('stats:cases')}?{urlencode(params)}"


def _cells(period: selectors.Period, row: dict[str, Any], by: str = "", key: str = "") -> list:
    return [
        {"figure": name, "value": row[name], "url": drill_url(period, name, by, key)}
        for name, _heading in COLUMNS
    ]


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    authority, now = _acting(request)
    form, period, by = _period(request, clock.local_date(now))
    result = selectors.compute(authority, period, by, now=now)
    comparison = selectors.compare(authority, period, now=now)
    query = urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})
    context = {
        "form": form,
        "period": period,
        "by": result.by,
        "columns": COLUMNS,
        "rate_columns": RATE_COLUMNS,
        "rows": [
            {
                "row": row,
                "cells": _cells(period, row, by, row["key"]),
                "rates": [row[name] for name, _h in RATE_COLUMNS],
            }
            for row in result.rows
        ],
        "totals": {
            "row": result.totals,
            "cells": _cells(period, result.totals),
            "rates": [result.totals[name] for name, _h in RATE_COLUMNS],
        },
        "comparison": comparison,
        "changes": comparison.changes(result.totals, ["received", "closed", "overdue"]),
        "top_products": selectors.top(authority, period, "product", limit=5),
        "query": query,
    }
    return render(request, "stats/statistics.html", context)


@login_required
@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    """The cases behind one number of the statistics page."""
    authority, now = _acting(request)
    _form, period, _by = _period(request, clock.local_date(now))
    figure = request.GET.get("figure", "received")
    by, key = request.GET.get("by", ""), request.GET.get("key", "")
    try:
        listed = selectors.figure_cases(authority, period, figure, now=now, by=by, key=key)
        total = listed.count()
    except ServiceError as error:
        return render(
            request, "stats/cases.html", {"error": error.message, "period": period}, status=400
        )
    heading = dict(COLUMNS).get(figure, figure)
    rows = [
        {
            "case": case,
            "complainant": complainant(case, authority),
            "state": label(State(case.state)),
        }
        for case in listed[:DRILL_PAGE]
    ]
    context = {
        "period": period,
        "figure": heading,
        "key": key,
        "total": total,
        "rows": rows,
        "more": total > DRILL_PAGE,
        "back": reverse("stats:statistics")
        + "?"
        + urlencode(
            {"from": period.start.isoformat(), "to": period.end.isoformat(), "by": by or "category"}
        ),
    }
    return render(request, "stats/cases.html", context)


def _mondays(today: date, count: int) -> list[date]:
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=count - 1 - i) for i in range(count)]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Trends (the last weeks by category, spikes marked), the month's breakdown by category,
    overdue by department; every bar and slice opens the cases behind it."""
    authority, now = _acting(request)
    form, period, _by = _period(request, clock.local_date(now))
    weeks = _mondays(clock.local_date(now), TREND_WEEKS)
    weekly = selectors.weekly_counts(authority, weeks, "category")
    found = spikes({key: counts for key, (_name, counts) in weekly.items()})
    spiking = {spike.key for spike in found}
    trend_period = selectors.Period(weeks[0], weeks[-1] + timedelta(days=6))
    week_totals = [sum(counts[i] for _n, counts in weekly.values()) for i in range(len(weeks))]
    by_category = selectors.compute(authority, period, "category", now=now)
    by_department = selectors.compute(authority, period, "department", now=now)
    data = {
        "labels": {
            "trend": _("Cases received per week"),
            "categories": _("By category"),
            "overdue": _("Overdue by department"),
            "received": _("Cases received"),
            "overdue_series": _("Overdue"),
            "open": _("Open at period end"),
        },
        "weeks": [w.isoformat() for w in weeks],
        "week_totals": week_totals,
        "week_urls": [drill_url(trend_period, "received", "week", w.isoformat()) for w in weeks],
        "series": [
            {"key": key, "name": name, "counts": counts, "spike": key in spiking}
            for key, (name, counts) in sorted(weekly.items(), key=lambda i: -sum(i[1][1]))[:6]
        ],
        "categories": [
            {
                "name": row["name"],
                "value": row["received"],
                "url": drill_url(period, "received", "category", row["key"]),
            }
            for row in by_category.rows
        ],
        "departments": [
            {
                "name": row["name"],
                "overdue": row["overdue"],
                "open": row["open_at_end"],
                "url": drill_url(period, "overdue", "department", row["key"]),
                "open_url": drill_url(period, "open_at_end", "department", row["key"]),
            }
            for row in by_department.rows
        ],
    }
    context = {
        "form": form,
        "period": period,
        "data": data,
        "spikes": [
            {
                "key": s.key,
                "name": weekly[s.key][0],
                "count": s.count,
                "baseline": round(float(s.baseline), 1),
                "url": drill_url(trend_period, "received", "week", weeks[-1].isoformat()),
            }
            for s in found
        ],
        "totals": by_category.totals,
        "received_url": drill_url(period, "received"),
        "overdue_url": drill_url(period, "overdue"),
        "open_url": drill_url(period, "open_at_end"),
        "query": urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()}),
    }
    return render(request, "stats/dashboard.html", context)


@login_required
@require_GET
def report_excel(request: HttpRequest) -> HttpResponse:
    authority, now = _acting(request)
    _form, period, _by = _period(request, clock.local_date(now))
    content = reports.workbook(authority, period, now=now)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{reports.filename(period)}.xlsx"'
    return response


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    authority, now = _acting(request)
    _form, period, _by = _period(request, clock.local_date(now))
    content = reports.pdf(authority, period, now=now)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{reports.filename(period)}.pdf"'
    return response
