"""The OpenAPI schema, docs served without the internet, and random bodies never causing a 500."""

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PHONE_COMPLAINT


def test_openapi_lists_the_endpoints(api: Any) -> None:
    schema = api("agent").client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/cases",
        "/api/v1/cases/{number}",
        "/api/v1/cases/{number}/transitions",
        "/api/v1/cases/{number}/events",
        "/api/v1/calendar/due-date",
    } <= paths
    actions = schema["components"]["schemas"]["Action"]["enum"]
    assert "approve_plan" in actions


def test_the_docs_page_loads_nothing_from_the_internet(api: Any) -> None:
    page = api("agent").client.get("/api/v1/docs").content.decode()
    assert "swagger" in page.lower()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert external == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
fields = st.sampled_from(
    [*PHONE_COMPLAINT, "received_at", "major_criteria", "complainant_count", "severity"]
)


@pytest.fixture
def agent_client(api: Any) -> Any:
    return api("agent").client


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(fields, json_values, max_size=6))
def test_random_changes_to_a_valid_complaint_never_answer_500(
    agent_client: Any, changes: dict[str, Any]
) -> None:
    body = PHONE_COMPLAINT | changes
    response = agent_client.post(
        "/api/v1/cases", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code in {200, 201, 400, 409, 422}, response.content
    assert set(response.json()) >= (
        {"code", "message"} if response.status_code >= 400 else {"number"}
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "action",
                "note",
                "promised_days",
                "department",
                "handler",
                "amount",
                "extension_amount",
                "reason_code",
            ]
        ),
        json_values,
        max_size=4,
    )
)
def test_random_transition_bodies_never_answer_500(agent_client: Any, body: dict[str, Any]) -> None:
    created = agent_client.post(
        "/api/v1/cases", data=json.dumps(PHONE_COMPLAINT), content_type="application/json"
    )
    number = created.json()["number"]
    response = agent_client.post(
        f"/api/v1/cases/{number}/transitions",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code in {200, 400, 409, 422}, response.content


def test_the_schema_states_codes_date_limits_amounts_and_every_error(api: Any) -> None:
    """Security review finding 13: what the server checks is in the schema, so a client (or a
    fuzzer) can tell a valid request before sending it."""
    schema = api("agent").client.get("/api/v1/openapi.json").json()
    parts = schema["components"]["schemas"]
    case_in, transition_in = parts["CaseIn"]["properties"], parts["TransitionIn"]["properties"]
    assert "authorised_representative" in case_in["complainant_relation"]["enum"]
    assert {"phone", "repair"} <= set(transition_in["method"]["enum"])
    assert case_in["received_at"]["anyOf"][0]["pattern"].startswith("^20")
    amount = case_in["subject_amount"]["anyOf"][0]["anyOf"]
    assert any(a.get("pattern") == r"^[0-9]{1,12}(\.[0-9]{1,2})?$" for a in amount)
    received_from = next(
        p for p in schema["paths"]["/api/v1/cases"]["get"]["parameters"]
        if p["name"] == "received_from"
    )  # fmt: skip
    assert "2000-01-01 to 2099-12-31" in received_from["schema"]["anyOf"][0]["description"]
    for path, operations in schema["paths"].items():
        if path.endswith("openapi.json"):
            continue
        for method, operation in operations.items():
            documented = set(operation["responses"])
            if path.startswith("/api/v1/portal/"):  # public: no 401, rate-limited instead
                assert {"400", "403", "422", "429", "503"} <= documented, (method, path)
                assert "security" not in operation, path
                assert "Retry-After" in operation["responses"]["429"].get("headers", {}), path
            else:
                assert {"400", "401", "403", "404", "422", "503"} <= documented, (method, path)
            if "requestBody" in operation:
                assert "413" in documented, path
    download = schema["paths"]["/api/v1/cases/{number}/attachments/{attachment_id}"]["get"]
    assert "200" in download["responses"]
