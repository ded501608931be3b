"""The case list: filters, keyset pagination, and a fixed number of queries per page."""

from typing import Any

import time_machine

from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, register


def test_filters_and_pages(org: Any, api: Any, django_assert_max_num_queries: Any) -> None:
    agent = org["agent"]
    numbers = []
    for index in range(12):
        case = register(
            agent,
            at(f"2026-11-{10 + index:02d} 09:00"),
            complainant_name=f"客户{index}",
            category_code="product_quality_defect"
            if index % 3 == 0
            else "after_sales_repair_delay",
            complainant_phone=f"1381234{index:04d}",
        )
        numbers.append(case.number)
        if index < 4:
            act(case, agent, Action.ACCEPT, at(f"2026-11-{10 + index:02d} 10:00"))
    client = api("agent")

    with time_machine.travel(at("2026-11-24 12:00"), tick=False):
        with django_assert_max_num_queries(6):
            first = client.get("/cases", limit=5).json()
        assert [c["number"] for c in first["items"]] == list(reversed(numbers))[:5]
        second = client.get("/cases", limit=5, cursor=first["next_cursor"]).json()
        third = client.get("/cases", limit=5, cursor=second["next_cursor"]).json()
        assert third["next_cursor"] is None
        seen = [c["number"] for page in (first, second, third) for c in page["items"]]
        assert sorted(seen) == sorted(numbers)

        assert len(client.get("/cases", state="accepted").json()["items"]) == 4
        assert len(client.get("/cases", state=["accepted", "registered"]).json()["items"]) == 12
        assert len(client.get("/cases", category="product_quality").json()["items"]) == 4
        window = client.get("/cases", received_from="2026-11-12", received_to="2026-11-13").json()
        assert len(window["items"]) == 2
        assert (
            client.get("/cases", q="13812340007").json()["items"][0]["complainant"]["name"]
            == "客户7"
        )
        assert client.get("/cases", q=numbers[3]).json()["items"][0]["number"] == numbers[3]
        # Registered cases miss their one-working-day acceptance clock; cases accepted on
        # 10–12 Nov miss first contact (7 working days); the one accepted on 13 Nov is due today.
        late = {
            c["number"]: c["due"]["overdue"]
            for c in client.get("/cases", overdue="true").json()["items"]
        }
        assert set(late) == set(numbers) - {numbers[3]}
        assert all(late[n] == ["acceptance"] for n in numbers[4:])
        # ... and the investigation (7 working days from acceptance, seed 004 第八条(一)).
        assert all(late[n] == ["first_contact", "investigation"] for n in numbers[:3])
        on_time = client.get("/cases", overdue="false").json()["items"]
        assert [c["number"] for c in on_time] == [numbers[3]]


def test_the_list_costs_the_same_queries_for_fifty_cases(
    org: Any, api: Any, django_assert_max_num_queries: Any
) -> None:
    for index in range(50):
        register(org["agent"], at("2026-11-23 09:00"), complainant_name=f"客户{index}")
    client = api("supervisor")
    with django_assert_max_num_queries(6):
        page = client.get("/cases", limit=50).json()
    assert len(page["items"]) == 50


def test_fetching_a_case_and_its_history_has_a_query_budget(
    org: Any, api: Any, django_assert_max_num_queries: Any
) -> None:
    case = register(org["agent"], at("2026-11-23 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-23 09:30"))
    client = api("agent")
    with django_assert_max_num_queries(8):
        assert client.get(f"/cases/{case.number}").status_code == 200
    with django_assert_max_num_queries(8):
        assert len(client.get(f"/cases/{case.number}/events").json()) == 2
