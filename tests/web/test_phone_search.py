"""The queue search finds a case by the last digits of the caller's number (new-user review D8),
only for roles that may see personal data, with a bounded number of queries."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from kesu.core.sealed import seal
from tests.conftest import at
from tests.factories import register
from tests.web.client import logged_in


@pytest.fixture
def cases(org: Any) -> list[str]:
    return [
        register(org["agent"], at("2026-11-23 09:00"), complainant_phone="139 0777 5521").number,
        register(org["agent"], at("2026-11-23 10:00"), complainant_phone="13812345678").number,
    ]


def _found(username: str, query: str, cases: list[str]) -> list[str]:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in(username).get("/cases/", {"q": query}, follow=True).content.decode()
    return [number for number in cases if f"/cases/{number}/" in page]


@pytest.mark.parametrize("query", ["7775521", "07775521", "13907775521", "139-0777-5521"])
def test_the_last_digits_find_the_case(cases: list[str], query: str) -> None:
    assert _found("agent", query, cases) == [cases[0]]


def test_too_few_digits_find_nothing_by_phone(cases: list[str]) -> None:
    assert _found("agent", "521", cases) == []


def test_a_role_without_personal_data_cannot_search_by_phone(cases: list[str]) -> None:
    assert _found("analyst", cases[0], cases) == [cases[0]]  # the case itself is visible
    assert _found("analyst", "7775521", cases) == []


def test_the_search_stays_a_few_queries(
    cases: list[str], django_assert_max_num_queries: Any
) -> None:
    client = logged_in("agent")
    with (
        time_machine.travel(at("2026-11-24 10:00"), tick=False),
        django_assert_max_num_queries(15),
    ):
        assert client.get("/cases/", {"qs": seal("7775521")}).status_code == 200
