"""`manage.py verify_history [--anchor]`: recompute the hash chain of every case's history and
every daily anchor (issue 20 part 4). Exits 0 when every chain and anchor holds; 1 when one does
not, naming each broken case (and anchor day). The result is kept for the settings pages.
`--anchor` first writes the anchors of finished days not anchored yet."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kesu.cases.integrity import verify
from kesu.cases.services.anchors import record_check, write_anchors
from kesu.core import clock


class Command(BaseCommand):
    help = "Verify the tamper-evident case history (hash chains and daily anchors)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", action="store_true", help="anchor finished days first")

    def handle(self, *args: Any, anchor: bool, **options: Any) -> None:
        now = clock.now()
        if anchor:
            written = write_anchors(now=now)
            self.stdout.write(f"anchored {len(written)} day(s)")
        report = verify()
        record_check(report, now=now)
        for number, why in sorted(report.broken.items()):
            self.stderr.write(f"BROKEN case {number}: {why}")
        for day in report.broken_anchors:
            self.stderr.write(f"BROKEN anchor {day}")
        verdict = "intact" if report.ok else "BROKEN"
        self.stdout.write(
            f"history {verdict}: {report.cases} case(s), {report.events} row(s), "
            f"{report.anchors} anchor(s)"
        )
        if not report.ok:
            sys.exit(1)
