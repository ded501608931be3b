"""Shared counters and short-lived values (`models.Counter`) for the ways in that need no login.

Every operation is one statement, so two workers counting the same key at the same moment
both count (PostgreSQL and SQLite: `INSERT … ON CONFLICT DO UPDATE … RETURNING`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import connection

from kesu.core.models import Counter

_TABLE = Counter._meta.db_table


def _at(moment: datetime) -> object:
    """A datetime as the backend stores it (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def bump(name: str, *, lasts: timedelta, now: datetime) -> int:
    """Count one more on the live counter `name` and return the count; a counter that does
    not exist or has expired starts at 1 and lives `lasts` from `now` (later bumps never move
    its end)."""
    table = connection.ops.quote_name(_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, count, value, expires_at) VALUES (%s, 1, '', %s) "  # noqa: S608 - our own table name
            f"ON CONFLICT (name) DO UPDATE SET "
            f"count = CASE WHEN {table}.expires_at <= %s THEN 1 ELSE {table}.count + 1 END, "
            f"expires_at = CASE WHEN {table}.expires_at <= %s THEN excluded.expires_at "
            f"ELSE {table}.expires_at END "
            f"RETURNING count",
            [name, _at(now + lasts), _at(now), _at(now)],
        )
        row = cursor.fetchone()
    return int(row[0])


def put(name: str, *, value: str = "", until: datetime) -> None:
    """Keep `value` under `name` until `until`, replacing what was there."""
    Counter.objects.update_or_create(
        name=name, defaults={"value": value, "count": 0, "expires_at": until}
    )


def live(name: str, *, now: datetime) -> Counter | None:
    """The row `name` if it has not expired at `now`."""
    return Counter.objects.filter(name=name, expires_at__gt=now).first()


def drop(names: Iterable[str]) -> None:
    Counter.objects.filter(name__in=list(names)).delete()


def purge_counters(*, now: datetime) -> int:
    """Delete the rows that expired before `now` (the deadline sweep calls it)."""
    deleted, _by_model = Counter.objects.filter(expires_at__lte=now).delete()
    return deleted
