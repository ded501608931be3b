"""System check: warn while the calendar of this year or the next is missing or only estimated.

Due dates over an estimated year are provisional (no 调休); the State Council publishes the next
year's calendar each November and a `holidays` release follows, so an install that is never
updated drifts into estimated years without anyone noticing. `manage.py check` (and `runserver`)
say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core import checks
from django.db import DatabaseError

from kesu.core import clock

W001 = "kesu.W001"


def unsettled_years(official: Mapping[int, bool], this_year: int) -> list[int]:
    """This year and the next, where `official` (stored years → official?) has none or False."""
    return [year for year in (this_year, this_year + 1) if not official.get(year, False)]


@checks.register()
def calendar_is_official(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from kesu.deadlines.models import CalendarYear  # noqa: PLC0415 — the app registry is ready

    try:
        official = dict(CalendarYear.objects.values_list("year", "official"))
    except DatabaseError:
        return []  # no database or not migrated yet: `migrate` reports that, and then stores it
    this_year = clock.local(clock.now()).year
    return [
        checks.Warning(
            f"The working-day calendar of {year} is "
            f"{'estimated' if year in official else 'not loaded'}: due dates that reach into "
            "it are provisional (no 调休).",
            hint=(
                f"Update the holidays package and run `manage.py load_calendar {year}`, or enter "
                "the published 调休 days under Settings → Working-day calendar "
                f"(/manage/calendar/) and mark {year} official."
            ),
            obj="deadlines.CalendarYear",
            id=W001,
        )
        for year in unsettled_years(official, this_year)
    ]
