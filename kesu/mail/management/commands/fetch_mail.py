"""`manage.py fetch_mail [--every SECONDS]`: poll the configured IMAP mailbox once (or forever,
every N seconds: the loop `bin/run` starts beside the server; in production a systemd unit, as
for `sweep_deadlines`). A mailbox that is down is recorded on the settings page and retried
next run; a database outage is waited out as the sweep does."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core import clock
from kesu.core.outage import DATABASE_DOWN, Outage
from kesu.mail.imap import configured, poll


class Command(BaseCommand):
    help = "Fetch new e-mail from the configured IMAP mailbox and register it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        if not configured():
            message = "no mailbox configured (KESU_MAIL_IMAP_HOST is empty)"
            if not every:
                raise CommandError(message)
            self.stdout.write(message + "; nothing to poll")
            return
        outage = Outage("fetch_mail")
        while True:
            now = clock.now()
            try:
                result = poll(now=now)
            except DATABASE_DOWN as error:
                if not every:
                    raise CommandError(f"database unavailable: {error}") from error
                outage.wait_after(error)
                continue
            outage.recovered()
            line = (
                f"{clock.local(now):%Y-%m-%d %H:%M:%S} fetched {result.fetched}, "
                f"registered {result.registered}, flagged seen {result.flagged}"
            )
            if result.error:
                line += f"; mailbox error: {result.error}"
            self.stdout.write(line)
            self.stdout.flush()
            if not every:
                if result.error:
                    raise CommandError(result.error)
                return
            time.sleep(every)
