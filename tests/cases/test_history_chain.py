"""The tamper-evident history (issue 20 part 4): every history row is chained over the previous
row of its case and every finished day is anchored, so a change made below the application —
raw SQL after dropping the guard trigger, as an attacker with database access would — is
found by `manage.py verify_history`, which names the broken case. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections

from kesu.cases import history_guard
from kesu.cases.integrity import verify
from kesu.cases.models import Case, CaseEvent, HistoryAnchor, HistoryCheck
from kesu.cases.services.anchors import write_anchors
from kesu.domain.vocabulary import Action
from tests.conftest import Org, at
from tests.factories import act, assigned, register
from tests.web.client import logged_in


def _raw(sql: str, *params: object) -> None:
    """What an attacker with the database's credentials does: lift the guard, change, leave."""
    history_guard.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
    finally:
        history_guard.install(connection)


def _verify_exit() -> int:
    with pytest.raises(SystemExit) as stopped:
        call_command("verify_history")
    return int(stopped.value.code or 0)


@pytest.fixture
def two_cases(org: Org) -> tuple[Case, Case]:
    first = assigned(org, "2026-11-02")
    act(first, org["handler"], Action.LOG_CONTACT, at("2026-11-02 14:00"), note="已联系客户")
    second = register(org["agent"], at("2026-11-03 09:00"), complainant_phone="13900001111")
    return first, second


def test_every_row_is_chained_over_the_previous_row_of_its_case(
    two_cases: tuple[Case, Case],
) -> None:
    first, _second = two_cases
    rows = list(CaseEvent.objects.filter(case=first).order_by("seq"))
    assert [row.seq for row in rows] == list(range(1, len(rows) + 1))
    assert all(len(row.digest) == 64 for row in rows)
    report = verify()
    assert report.ok, report
    assert (report.cases, report.events) == (2, len(rows) + 1)


def test_verify_history_exits_0_when_every_chain_holds(
    two_cases: tuple[Case, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify_history")  # no SystemExit: exit status 0
    assert "history intact: 2 case(s)" in capsys.readouterr().out
    assert HistoryCheck.objects.get().ok


def test_a_row_changed_by_raw_sql_after_dropping_the_trigger_is_detected(
    two_cases: tuple[Case, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_cases
    contact = CaseEvent.objects.get(case=first, action=Action.LOG_CONTACT)
    _raw("UPDATE cases_caseevent SET note = %s WHERE id = %s", "从未联系", contact.pk)
    assert _verify_exit() == 1
    err = capsys.readouterr().err
    assert f"BROKEN case {first.number}" in err
    assert second.number not in err
    check = HistoryCheck.objects.get()
    assert not check.ok
    assert list(check.broken) == [first.number]


def test_a_rewritten_digest_does_not_hide_the_change(two_cases: tuple[Case, Case]) -> None:
    """Changing a row and its digest breaks the link to the next row."""
    first, _second = two_cases
    register_row = CaseEvent.objects.get(case=first, seq=1)
    _raw(
        "UPDATE cases_caseevent SET acting_role = %s, digest = %s WHERE id = %s",
        "supervisor", "0" * 64, register_row.pk,
    )  # fmt: skip
    assert list(verify().broken) == [first.number]


def test_a_deleted_row_in_the_middle_is_detected(two_cases: tuple[Case, Case]) -> None:
    first, _second = two_cases
    _raw("DELETE FROM cases_caseevent WHERE case_id = %s AND seq = 2", first.pk)
    assert "position 2 missing" in verify().broken[first.number]


def test_a_deleted_tail_is_detected_by_the_daily_anchor(two_cases: tuple[Case, Case]) -> None:
    first, _second = two_cases
    anchors = write_anchors(now=at("2026-11-05 09:00"))
    assert [a.day.isoformat() for a in anchors] == ["2026-11-02", "2026-11-03", "2026-11-04"]
    assert verify().ok
    last = CaseEvent.objects.filter(case=first).order_by("-seq").first()
    assert last is not None
    _raw("DELETE FROM cases_caseevent WHERE id = %s", last.pk)
    report = verify()
    assert not report.broken  # the shorter chain is valid in itself …
    assert report.broken_anchors == ["2026-11-02"]  # … but its day's anchor is not
    assert _verify_exit() == 1


def test_anchors_are_written_once_per_finished_day(two_cases: tuple[Case, Case]) -> None:
    assert not write_anchors(now=at("2026-11-02 23:59"))  # the first day has not ended
    assert len(write_anchors(now=at("2026-11-04 00:30"))) == 2
    assert not write_anchors(now=at("2026-11-04 08:00"))
    assert HistoryAnchor.objects.count() == 2
    with pytest.raises(Exception, match="append-only"):
        HistoryAnchor.objects.filter(day="2026-11-02").update(events=0)


def test_verify_history_reads_the_history_in_a_bounded_number_of_queries(
    org: Org, django_assert_max_num_queries: object
) -> None:
    for day in range(2, 12):
        register(org["agent"], at(f"2026-11-{day:02d} 09:00"))
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        assert verify().events == 10


@pytest.mark.django_db(transaction=True)
def test_two_events_on_one_case_in_parallel_do_not_fork_the_chain(org: Org) -> None:
    """Two people hasten the same case at the same moment (PostgreSQL: real row locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers on the whole database")
    case = assigned(org, "2026-11-02")
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def hasten(username: str, minute: int) -> None:
        try:
            barrier.wait()
            act(
                case, org[username], Action.HASTEN,
                at("2026-11-03 10:00") + timedelta(minutes=minute), note="客户催办",
            )  # fmt: skip
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=hasten, args=(name, i))
        for i, name in enumerate(["agent", "supervisor"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    seqs = list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert CaseEvent.objects.filter(case=case, action=Action.HASTEN).count() == 2
    assert verify().ok


def test_the_settings_pages_show_the_chain_status(two_cases: tuple[Case, Case]) -> None:
    manager = logged_in("manager")
    assert (
        "has not been checked yet"
        in manager.get("/manage/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert manager.post("/manage/integrity/check/").status_code == 302
    page = manager.get("/manage/integrity/").content.decode()
    assert "完好" in page or "Intact" in page
    first, _second = two_cases
    _raw("UPDATE cases_caseevent SET note = %s WHERE case_id = %s AND seq = 1", "篡改", first.pk)
    manager.post("/manage/integrity/check/")
    page = manager.get("/manage/integrity/").content.decode()
    assert first.number in page
    assert logged_in("agent").get("/manage/integrity/").status_code == 403
