"""The create path's cost (issue 18 part 5): a bounded number of statements, no re-read of the
case it just wrote, no token write per request — and the answer is still the case as stored."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import PHONE_COMPLAINT


def _sql(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries]


def test_the_answer_to_a_create_is_the_case_as_a_read_shows_it(api: Any) -> None:
    agent = api("agent")
    body = PHONE_COMPLAINT | {"subject_amount": "3299.5", "complainant_relation": "self"}
    created = agent.post("/cases", body)
    assert created.status_code == 201, created.content
    read = agent.get(f"/cases/{created.json()['number']}")
    assert created.json() == read.json()
    assert created.json()["subject"]["amount"] == "3299.50"  # the column's two places


def test_a_create_takes_a_bounded_number_of_statements_and_reads_nothing_back(
    api: Any, django_assert_max_num_queries: Any
) -> None:
    agent = api("agent")
    assert agent.post("/cases", PHONE_COMPLAINT).status_code == 201  # token use recorded
    # Another caller about another product: nothing to hasten, link or batch (kesu.intake).
    second = PHONE_COMPLAINT | {
        "complainant_name": "李雷",
        "complainant_phone": "13700001111",
        "complainant_address": "上海市浦东新区张杨路100号",
        "subject_product": "华联BCD-520 冰箱",
        "subject_order_number": "HL20261101000001",
    }
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(16):
        assert agent.post("/cases", second).status_code == 201
    sql = _sql(queries)
    # Token, delegations, roles; on arrival: an earlier receipt, the caller's cases, this very
    # submission before; category, policy; under the lock (a savepoint pair): number, repeat,
    # two inserts; after: the batch candidates and the answer's screening presets.
    assert not [s for s in sql if s.startswith("UPDATE")], sql  # no last_used_at, no sequence save
    inserts = [s for s in sql if s.startswith("INSERT")]
    assert [s.split('"')[1] for s in inserts] == [
        "cases_casesequence",
        "cases_case",
        "cases_caseevent",
    ]
    after_insert = sql[sql.index(inserts[1]) + 1 :]
    # The only case read after the insert is the batch search among the *other* cases.
    reads = [s for s in after_insert if 'FROM "cases_case"' in s]
    assert all('NOT ("cases_case"."id" =' in s for s in reads), reads
    assert len(reads) <= 1, reads


def test_a_token_records_its_use_at_most_once_a_minute(api: Any) -> None:
    from kesu.org.models import ApiToken

    agent = api("agent")
    with CaptureQueriesContext(connection) as first:
        agent.get("/me")
    with CaptureQueriesContext(connection) as second:
        agent.get("/me")
    token_updates = [s for s in _sql(first) + _sql(second) if s.startswith('UPDATE "org_apitoken"')]
    assert len(token_updates) == 1
    assert ApiToken.objects.get(name="test").last_used_at is not None
