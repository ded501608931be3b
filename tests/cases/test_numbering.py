"""Case numbers from the database: unique, never reused, none skipped, also concurrently."""

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from kesu.cases.models import Case, CaseSequence
from tests.conftest import at
from tests.factories import register


def test_numbers_count_up_through_the_year_and_restart_next_year(org: Any) -> None:
    agent = org["agent"]
    first = register(agent, at("2026-11-22 09:00"))
    second = register(agent, at("2026-11-23 09:00"), complainant_name="李雷")
    next_year = register(agent, at("2027-01-04 09:00"), complainant_name="韩梅梅")
    assert [first.number, second.number, next_year.number] == [
        "261122001",
        "261123002",
        "270104001",
    ]


def test_the_registration_day_is_taken_in_shanghai_time(org: Any) -> None:
    # 00:30 on 23 November in Shanghai is still 22 November in UTC: the number says the 23rd.
    case = register(org["agent"], at("2026-11-23 00:30"))
    assert case.number.startswith("261123")


def test_past_999_the_sequence_widens(org: Any) -> None:
    CaseSequence.objects.create(year=2026, last=998)
    agent = org["agent"]
    numbers = [
        register(agent, at("2026-12-30 10:00"), complainant_name=f"客户{i}").number
        for i in range(3)
    ]
    assert numbers == ["261230999", "2612301000", "2612301001"]


def test_a_rolled_back_registration_leaves_no_gap(org: Any) -> None:
    agent = org["agent"]
    register(agent, at("2026-11-23 09:00"))

    def failed_registration() -> None:
        # The registration commits inside a larger unit of work that then fails.
        with transaction.atomic():
            register(agent, at("2026-11-23 09:05"), complainant_name="韩梅梅")
            raise RuntimeError("the save failed")

    with pytest.raises(RuntimeError):
        failed_registration()
    again = register(agent, at("2026-11-23 09:10"), complainant_name="李雷")
    assert again.number == "261123002"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_connections_get_distinct_consecutive_numbers(org: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are PostgreSQL's; .ci/run runs this there")
    agent = org["agent"]
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            register(agent, at("2026-11-24 10:00"), complainant_name=f"并发客户{index}")
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Case.objects.values_list("number", flat=True))
    assert numbers == [f"261124{n:03d}" for n in range(1, 21)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("key", [None, "retry-1"], ids=["double-click", "idempotency-key"])
def test_eight_simultaneous_repeats_make_one_case_and_leave_no_gap(
    org: Any, key: str | None
) -> None:
    # The repeat is found under the number's lock (issue 18 part 5 moved the first check there
    # for submissions without a key): the losers give their number back.
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are PostgreSQL's; .ci/run runs this there")
    from kesu.cases.services.registration import register_case
    from kesu.org.access import authority_of
    from tests.factories import registration

    agent, now = org["agent"], at("2026-11-24 10:00")
    barrier = threading.Barrier(8)
    results: list[tuple[str, bool]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            authority = authority_of(agent, now=now)
            barrier.wait()
            case, created = register_case(
                data=registration(), authority=authority, now=now, idempotency_key=key
            )
            results.append((case.number, created))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {number for number, _created in results} == {"261124001"}
    assert sum(created for _number, created in results) == 1
    assert CaseSequence.objects.get(year=2026).last == 1
    after = register(agent, at("2026-11-24 10:30"), complainant_name="李雷")
    assert after.number == "261124002"
