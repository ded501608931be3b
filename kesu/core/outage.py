"""Riding out a database outage in a long-running process (the task worker, the sweep loop).

A PostgreSQL restart or failover ends every session: the next query raises `OperationalError`
or `InterfaceError`. A background process logs it, drops its connections, waits (doubling the
pause up to a cap) and tries again, instead of exiting and leaving e-mail, SMS and deadline
warnings undone until someone notices.
"""

from __future__ import annotations

import logging
import time

from django.db import InterfaceError, OperationalError, connection, connections

#: What a database that went away raises.
DATABASE_DOWN = (OperationalError, InterfaceError)

logger = logging.getLogger("kesu.outage")


class Backoff:
    """Pauses of 1, 2, 4 … seconds, at most `cap`; `reset()` after a success."""

    def __init__(self, *, first: float = 1.0, cap: float = 30.0) -> None:
        self.first = first
        self.cap = cap
        self.current = first

    def next(self) -> float:
        pause = self.current
        self.current = min(self.current * 2, self.cap)
        return pause

    def reset(self) -> None:
        self.current = self.first


def drop_connections() -> None:
    """Close every database connection so the next query opens a fresh one. A connection the
    server already closed may complain while closing; that is the point of closing it."""
    for each in connections.all(initialized_only=True):
        try:
            each.close()
        except DATABASE_DOWN:
            each.connection = None


def database_answers() -> bool:
    """Whether the default database takes a query right now."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN:
        drop_connections()
        return False
    return True


class Outage:
    """What a loop does with a database error: wait and go on while the database is away; give
    up (re-raise) when it answers and the error still repeats — a fault, not an outage, which
    must not spin unnoticed (the supervisor restarts the process and the log shows why)."""

    PATIENCE = 3

    def __init__(self, process: str, *, first: float = 1.0, cap: float = 30.0) -> None:
        self.process = process
        self.backoff = Backoff(first=first, cap=cap)
        self.strikes = 0

    def recovered(self) -> None:
        self.backoff.reset()
        self.strikes = 0

    def wait_after(self, error: Exception) -> None:
        drop_connections()
        if database_answers():
            self.strikes += 1
            if self.strikes >= self.PATIENCE:
                raise error
        pause = self.backoff.next()
        logger.warning("%s: database unavailable (%s: %s); retrying in %.0f s", self.process,
                       type(error).__name__, str(error).strip(), pause)  # fmt: skip
        time.sleep(pause)
