"""The database's own guard on the case history (R-25): `cases_caseevent` refuses UPDATE and
DELETE, whoever sends them — the ORM (`QuerySet.update`, `.delete`, `bulk_update`), raw SQL, a
`manage.py shell` or a code bug. Rows can only be added.

PostgreSQL: a row trigger calling a plpgsql function that raises `restrict_violation`.
SQLite: two `BEFORE` triggers that `RAISE(ABORT)`. Both surface as Django's `IntegrityError`.

What stays possible, on purpose:
- `TRUNCATE` (PostgreSQL; row triggers do not fire on it). Django issues it only from
  `manage.py flush`, which wipes every table of a test or demo database at once; refusing it
  would break that deliberate maintenance command without protecting against anyone who could
  run it. For the same reason `flush` (kesu.cases' override) lifts the SQLite triggers for the
  length of the wipe and puts them back.
- DDL: whoever may `DROP TRIGGER` owns the database. Running the application under a role that
  does not own the table closes that too (see the admin guide).

`install` is idempotent. It runs from the migration and again after every `migrate`
(`post_migrate`), because SQLite rebuilds a table — dropping its triggers — whenever a later
migration alters it.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "cases_caseevent"
MESSAGE = "case history is append-only"

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION kesu_case_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % refused on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION kesu_case_history_append_only()
    """,
]
_POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS kesu_case_history_append_only()",
]
_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {verb} refused'); END
    """
    for verb in ("UPDATE", "DELETE")
]
_SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{verb}" for verb in ("update", "delete")]


def _statements(connection: BaseDatabaseWrapper, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_REMOVE
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    return []  # Kesu runs on PostgreSQL or SQLite only


def install(connection: BaseDatabaseWrapper) -> None:
    """Put the guard on the history table (no-op while the table does not exist yet)."""
    if TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    """Lift the guard: only for the migration's reversal and for `flush` on SQLite."""
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)


def reinstall_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """`post_migrate` receiver: a migration that rebuilt the table on SQLite lost the triggers."""
    from django.db import connections  # noqa: PLC0415

    install(connections[using])
