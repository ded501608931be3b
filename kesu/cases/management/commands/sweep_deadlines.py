"""`manage.py sweep_deadlines [--every SECONDS]`: raise due warnings and escalations (督办),
close provisional closures whose window passed, and re-queue lost notification deliveries
(`notify_retry`). Once, or forever every N seconds (the loop `bin/run` starts beside the
server; in production run it under systemd or cron)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.cases.services.escalation import sweep
from kesu.cases.services.sweeps import close_expired_provisional
from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.notify.tasks import retry_sweep


class Command(BaseCommand):
    help = "Raise due deadline warnings and escalations; close expired provisional closures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            now = clock.now()
            try:
                result = sweep(now=now)
                closed = close_expired_provisional(now=now)
                queued, flagged = retry_sweep(now=now)
            except ServiceError as error:
                raise CommandError(str(error.message)) from error
            self.stdout.write(
                f"{clock.local(now):%Y-%m-%d %H:%M:%S} alerts {result.alerts} on {result.cases} "
                f"case(s); provisional closures closed {len(closed)}; notifications re-queued "
                f"{queued}, flagged uncertain {flagged}"
            )
            if not every:
                return
            time.sleep(every)
