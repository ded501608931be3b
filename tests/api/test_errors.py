"""Bad input answers a clear 4xx in the caller's language and stores nothing; never a 500."""

from typing import Any

import pytest
from django.test import Client

from kesu.cases.models import Case, CaseEvent
from tests.conftest import PHONE_COMPLAINT


@pytest.fixture
def agent(api: Any) -> Any:
    return api("agent")


def nothing_stored() -> bool:
    return Case.objects.count() == 0 and CaseEvent.objects.count() == 0


def test_malformed_json(agent: Any) -> None:
    response = agent.post("/cases", raw="{not json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "malformed_json",
        "message": "请求体不是有效的 JSON。",
        "details": [],
    }
    assert nothing_stored()


def test_wrong_types_and_unknown_values_name_each_field(agent: Any) -> None:
    body = PHONE_COMPLAINT | {
        "facts": 5,
        "channel": "pigeon",
        "subject_purchase_date": "2026-13-01",
        "complainant_count": "many",
        "colour": "blue",
    }
    response = agent.post("/cases", body)
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid_input"
    fields = {d["field"]: d["message"] for d in error["details"]}
    assert set(fields) == {
        "facts",
        "channel",
        "subject_purchase_date",
        "complainant_count",
        "colour",
    }
    assert "hotline" in fields["channel"]
    assert fields["subject_purchase_date"] == "须为日期，格式为 YYYY-MM-DD。"
    assert nothing_stored()


def test_messages_follow_accept_language(api: Any) -> None:
    english = api("agent", language="en")
    response = english.post("/cases", PHONE_COMPLAINT | {"complainant_name": ""})
    assert response.status_code == 422
    assert response.json()["details"][0]["message"] == "Too short: at least 1 characters."


def test_oversized_text_is_refused(agent: Any) -> None:
    response = agent.post("/cases", PHONE_COMPLAINT | {"facts": "很长" * 6000})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "facts"
    assert nothing_stored()


def test_rule_violations_answer_400_with_the_field(agent: Any) -> None:
    unknown = agent.post("/cases", PHONE_COMPLAINT | {"category": "no_such_category"})
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "unknown_category"
    assert unknown.json()["details"][0]["field"] == "category"
    future = agent.post("/cases", PHONE_COMPLAINT | {"received_at": "2099-01-01T09:00:00+08:00"})
    assert future.status_code == 400
    assert future.json()["code"] == "received_in_future"
    naive = agent.post("/cases", PHONE_COMPLAINT | {"received_at": "2026-11-01T09:00:00"})
    assert naive.status_code == 422
    assert nothing_stored()


def test_a_body_that_is_not_an_object(agent: Any) -> None:
    for raw in ("[]", '"text"', "null", "42"):
        response = agent.post("/cases", raw=raw)
        assert 400 <= response.status_code < 500, raw
    assert nothing_stored()


def test_unauthenticated_requests_answer_401(db: Any) -> None:
    client = Client()
    assert client.get("/api/v1/cases").status_code == 401
    response = Client(HTTP_AUTHORIZATION="Bearer ksu_wrong").get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_transition_not_in_the_table_is_409(agent: Any, api: Any) -> None:
    number = agent.post("/cases", PHONE_COMPLAINT).json()["number"]
    response = api("supervisor").act(number, "approve_plan")
    assert response.status_code == 409
    assert response.json() == {
        "code": "transition_not_allowed",
        "message": "案件处于「已登记」状态时，不能执行「批准方案」。",
        "details": [],
    }


def test_unknown_action_and_bad_fields_on_transitions(agent: Any) -> None:
    number = agent.post("/cases", PHONE_COMPLAINT).json()["number"]
    assert agent.act(number, "teleport").status_code == 422
    assert agent.act(number, "accept", promised_days=0).status_code == 422
    assert agent.act(number, "accept", note="x" * 5000).status_code == 422
    events = agent.get(f"/cases/{number}/events").json()
    assert [e["action"] for e in events] == ["register"]


def test_unknown_case_is_404(agent: Any) -> None:
    response = agent.get("/cases/999999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert agent.act("999999999", "accept").status_code == 404


def test_bad_list_parameters(agent: Any) -> None:
    assert agent.get("/cases", state="sleeping").status_code == 422
    assert agent.get("/cases", received_from="yesterday").status_code == 422
    assert agent.get("/cases", cursor="%%%").status_code == 400


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30", "days": 3}, "start"),
        ({"start": "2026-02-01", "days": -1}, "days"),
        ({"start": "2026-02-01", "days": 99999}, "days"),
        ({"start": "2026-02-01", "days": 3, "unit": "fortnights"}, "unit"),
        ({"days": 3}, "start"),
    ],
)
def test_bad_calendar_questions(agent: Any, params: dict[str, Any], field: str) -> None:
    response = agent.get("/calendar/due-date", **params)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == field


def test_coded_fields_accept_only_known_codes(agent: Any) -> None:
    relation = agent.post("/cases", PHONE_COMPLAINT | {"complainant_relation": "cousin"})
    assert relation.status_code == 400
    assert relation.json()["details"][0]["field"] == "complainant_relation"
    criteria = agent.post("/cases", PHONE_COMPLAINT | {"major_criteria": ["aliens"]})
    assert criteria.status_code == 400
    assert criteria.json()["code"] == "unknown_major_criterion"
    assert nothing_stored()
    ok = agent.post(
        "/cases",
        PHONE_COMPLAINT | {"complainant_relation": "spouse", "major_criteria": ["legal_action"]},
    )
    assert ok.status_code == 201
    assert ok.json()["severity"] == "major"


def test_a_cursor_with_an_id_past_the_database_range_is_refused(api: Any) -> None:
    import base64

    raw = f"newest|0|2026-11-24T10:00:00+08:00|{10**22}".encode()
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    response = api("supervisor").get("/cases", cursor=cursor)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
