"""The same submission twice makes one case."""

from typing import Any

from kesu.cases.models import Case
from tests.conftest import PHONE_COMPLAINT


def test_the_same_idempotency_key_returns_the_same_case(api: Any) -> None:
    agent = api("agent")
    first = agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "call-20261124-0001"})
    again = agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "call-20261124-0001"})
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["number"] == first.json()["number"]
    assert Case.objects.count() == 1


def test_a_reused_key_with_a_different_body_is_refused(api: Any) -> None:
    agent = api("agent")
    agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "k-1"})
    other = agent.post(
        "/cases", PHONE_COMPLAINT | {"facts": "另一件事"}, **{"Idempotency-Key": "k-1"}
    )
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_a_double_click_without_a_key_makes_one_case(api: Any) -> None:
    agent = api("agent")
    first = agent.post("/cases", PHONE_COMPLAINT)
    second = agent.post("/cases", PHONE_COMPLAINT)
    assert first.status_code == 201
    assert second.status_code == 200
    assert Case.objects.count() == 1
    different = agent.post("/cases", PHONE_COMPLAINT | {"complainant_name": "李雷"})
    assert different.status_code == 201
    assert Case.objects.count() == 2
