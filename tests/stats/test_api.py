"""The statistics contract: GET /api/v1/statistics?from=&to=&by= (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from tests.stats.scenario import NOW, build
from tests.stats.test_figures import OCTOBER_TOTALS

CONTRACT = {"key", "name", "received", "accepted", "declined", "closed", "open_at_end",
            "on_time_rate", "satisfaction_rate"}  # fmt: skip


@pytest.fixture
def october(org: Any) -> Any:
    return build(org)


def test_the_month_by_category_and_by_month(org: Any, api: Any, october: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        answer = api("analyst", "en").get(
            "/statistics", **{"from": "2026-10-01", "to": "2026-10-31", "by": "month"}
        )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["from"] == "2026-10-01"
    assert body["to"] == "2026-10-31"
    assert body["totals"] == OCTOBER_TOTALS
    assert set(body["rows"][0]) >= CONTRACT
    assert [(r["key"], r["received"]) for r in body["rows"]] == [("2026-10", 7)]
    with time_machine.travel(NOW, tick=False):
        by_category = (
            api("analyst", "en")
            .get("/statistics", **{"from": "2026-10-01", "to": "2026-10-31", "by": "category"})
            .json()
        )
    assert by_category["rows"][0]["name"] == "Repair not timely"
    assert sum(r["received"] for r in by_category["rows"]) == 7


def test_a_department_head_gets_their_department(org: Any, api: Any, october: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        body = api("head").get("/statistics", **{"from": "2026-10-01", "to": "2026-10-31",
                                                   "by": "department"}).json()  # fmt: skip
    assert body["totals"]["received"] == 2
    assert body["rows"] == [] or all(r["key"] == "after-sales" for r in body["rows"])


def test_nothing_measured_gives_null_rates(org: Any, api: Any) -> None:
    body = api("manager").get("/statistics", **{"from": "2026-01-01", "to": "2026-01-31"}).json()
    assert body["rows"] == []
    assert body["totals"]["received"] == 0
    assert body["totals"]["on_time_rate"] is None
    assert body["totals"]["satisfaction_rate"] is None


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"from": "2026-10-31", "to": "2026-10-01"}, 400, "to"),
        ({"from": "2026-10-01", "to": "2026-10-31", "by": "colour"}, 400, "by"),
        ({"from": "2026-13-01", "to": "2026-10-31"}, 422, "from"),
        ({"to": "2026-10-31"}, 422, "from"),
        ({"from": "2016-01-01", "to": "2026-10-31"}, 400, "to"),
        ({"from": "0001-01-01", "to": "0001-01-02"}, 400, "from"),
        ({"from": "9999-12-30", "to": "9999-12-31"}, 400, "from"),
    ],
)
def test_bad_parameters_are_refused_in_the_error_shape(
    org: Any, api: Any, params: dict[str, str], status: int, field: str
) -> None:
    answer = api("analyst", "en").get("/statistics", **params)
    assert answer.status_code == status, answer.content
    body = answer.json()
    assert set(body) == {"code", "message", "details"}
    assert [d["field"] for d in body["details"]] == [field]


def test_roles_without_statistics_are_refused(org: Any, api: Any) -> None:
    answer = api("agent", "en").get("/statistics", **{"from": "2026-10-01", "to": "2026-10-31"})
    assert answer.status_code == 403
    assert answer.json()["message"] == "Your role does not see statistics."
