"""`POST /api/v1/triage` does no per-request waste (issue 19, bench/TRIAGE.md): the models and the
similarity index are loaded once per process, a warm request makes a fixed handful of queries,
the inverted index finds the same cases before and after fresh rows are merged into it, and an
API token is not written on every call."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from django.core.management import call_command

from kesu.core import clock
from kesu.org.models import ApiToken
from kesu.triage import selectors, similar
from tests.factories import register
from tests.triage.test_triage_api import history  # noqa: F401 - the labelled history fixture

FACTS = "热水器报修以后师傅迟迟不上门，等了一个星期"


def test_a_warm_request_reuses_the_model_and_the_index_and_makes_few_queries(
    api: Any,
    history: list[str],  # noqa: F811 - the fixture
    django_assert_max_num_queries: Any,
) -> None:
    call_command("train_triage", "--no-sentiment")
    client = api("agent")
    assert client.post("/triage", {"facts": FACTS}).status_code == 200  # loads, builds
    model = selectors.loaded_model()
    index = similar.current(clock.now())
    # token, delegations, roles, categories, the index catching up, visibility of the matches;
    # (+1 every few seconds: is there a newer model?)
    with django_assert_max_num_queries(7):
        answer = client.post("/triage", {"facts": FACTS + "，我要投诉"})
    assert answer.status_code == 200
    assert answer.json()["categories"][0]["code"] == "after_sales_repair_delay"
    assert selectors.loaded_model() is model  # not unpickled again
    assert similar.current(clock.now()) is index  # not rebuilt


def test_cases_are_found_the_same_before_and_after_fresh_rows_are_merged(
    org: Any, monkeypatch: Any
) -> None:
    now = clock.now()
    agent = org["agent"]
    first = register(agent, now, facts="冰箱冷藏室不制冷，里面的菜全坏了，要求上门检测。")
    similar.current(now)  # built with one case
    monkeypatch.setattr(similar, "MERGE_AT", 2)
    second = register(agent, now, facts="洗衣机脱水时剧烈晃动，还有很大的异响。")
    index = similar.current(now)
    assert index.fresh is not None  # one fresh row, not merged yet
    found = similar.nearest(now, "洗衣机脱水剧烈晃动异响")
    assert [m.number for m in found][:1] == [second.number]

    third = register(agent, now, facts="电视开机后屏幕一直闪烁，看不了。")
    index = similar.current(now)
    assert index.fresh is None  # merged into the postings
    assert index.size == 3
    for facts, case in (
        ("冰箱冷藏室不制冷菜坏了", first),
        ("洗衣机脱水剧烈晃动异响", second),
        ("电视屏幕一直闪烁", third),
    ):
        assert similar.nearest(now, facts)[0].number == case.number


def test_a_token_is_written_at_most_once_a_minute(
    api: Any, org: Any, django_assert_max_num_queries: Any
) -> None:
    client = api("agent")
    token = ApiToken.objects.get(user=org["agent"])
    start = clock.now()
    with time_machine.travel(start, tick=False):
        client.post("/triage", {"facts": FACTS})
        token.refresh_from_db()
        assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.post("/triage", {"facts": FACTS})
        token.refresh_from_db()
        assert token.last_used_at == start  # no write for a call within the minute
    later = start + timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        client.post("/triage", {"facts": FACTS})
        token.refresh_from_db()
        assert token.last_used_at == later
