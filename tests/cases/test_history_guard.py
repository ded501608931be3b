"""The case history is append-only in the database itself (security finding 6, probe P13):
every way to change or remove a row fails on SQLite and on PostgreSQL, and only `flush` (the
test suite's and a demo's wipe) may empty the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from kesu.cases import history_guard
from kesu.cases.models import Case, CaseEvent
from tests.conftest import Org, at
from tests.factories import register


@pytest.fixture
def event(org: Org) -> CaseEvent:
    case = register(org["agent"], at("2026-11-02 09:00"))
    return CaseEvent.objects.get(case=case)


def _raw(sql: str, pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])


ATTEMPTS: dict[str, Callable[[CaseEvent], Any]] = {
    "queryset_update": lambda e: CaseEvent.objects.filter(pk=e.pk).update(note="篡改"),
    "queryset_delete": lambda e: CaseEvent.objects.filter(pk=e.pk).delete(),
    "bulk_update": lambda e: CaseEvent.objects.bulk_update(
        [CaseEvent(pk=e.pk, case_id=e.case_id, at=e.at, actor_id=e.actor_id, note="篡改")],
        ["note"],
    ),
    "raw_update": lambda e: _raw("UPDATE cases_caseevent SET note = 'x' WHERE id = %s", e.pk),
    "raw_delete": lambda e: _raw("DELETE FROM cases_caseevent WHERE id = %s", e.pk),
}


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_p13_the_history_refuses_changes_through_every_path(event: CaseEvent, attempt: str) -> None:
    before = CaseEvent.objects.filter(case_id=event.case_id).values().get()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ATTEMPTS[attempt](event)
    assert CaseEvent.objects.filter(case_id=event.case_id).values().get() == before


def test_p13_a_case_with_history_cannot_be_deleted(event: CaseEvent) -> None:
    with pytest.raises(ProtectedError), transaction.atomic():
        Case.objects.filter(pk=event.case_id).delete()
    assert CaseEvent.objects.filter(pk=event.pk).exists()


def test_new_events_are_still_recorded(event: CaseEvent) -> None:
    CaseEvent.objects.create(
        case_id=event.case_id, at=event.at, actor_id=event.actor_id, action="note", note="补记"
    )
    assert CaseEvent.objects.filter(case_id=event.case_id).count() == 2


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_history_and_the_guard_comes_back(org: Org) -> None:
    register(org["agent"], at("2026-11-02 09:00"))
    call_command("flush", interactive=False, verbosity=0)
    assert not CaseEvent.objects.exists()
    assert _guarded()


@pytest.mark.django_db(transaction=True)
def test_migrate_puts_back_a_guard_that_a_table_rebuild_dropped() -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table."""
    history_guard.remove(connection)
    assert not _guarded()
    call_command("migrate", verbosity=0)
    assert _guarded()


def _guarded() -> bool:
    """Whether the history table has its triggers (what they refuse is tested above)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'cases_caseevent'::regclass "
                "AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'cases_caseevent'"
            )
        return bool(cursor.fetchone()[0])
