"""`manage.py import_eml FILE…`: register each `.eml` file as the mailbox poller would (same
threading, quarantine and idempotency: a file imported twice makes one case). Prints one line
per file; exits non-zero when a file cannot be read or could not be registered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core import clock
from kesu.mail.models import Outcome, Source
from kesu.mail.services import receive


class Command(BaseCommand):
    help = "Register .eml files as received e-mail (new cases, replies threaded, quarantine)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, files: list[Path], **options: Any) -> None:
        failed = 0
        for path in files:
            try:
                raw = path.read_bytes()
            except OSError as error:
                self.stderr.write(f"{path}: {error}")
                failed += 1
                continue
            result = receive(raw=raw, source=Source.COMMAND, now=clock.now())
            message = result.message
            number = message.case.number if message.case else "-"
            state = message.outcome if result.created else f"{message.outcome} (already received)"
            detail = message.quarantine_reason or message.error
            self.stdout.write(f"{path}: {state} {number} {detail}".rstrip())
            failed += int(message.outcome == Outcome.FAILED)
        if failed:
            raise CommandError(f"{failed} file(s) not registered")
