"""What the staff home, the queue and a case page cost (issue 18 part 5): a bounded number of
statements that does not grow with the cases shown — and the home still names an overdue case
that ran out years ago, counted without walking its days."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import at
from tests.factories import assigned, register
from tests.web.client import logged_in

NOW = "2026-11-24 10:00"


def _count(client: Any, path: str) -> int:
    """Statements of a request in the steady state (the calendar's cached load made before)."""
    with time_machine.travel(at(NOW), tick=False):
        client.get(path)
    with CaptureQueriesContext(connection) as queries, time_machine.travel(at(NOW), tick=False):
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(queries.captured_queries)


def _book(org: Any, days: list[str]) -> list[Any]:
    cases = []
    for day in days:
        cases.append(register(org["agent"], at(f"{day} 09:00"), complainant_name=f"客户{day}"))
        cases.append(assigned(org, day, complainant_name=f"用户{day}"))
    return cases


@pytest.mark.parametrize(("path", "limit"), [("/", 15), ("/cases/", 15)])
def test_home_and_queue_cost_the_same_with_twenty_or_forty_cases(
    org: Any, path: str, limit: int
) -> None:
    # Twenty already fill every box past what it shows (each then counts its cases once).
    client = logged_in("supervisor")
    _book(org, [f"2026-11-{day:02d}" for day in range(2, 12)])
    few = _count(client, path)
    _book(org, [f"2026-11-{day:02d}" for day in range(12, 22)])
    many = _count(client, path)
    assert many == few, (few, many)
    assert many <= limit, many


def test_a_case_page_costs_a_bounded_number_of_statements(org: Any) -> None:
    client = logged_in("supervisor")
    case = assigned(org, "2026-11-20")
    assert _count(client, f"/cases/{case.number}/") <= 40


def test_home_names_a_case_overdue_for_years(org: Any) -> None:
    old = register(org["agent"], at("2023-03-01 09:00"), complainant_name="老客户")
    with time_machine.travel(at(NOW), tick=False):
        page = logged_in("supervisor").get("/").content.decode()
    assert old.number in page
