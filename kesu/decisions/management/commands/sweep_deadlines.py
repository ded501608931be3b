"""`manage.py sweep_deadlines [--every SECONDS]`: raise due warnings and escalations (督办),
close provisional closures whose window passed, and re-queue lost notification deliveries
(`notify_retry`); once a day anchor the history's finished days and apply the retention period
(`verify_history --anchor`, `apply_retention`). Once, or forever every N seconds (the loop
`bin/run` starts beside the server; in production run it under systemd: docs/admin-guide.md,
"Running in production").
The loop rides out a database restart: it logs, waits (1, 2, 4 … s, at most 30 s) and goes on.

It also raises the warnings and 督办 of late co-handling answers (`decisions.services.sweep`),
reports late deliberation decisions 合议, warns/escalates rectifications 整改 past their day, and
plans the return visits 回访 of newly answered cases (`manage.py plan_visits`).
The command lives in `kesu.decisions` — the highest layer whose clocks it sweeps — so every
import points down: `cases` cannot know the co-handling tasks above it."""

from __future__ import annotations

import time
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.cases.services.anchors import write_anchors
from kesu.cases.services.escalation import sweep
from kesu.cases.services.retention import apply_retention
from kesu.cases.services.sweeps import close_expired_provisional
from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.core.outage import DATABASE_DOWN, Outage
from kesu.core.services import purge_counters
from kesu.decisions.services.accountability import sweep_rectifications
from kesu.decisions.services.deliberation import report_late_deliberations
from kesu.decisions.services.sweep import sweep_co_handling
from kesu.notify.tasks import retry_sweep


class Command(BaseCommand):
    help = "Raise due deadline warnings and escalations; close expired provisional closures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        outage = Outage("sweep")
        daily_done = None
        while True:
            now = clock.now()
            try:
                result = sweep(now=now)
                tasks = sweep_co_handling(now=now)
                late_deliberations = report_late_deliberations(now=now)
                rectifications = sweep_rectifications(now=now)
                # Return visits 回访 for newly answered cases; by name: `visits` sits beside
                # this app, not below it.
                call_command("plan_visits", stdout=StringIO())
                closed = close_expired_provisional(now=now)
                queued, flagged = retry_sweep(now=now)
                if daily_done != clock.local_date(now):
                    # Once a day per loop (and on every single run): anchor the finished days of
                    # history, mask personal data past the retention period.
                    write_anchors(now=now)
                    apply_retention(now=now)
                    purge_counters(now=now)  # the portal's expired limits, codes and locks
                    daily_done = clock.local_date(now)
            except ServiceError as error:
                raise CommandError(str(error.message)) from error
            except DATABASE_DOWN as error:
                if not every:
                    raise CommandError(f"database unavailable: {error}") from error
                # Each batch committed on its own: the next run goes on where this one stopped.
                outage.wait_after(error)
                continue
            outage.recovered()
            self.stdout.write(
                f"{clock.local(now):%Y-%m-%d %H:%M:%S} alerts {result.alerts} on {result.cases} "
                f"case(s); co-handling alerts {tasks.alerts} on {tasks.tasks} task(s); "
                f"late deliberations {late_deliberations}; rectifications warned "
                f"{rectifications.warned}, escalated {rectifications.escalated}; "
                f"provisional closures closed {len(closed)}; notifications re-queued "
                f"{queued}, flagged uncertain {flagged}"
            )
            self.stdout.flush()
            if not every:
                return
            time.sleep(every)
