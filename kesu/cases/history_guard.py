"""The database's own guard on the case history (R-25): `cases_caseevent` (and the other
append-only tables in `TABLES`: the daily history anchors, the record of personal-data reads)
refuses UPDATE and DELETE, whoever sends them — the ORM (`QuerySet.update`, `.delete`,
`bulk_update`), raw SQL, a `manage.py shell` or a code bug. Rows can only be added.

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
#: Every append-only table: the history, its daily anchors and the record of personal-data reads.
TABLES = (TABLE, "cases_historyanchor", "cases_accessrecord")
MESSAGE = "case history is append-only"

_POSTGRES_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION kesu_case_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % refused on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """


def _postgres_install(table: str) -> list[str]:
    return [
        _POSTGRES_FUNCTION,
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"""
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION kesu_case_history_append_only()
        """,
    ]


def _postgres_remove(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"]


def _sqlite_install(table: str) -> list[str]:
    return [
        f"""
        CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {verb} refused'); END
        """
        for verb in ("UPDATE", "DELETE")
    ]


def _sqlite_remove(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete")]


def _statements(connection: BaseDatabaseWrapper, table: str, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _postgres_install(table) if install else _postgres_remove(table)
    if connection.vendor == "sqlite":
        return _sqlite_install(table) if install else _sqlite_remove(table)
    return []  # Kesu runs on PostgreSQL or SQLite only


def install(connection: BaseDatabaseWrapper) -> None:
    """Put the guard on the append-only tables (each one once it exists)."""
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in TABLES:
            if table in existing:
                for statement in _statements(connection, table, install=True):
                    cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper, tables: tuple[str, ...] = TABLES) -> None:
    """Lift the guard: only for a migration's reversal or data migration, and for `flush` on
    SQLite."""
    with connection.cursor() as cursor:
        for table in tables:
            for statement in _statements(connection, table, install=False):
                cursor.execute(statement)
        if connection.vendor == "postgresql" and tables == TABLES:
            cursor.execute("DROP FUNCTION IF EXISTS kesu_case_history_append_only()")


def reinstall_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """`post_migrate` receiver: a migration that rebuilt the table on SQLite lost the triggers."""
    from django.db import connections  # noqa: PLC0415

    install(connections[using])
