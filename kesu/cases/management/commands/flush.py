"""`manage.py flush`, as Django's, but able to empty the case history on SQLite too.

The history refuses row deletes (kesu/cases/history_guard.py). On PostgreSQL `flush` empties
tables with TRUNCATE, which row triggers do not see; on SQLite it deletes rows, which the guard
refuses. So for the length of the wipe the SQLite guard is lifted, and it is put back afterwards
whatever happens. `flush` destroys every table at once: it is the test suite's and a demo's
reset, never a way to edit the record.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from kesu.cases import history_guard


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        history_guard.remove(connection)
        try:
            super().handle(**options)
        finally:
            history_guard.install(connection)
