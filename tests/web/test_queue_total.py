"""D16: the queue says how many cases the current filter holds, cheaply (a count capped at
`COUNT_CAP`, "1,000+" beyond), within the page's query budget."""

from __future__ import annotations

from typing import Any

import time_machine

from kesu.cases import selectors
from tests.conftest import at
from tests.factories import register
from tests.web.client import logged_in


def test_the_queue_counts_the_filtered_cases(
    org: Any, django_assert_max_num_queries: Any, monkeypatch: Any
) -> None:
    for index in range(12):
        register(org["agent"], at("2026-11-23 09:00"), complainant_name=f"客户{index}",
                 facts="洗衣机漏水。" if index % 3 == 0 else "空调不制冷。")  # fmt: skip
    client = logged_in("agent")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        with django_assert_max_num_queries(15):
            page = client.get("/cases/").content.decode()
        assert "共 12 件" in page
        filtered = client.get(
            "/cases/", {"q": "洗衣机"}, HTTP_HX_REQUEST="true", follow=True
        ).content.decode()
        assert "共 4 件" in filtered
        monkeypatch.setattr(selectors, "COUNT_CAP", 10)
        capped = client.get("/cases/").content.decode()
        assert "共 10+ 件" in capped
