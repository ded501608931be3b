"""The API list takes the queue's `sort` (default unchanged: newest received first); its cursor
belongs to its sort, and a cursor of another sort answers 400 invalid_cursor."""

from __future__ import annotations

from typing import Any

import time_machine

from kesu.domain.vocabulary import Severity
from tests.conftest import at
from tests.factories import register

NOW = "2026-11-24 12:00"


def test_the_api_sorts_and_pages_by_severity(org: Any, api: Any) -> None:
    severities = [Severity.MINOR, Severity.MAJOR, Severity.GENERAL, Severity.MAJOR]
    numbers = [
        register(org["agent"], at(f"2026-11-{10 + i:02d} 09:00"), severity=s).number
        for i, s in enumerate(severities)
    ]
    client = api("agent")
    with time_machine.travel(at(NOW), tick=False):
        default = client.get("/cases").json()
        first = client.get("/cases", sort="severity", limit=2).json()
        second = client.get("/cases", sort="severity", limit=2, cursor=first["next_cursor"]).json()
        mismatched = client.get("/cases", sort="oldest", cursor=first["next_cursor"])
        unknown = client.get("/cases", sort="sideways")
    assert [c["number"] for c in default["items"]] == numbers[::-1]
    walked = [c["number"] for page in (first, second) for c in page["items"]]
    assert walked == [numbers[3], numbers[1], numbers[2], numbers[0]]
    assert second["next_cursor"] is None
    assert mismatched.status_code == 400
    assert mismatched.json()["code"] == "invalid_cursor"
    assert unknown.status_code in {400, 422}
