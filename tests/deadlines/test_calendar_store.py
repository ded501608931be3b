"""The stored calendar: loading years, administrators' edits, and the due-date calculator."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kesu.core.errors import ServiceError
from kesu.deadlines.models import CalendarDay, CalendarYear
from kesu.deadlines.services import (
    load_calendar_year,
    policy_for,
    set_calendar_day,
    set_year_official,
)
from kesu.domain.vocabulary import CaseKind, DaySource, Severity

ROOT = Path(__file__).resolve().parents[2]


def test_loading_marks_published_years_official(reference: None) -> None:
    loaded = CalendarYear.objects.filter(year__gte=2025)  # `migrate` stored the earlier ones
    assert list(loaded.values_list("year", "official")) == [
        (2025, True),
        (2026, True),
        (2027, False),
    ]
    assert CalendarDay.objects.filter(day__year=2026).count() == 365
    sunday = CalendarDay.objects.get(day=date(2026, 9, 20))
    assert sunday.is_working
    assert sunday.source == DaySource.OFFICIAL
    assert CalendarDay.objects.get(day=date(2027, 10, 1)).source == DaySource.ESTIMATED


def test_edits_survive_reloading(reference: None) -> None:
    set_calendar_day(day=date(2027, 2, 20), is_working=True, note="2027年春节调休上班")
    load_calendar_year(2027)
    row = CalendarDay.objects.get(day=date(2027, 2, 20))
    assert row.is_working
    assert row.source == DaySource.EDITED


def test_an_administrator_can_add_a_year_and_publish_it(db: Any) -> None:
    set_calendar_day(day=date(2028, 1, 29), is_working=True, note="调休")
    assert CalendarYear.objects.get(year=2028).official is False
    set_year_official(year=2028, official=True)
    assert CalendarYear.objects.get(year=2028).official is True


def test_years_outside_the_range_are_refused(db: Any) -> None:
    with pytest.raises(ServiceError):
        load_calendar_year(1999)


def test_the_most_specific_policy_wins(reference: None) -> None:
    default = policy_for(kind=CaseKind.COMPLAINT, severity=Severity.GENERAL, category_path=None)
    major = policy_for(kind=CaseKind.COMPLAINT, severity=Severity.MAJOR, category_path=None)
    enquiry = policy_for(kind=CaseKind.ENQUIRY, severity=Severity.GENERAL, category_path=None)
    assert (default.code, major.code, enquiry.code) == (
        "platform_default",
        "insurer_major",
        "enquiry_one_day",
    )


def test_the_calculator_answers_with_the_stored_calendar(api: Any) -> None:
    agent = api("agent")
    answer = agent.get("/calendar/due-date", start="2026-09-28", days=7, unit="working").json()
    assert answer["due"] == "2026-10-13"
    assert answer["provisional"] is False
    assert answer["rest_days_skipped"] == 8
    calendar_days = agent.get(
        "/calendar/due-date", start="2026-09-26", days=5, unit="calendar"
    ).json()
    assert calendar_days["due"] == "2026-10-08"
    next_year = agent.get("/calendar/due-date", start="2027-06-01", days=10).json()
    assert next_year["provisional"] is True
    far = agent.get("/calendar/due-date", start="2040-01-02", days=3).json()
    assert far["provisional"] is True
    assert far["due"] == "2040-01-05"


def test_an_edit_changes_the_next_answer(api: Any) -> None:
    agent = api("agent")
    assert agent.get("/calendar/due-date", start="2026-11-20", days=1).json()["due"] == "2026-11-23"
    set_calendar_day(day=date(2026, 11, 23), is_working=False, note="停电放假")
    assert agent.get("/calendar/due-date", start="2026-11-20", days=1).json()["due"] == "2026-11-24"


def test_a_bad_number_pattern_stops_the_start(tmp_path: Path) -> None:
    env = os.environ | {
        "KESU_CASE_NUMBER_PATTERN": "KS/{yy}/{seq}",
        "KESU_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "KESU_CASE_NUMBER_PATTERN 'KS/{yy}/{seq}'" in result.stderr
