"""Inputs found by review and fuzzing: NUL characters, extreme dates, tampered cursors."""

import base64
from typing import Any

import pytest
from django.test import Client

from kesu.cases.models import Case, CaseEvent
from tests.conftest import PHONE_COMPLAINT


@pytest.fixture
def agent(api: Any) -> Any:
    return api("agent")


@pytest.mark.parametrize("field", ["facts", "complainant_name", "demand"])
def test_nul_characters_in_the_body_are_refused(agent: Any, field: str) -> None:
    response = agent.post("/cases", PHONE_COMPLAINT | {field: "a\x00b"})
    assert response.status_code == 422
    assert "NUL" in response.json()["message"] or "空字符" in response.json()["message"]
    assert Case.objects.count() == 0


def test_nul_characters_anywhere_else_are_refused(agent: Any) -> None:
    number = agent.post("/cases", PHONE_COMPLAINT).json()["number"]
    assert agent.get("/cases", q="a\x00b").status_code == 400
    assert agent.get("/cases", department="a\x00").status_code == 400
    assert agent.client.get("/api/v1/cases/26%00").status_code == 400
    assert agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "k\x00"}).status_code == 400
    assert agent.act(number, "log_contact", note="x\x00").status_code == 422
    assert agent.act(number, "decline", reason_code="out\x00").status_code == 422
    assert CaseEvent.objects.count() == 1


@pytest.mark.parametrize(
    "params",
    [
        {"received_to": "9999-12-31"},
        {"received_from": "0001-01-01"},
        {"received_from": "1999-12-31"},
    ],
)
def test_dates_outside_2000_to_2099_are_refused_in_filters(
    agent: Any, params: dict[str, str]
) -> None:
    response = agent.get("/cases", **params)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] in params


@pytest.mark.parametrize("start", ["9999-12-31", "9990-01-01", "0001-01-01"])
def test_the_calculator_refuses_years_it_cannot_know(agent: Any, start: str) -> None:
    response = agent.get("/calendar/due-date", start=start, days=10)
    assert response.status_code == 422


def test_the_calculator_still_answers_at_the_end_of_the_range(agent: Any) -> None:
    answer = agent.get("/calendar/due-date", start="2099-12-31", days=3660).json()
    assert answer["provisional"] is True
    assert answer["due"].startswith("21")


@pytest.mark.parametrize(
    "received_at",
    ["0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "1900-01-01T00:00:00+08:00"],
)
def test_implausible_received_times_are_refused(agent: Any, received_at: str) -> None:
    response = agent.post("/cases", PHONE_COMPLAINT | {"received_at": received_at})
    assert response.status_code == 422
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "raw",
    ["0001-01-01T00:00:00+08:00|1", "9999-12-31T23:59:59-12:00|1", "2026-11-01T00:00:00|1", "x|y"],
)
def test_tampered_cursors_answer_400(agent: Any, raw: str) -> None:
    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = agent.get("/cases", cursor=cursor)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


def test_nul_in_a_page_path_is_refused_too(db: Any) -> None:
    assert Client().get("/accounts/login/%00").status_code == 400
