"""`manage.py apply_retention`: mask the personal data of closed cases past the organisation's
retention period (settings → Retention), except those under a legal hold; print the report
(also stored, shown on the settings page). Idempotent: run it daily (the sweep loop does)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.cases.services.retention import apply_retention
from kesu.core import clock


class Command(BaseCommand):
    help = "Mask personal data of closed cases past the retention period (legal holds skipped)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = apply_retention(now=clock.now())
        if not report.months:
            self.stdout.write("no retention period set: personal data is kept")
            return
        self.stdout.write(
            f"retention {report.months} month(s): masked {len(report.masked)} case(s)"
            f"{': ' + ', '.join(report.masked) if report.masked else ''}; "
            f"kept under legal hold {len(report.held)}"
            f"{': ' + ', '.join(report.held) if report.held else ''}"
        )
