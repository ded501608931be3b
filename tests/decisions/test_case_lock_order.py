"""Every writer of a case's history locks the case row first (PostgreSQL: real row locks).

The history of a case is a chain: each row takes the next `seq` after the case's last row. A
writer that reads the head without holding the case row reads the same head as a writer that
holds it, and the second insert of that `seq` is refused by the unique constraint — a 500 for
the person clicking. Here someone holds the case (a 催办 recorded, not yet committed) while
another step of accountability, a return visit or a sweep writes to the same case: it must wait
for the lock and chain after the first row (or, for a sweep, skip the case and come back)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections, transaction

from kesu.cases.integrity import verify
from kesu.cases.models import Case, CaseEvent
from kesu.decisions.models import CoHandlingTask, PenaltyTier
from kesu.decisions.services.accountability import (
    FindingInput,
    decide_penalty,
    issue_rectification,
    load_penalty_presets,
    record_finding,
    sweep_rectifications,
)
from kesu.decisions.services.sweep import sweep_co_handling
from kesu.domain.visits import Answers, AttemptOutcome, Source
from kesu.domain.vocabulary import Action
from kesu.org.access import authority_of
from kesu.visits import services as visits
from tests.conftest import Org, at
from tests.factories import act, assigned
from tests.visits.test_visits import answered, plan

pytestmark = pytest.mark.django_db(transaction=True)

DAY = "2026-11-23"  # a Monday


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers on the whole database")


def _someone_waits(done: threading.Event, limit: float = 10.0) -> None:
    """Until another session of this database waits for a lock (or the other writer is done)."""
    deadline = time.monotonic() + limit
    with connection.cursor() as cursor:
        while not done.is_set() and time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)


def race(org: Org, case: Case, when: str, writer: Callable[[], Any]) -> list[BaseException]:
    """The supervisor hastens `case` and holds the transaction open until `writer`, run in a
    second thread, waits for a lock (or finishes); then commits. Returns what went wrong."""
    errors: list[BaseException] = []
    hastened, done = threading.Event(), threading.Event()

    def holder() -> None:
        try:
            with transaction.atomic():
                act(case, org["supervisor"], Action.HASTEN, at(when), note="客户来电催办")
                hastened.set()
                _someone_waits(done)
        except BaseException as error:
            errors.append(error)
        finally:
            hastened.set()
            connections.close_all()

    def other() -> None:
        try:
            assert hastened.wait(10)
            writer()
        except BaseException as error:
            errors.append(error)
        finally:
            done.set()
            connections.close_all()

    threads = [threading.Thread(target=holder), threading.Thread(target=other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def assert_chain_whole(case: Case) -> None:
    seqs = list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert CaseEvent.objects.filter(case=case, action=Action.HASTEN).count() == 1
    assert verify().ok


def _finding(org: Org, case: Case, when: str) -> Any:
    now = at(when)
    return record_finding(
        case=case,
        data=FindingInput(
            department_id=org.after_sales.pk,
            grounds="承办人三次爽约未上门",
            tier_id=PenaltyTier.objects.get(code="tier_2").pk,
            person_name="外包师傅老王",
        ),
        authority=authority_of(org["discipline"], now=now),
        now=now,
    )


def test_a_finding_recorded_while_the_case_is_held_chains_after(org: Org) -> None:
    load_penalty_presets()
    case = assigned(org, DAY)
    errors = race(org, case, f"{DAY} 14:00", lambda: _finding(org, case, f"{DAY} 14:01"))
    assert not errors
    assert_chain_whole(case)
    assert case.events.filter(action="finding_recorded").count() == 1


def test_a_penalty_decided_while_the_case_is_held_chains_after(org: Org) -> None:
    load_penalty_presets()
    case = assigned(org, DAY)
    finding = _finding(org, case, f"{DAY} 13:00")
    now = at(f"{DAY} 14:01")

    def decide() -> None:
        decide_penalty(
            finding_id=finding.pk,
            approve=True,
            note="",
            authority=authority_of(org["manager"], now=now),
            now=now,
        )

    assert not race(org, case, f"{DAY} 14:00", decide)
    assert_chain_whole(case)


def test_the_rectification_sweep_skips_a_held_case_and_comes_back(org: Org) -> None:
    load_penalty_presets()
    case = assigned(org, DAY)
    finding = _finding(org, case, f"{DAY} 13:00")
    now = at(f"{DAY} 13:30")
    issue_rectification(
        finding_id=finding.pk,
        requirement="整改",
        days=1,
        authority=authority_of(org["discipline"], now=now),
        now=now,
    )
    late = at("2026-11-25 09:00")
    assert not race(org, case, "2026-11-25 08:59", lambda: sweep_rectifications(now=late))
    assert_chain_whole(case)
    sweep_rectifications(now=late + timedelta(minutes=5))
    assert case.events.filter(action="rectification_overdue").count() == 1


def test_a_return_visit_call_while_the_case_is_held_chains_after(org: Org) -> None:
    visit = plan(answered(org))
    case = Case.objects.get(pk=visit.case_id)
    now = at("2026-10-08 10:01")

    def call() -> None:
        visits.record_call(
            visit_id=visit.pk,
            authority=authority_of(org["agent"], now=now),
            data=visits.CallInput(outcome=AttemptOutcome.UNREACHABLE, note="无人接听"),
            now=now,
        )

    assert not race(org, case, "2026-10-08 10:00", call)
    assert_chain_whole(case)


def test_a_customer_s_questionnaire_while_the_case_is_held_chains_after(org: Org) -> None:
    visit = plan(answered(org))
    case = Case.objects.get(pk=visit.case_id)

    def answer() -> None:
        visits.record_answers(
            visit_id=visit.pk,
            answers=Answers(result=5, process=5, solved=True, comment="很满意"),
            source=Source.CUSTOMER,
            now=at("2026-10-08 10:01"),
        )

    assert not race(org, case, "2026-10-08 10:00", answer)
    assert_chain_whole(case)


def test_the_co_handling_sweep_skips_a_held_case_and_comes_back(org: Org, api: Any) -> None:
    from kesu.deadlines.models import DeadlinePolicy

    DeadlinePolicy.objects.update(co_handling_needs_approval=False, co_handling_amount=1)
    case = assigned(org, DAY)
    import time_machine

    with time_machine.travel(at(f"{DAY} 12:00"), tick=False):
        task = api("handler").post(
            f"/cases/{case.number}/co-handling", {"department": "quality", "request": "请协助核实"}
        )
    assert task.status_code in (200, 201), task.content
    late = at("2026-11-26 09:00")
    assert not race(org, case, "2026-11-26 08:59", lambda: sweep_co_handling(now=late))
    assert_chain_whole(case)
    sweep_co_handling(now=late + timedelta(minutes=5))
    assert CoHandlingTask.objects.get(pk=task.json()["id"]).escalation_level >= 1
