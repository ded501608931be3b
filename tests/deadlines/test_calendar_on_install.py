"""A fresh install computes final due dates: `migrate` alone stores every year the `holidays`
package publishes as official, and `manage.py check` warns while this year or the next is
missing or estimated (issue 14 item 6)."""

from __future__ import annotations

import importlib
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import time_machine
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from kesu.deadlines.checks import W001, calendar_is_official
from kesu.deadlines.models import CalendarDay, CalendarYear
from kesu.deadlines.services import load_calendar_year, set_calendar_day, set_year_official
from kesu.domain.calendars import year_table
from kesu.domain.vocabulary import DaySource, Role
from kesu.org.models import User
from kesu.org.services import issue_api_token
from tests.conftest import at

MIGRATIONS = Path(__file__).resolve().parents[2] / "kesu" / "deadlines" / "migrations"


def test_after_migrate_alone_2026_is_official_and_due_dates_are_final(db: Any) -> None:
    """The test database is built by `migrate` only, and no fixture here loads a calendar
    (tests using the database run before any transactional test empties it)."""
    assert CalendarYear.objects.get(year=2026).official
    assert not CalendarYear.objects.filter(official=False).exists()
    assert set(CalendarYear.objects.values_list("year", flat=True)) == {
        year for year in range(2000, 2100) if year_table(year).published
    }
    user = User.objects.create_user(username="agent", password="pw-123456", role=Role.INTAKE_AGENT)
    _token, raw = issue_api_token(user=user, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    answer = client.get(
        "/api/v1/calendar/due-date", {"start": "2026-09-28", "days": 7, "unit": "working"}
    ).json()
    assert answer["provisional"] is False
    assert answer["due"] == "2026-10-13"  # 国庆 and the 调休 Saturday 10 October counted right


def _migration() -> Any:
    [path] = MIGRATIONS.glob("*_official_calendar.py")
    return importlib.import_module(f"kesu.deadlines.migrations.{path.stem}")


def test_the_migration_keeps_edits_and_completes_estimated_years(db: Any) -> None:
    CalendarDay.objects.filter(day__year=2025).update(source=DaySource.ESTIMATED)
    CalendarYear.objects.filter(year=2025).update(official=False)
    set_calendar_day(day=date(2026, 11, 23), is_working=False, note="停电放假")
    CalendarDay.objects.filter(day=date(2026, 1, 5)).delete()

    _migration().store_official_years(apps, None)
    _migration().store_official_years(apps, None)  # running twice changes nothing more

    assert CalendarYear.objects.get(year=2025).official
    assert not CalendarDay.objects.filter(day__year=2025).exclude(source=DaySource.OFFICIAL)
    edited = CalendarDay.objects.get(day=date(2026, 11, 23))
    assert (edited.is_working, edited.source) == (False, DaySource.EDITED)
    assert CalendarDay.objects.filter(day__year=2026).count() == 365


def _warnings() -> list[str]:
    return [str(message.msg) for message in calendar_is_official() if message.id == W001]


def test_check_warns_while_this_or_next_year_is_not_official(db: Any) -> None:
    with time_machine.travel(at("2026-06-01 09:00"), tick=False):
        assert _warnings() == [
            "The working-day calendar of 2027 is not loaded: due dates that reach into it are "
            "provisional (no 调休)."
        ]
        load_calendar_year(2027)
        assert _warnings() == [
            "The working-day calendar of 2027 is estimated: due dates that reach into it are "
            "provisional (no 调休)."
        ]
        errors = StringIO()
        call_command("check", stderr=errors)
        assert "kesu.W001" in errors.getvalue()
        set_year_official(year=2027, official=True)
        assert _warnings() == []
    with time_machine.travel(at("2025-12-31 23:30"), tick=False):  # 16:30 UTC: still 2025 here
        assert _warnings() == []
