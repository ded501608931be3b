"""Bodies too large or too broken cost little to refuse, and a database that goes away answers
503 in the JSON shape with a retry hint (security review 2026-12-01, findings 3 and 11)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from django.db import connection

from kesu.cases.models import Case
from tests.conftest import PHONE_COMPLAINT
from tests.web.client import logged_in


def test_a_body_over_the_limit_is_refused_unread(api: Any, settings: Any) -> None:
    settings.KESU_API_MAX_BODY_BYTES = 1024 * 1024
    body = PHONE_COMPLAINT | {"facts": "长" * 400_000}  # 1.2 MB of UTF-8
    response = api("analyst", "en").post("/cases", body)
    assert response.status_code == 413
    answer = response.json()
    assert answer["code"] == "body_too_large"
    assert "1048576" in answer["message"]
    assert not Case.objects.exists()


def test_thousands_of_unknown_keys_get_one_short_answer(api: Any) -> None:
    body = PHONE_COMPLAINT | {f"k{i}": i for i in range(60_000)}  # under 1 MB
    response = api("analyst").post("/cases", body)
    assert response.status_code == 422
    assert len(response.content) < 2_000
    assert len(response.json()["details"]) == 1


def test_the_error_list_is_capped(api: Any) -> None:
    body = PHONE_COMPLAINT | {f"unknown_{i}": i for i in range(50)}
    answer = api("agent", "en").post("/cases", body).json()
    assert answer["code"] == "invalid_input"
    assert len(answer["details"]) == 20
    assert answer["message"].endswith("and 30 more")
    assert len(answer["message"]) <= 1000


# --- database outage (PostgreSQL: the server ends the session, as on a restart) -----------------


def _terminate_own_session() -> None:
    """End this test's database session from a second connection, as a server restart does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@contextmanager
def _session_ended_before(predicate: Callable[[str], bool]) -> Iterator[None]:
    """End the session just before the first query matching `predicate` runs."""
    fired = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not fired and predicate(sql):
            fired.append(sql)
            _terminate_own_session()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield
    connection.close()  # the broken session; the next query opens a new one
    assert fired, "the outage was never triggered"


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("ends a PostgreSQL session from a second connection; .ci/run runs this")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_outage_answers_503_in_the_json_shape(org: Any, api: Any, postgres_only: None) -> None:
    agent = api("agent")
    with _session_ended_before(lambda sql: True):
        response = agent.get("/cases")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "code": "service_unavailable",
        "message": "服务暂时不可用，请几秒钟后重试。",
        "details": [],
    }
    assert agent.get("/cases").status_code == 200  # and it recovers by itself


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_page_answers_503_too(org: Any, postgres_only: None) -> None:
    client = logged_in("agent")
    with _session_ended_before(lambda sql: True):
        response = client.get("/cases/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "服务暂时不可用" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_committed_create_says_so_and_a_retry_returns_it(
    org: Any, api: Any, postgres_only: None
) -> None:
    agent = api("agent")
    # A create reads nothing after its commit (issue 18 part 5: the answer is built from the
    # case it wrote), so the database going away then cannot spoil its answer.
    after_commit: list[str] = []

    def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if after_commit or sql.startswith('INSERT INTO "cases_caseevent"'):
            after_commit.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        first = agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "outage-1"})
    assert first.status_code == 201
    # After the event insert: on arrival, the search for a batch among the *other* cases and
    # the screening presets of the answer — never the case just written. (Were the database to
    # go away during those, the retry with the same key below answers with the case.)
    later = after_commit[1:]
    assert all(s.startswith("SELECT") for s in later), later
    assert all(
        'NOT ("cases_case"."id" =' in s for s in later if 'FROM "cases_case"' in s
    ), later
    number = first.json()["number"]

    # A retry reads the case to answer with it: when that read fails, the answer still says
    # the case is registered and under which number, and the next retry returns it.
    def rereading_the_case(sql: str) -> bool:  # by its number, with its relations
        return (
            sql.startswith("SELECT")
            and 'JOIN "cases_category"' in sql
            and '"cases_case"."number" =' in sql
        )

    with _session_ended_before(rereading_the_case):
        response = agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "outage-1"})
    assert response.status_code == 503
    answer = response.json()
    assert answer["code"] == "registered_unread"
    assert answer["details"] == [{"field": "number", "message": number}]
    assert number in answer["message"]
    retry = agent.post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "outage-1"})
    assert retry.status_code == 200
    assert json.loads(retry.content)["number"] == number
    assert Case.objects.count() == 1
