"""`manage.py sweep_deliberations`: report deliberations whose final decision is overdue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.core import clock
from kesu.decisions.services.deliberation import report_late_deliberations


class Command(BaseCommand):
    help = "Report deliberations (合议) whose final decision is past its 15-day limit, once each."

    def handle(self, *args: Any, **options: Any) -> None:
        count = report_late_deliberations(now=clock.now())
        self.stdout.write(f"reported {count} late deliberation(s)")
