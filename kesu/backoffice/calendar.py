"""The working-day calendar as a month grid: each day is a button that switches it between
working day and rest day (HTMX swaps just that day); the source of each day — official,
estimated or edited — is shown, and a year can be marked official once the State Council's
notice is entered."""

from __future__ import annotations

import calendar as months
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesu.backoffice import services
from kesu.backoffice.access import actor, manager_required
from kesu.core import clock
from kesu.core.clock import local
from kesu.core.errors import ServiceError
from kesu.core.formatting import punctuation
from kesu.core.labels import label
from kesu.deadlines.models import CalendarDay, CalendarYear
from kesu.deadlines.services import FIRST_YEAR, LAST_YEAR
from kesu.domain.calendars import holiday_names
from kesu.domain.vocabulary import DaySource

#: Weeks start on Monday, as calendars in China do.
WEEKDAYS = (
    gettext_lazy("Mon"),
    gettext_lazy("Tue"),
    gettext_lazy("Wed"),
    gettext_lazy("Thu"),
    gettext_lazy("Fri"),
    gettext_lazy("Sat"),
    gettext_lazy("Sun"),
)


@dataclass(frozen=True)
class DayCell:
    day: date
    is_working: bool | None  # None: the year is not loaded
    source: str
    source_label: str
    note: str
    weekend: bool
    today: bool

    @property
    def unusual(self) -> bool:
        """A 调休 working weekend day or a rest day in the week: what people look for."""
        return self.is_working is not None and self.is_working == self.weekend


def _month(text_year: str | None, text_month: str | None, today: date) -> tuple[int, int]:
    try:
        year, month = int(text_year or today.year), int(text_month or today.month)
    except ValueError:
        return today.year, today.month
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return today.year, today.month
    return year, month


def _names(*years: int) -> dict[date, str]:
    chinese = not (get_language() or "zh-hans").startswith("en")
    names: dict[date, str] = {}
    for year in set(years):
        names.update(holiday_names(year, chinese=chinese))
    return names


def _cell(day: date, row: CalendarDay | None, today: date, names: dict[date, str]) -> DayCell:
    return DayCell(
        day=day,
        is_working=row.is_working if row else None,
        source=row.source if row else "",
        source_label=str(label(DaySource(row.source))) if row else "",
        note=(row.note if row else "") or names.get(day, ""),
        weekend=day.weekday() >= 5,
        today=day == today,
    )


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


@manager_required
def month_grid(request: HttpRequest) -> HttpResponse:
    today = local(clock.now()).date()
    year, month = _month(request.GET.get("year"), request.GET.get("month"), today)
    weeks = months.Calendar(firstweekday=0).monthdatescalendar(year, month)
    rows = {
        row.day: row
        for row in CalendarDay.objects.filter(day__gte=weeks[0][0], day__lte=weeks[-1][-1])
    }
    names = _names(weeks[0][0].year, weeks[-1][-1].year)
    grid = [
        [(_cell(day, rows.get(day), today, names), day.month == month) for day in week]
        for week in weeks
    ]
    before, after = _shift(year, month, -1), _shift(year, month, 1)
    context = {
        "year": year,
        "month": month,
        "weekdays": WEEKDAYS,
        "grid": grid,
        "previous": before,
        "next": after,
        "years": CalendarYear.objects.all(),
        "loaded": CalendarYear.objects.filter(year=year).first(),
        "month_counts": _counts(rows.values(), year, month),
        "p": punctuation(),
    }
    return render(request, "backoffice/calendar.html", context)


def _counts(rows: Iterable[CalendarDay], year: int, month: int) -> dict[str, int]:
    days = [r for r in rows if r.day.year == year and r.day.month == month]
    return {
        "working": sum(1 for r in days if r.is_working),
        "rest": sum(1 for r in days if not r.is_working),
        "edited": sum(1 for r in days if r.source == DaySource.EDITED),
    }


@manager_required
@require_POST
def toggle_day(request: HttpRequest, day: str) -> HttpResponse:
    """Switch one day; an HTMX request gets the day's cell back, a plain form the month."""
    try:
        when = date.fromisoformat(day)
        # HTMX asks first (hx-prompt): the answer is the optional reason; cancelling sends
        # nothing. A plain form may post a note.
        reason = request.headers.get("HX-Prompt", "")
        if request.headers.get("HX-Prompt-URI-AutoEncoded") == "true":  # htmx: not Latin-1
            reason = unquote(reason)
        reason = reason or request.POST.get("note", "")
        row = services.toggle_calendar_day(
            actor=actor(request), day=when, note=reason.strip()[:100]
        )
    except ValueError:
        return HttpResponse(_("Not a date."), status=400)
    except ServiceError as error:
        return HttpResponse(str(error.message), status=400)
    today = local(clock.now()).date()
    if request.headers.get("HX-Request"):
        # The cell, and the month's totals swapped in beside it (out of band): the month shown
        # is the one the day belongs to, as the grid's trailing days of other months are not
        # buttons of that month's totals.
        year, month = _month(request.POST.get("year"), request.POST.get("month"), when)
        first = date(year, month, 1)
        days = CalendarDay.objects.filter(day__gte=first, day__lt=date(*_shift(year, month, 1), 1))
        context = {
            "cell": _cell(when, row, today, _names(when.year)),
            "in_month": (when.year, when.month) == (year, month),
            "changed": True,
            "month_counts": _counts(days, year, month),
            "oob": True,
            "year": year,
            "month": month,
        }
        cell = render_to_string("backoffice/_day.html", context, request=request)
        counts = render_to_string("backoffice/_month_counts.html", context, request=request)
        return HttpResponse(cell + counts)
    state = _("working day") if row.is_working else _("rest day")
    messages.success(request, _("%(day)s is now a %(state)s.") % {"day": when, "state": state})
    return redirect(f"{_grid_url()}?year={when.year}&month={when.month}")


def _grid_url() -> str:
    return reverse("backoffice:calendar")


@manager_required
@require_POST
def year_action(request: HttpRequest) -> HttpResponse:
    """Load a year from the `holidays` package, or mark a loaded year (not) official."""
    try:
        year = int(request.POST.get("year", ""))
        if request.POST.get("action") == "load":
            services.load_year(actor=actor(request), year=year)
            messages.success(request, _("Calendar %(year)s loaded.") % {"year": year})
        else:
            official = request.POST.get("official") == "1"
            services.mark_year(actor=actor(request), year=year, official=official)
            text = (
                _("%(year)s is marked official.")
                if official
                else _("%(year)s is marked estimated.")
            )
            messages.success(request, text % {"year": year})
    except ValueError:
        messages.error(
            request,
            _("Choose a year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
        return redirect(_grid_url())
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(_grid_url())
    return redirect(f"{_grid_url()}?year={year}&month=1")
