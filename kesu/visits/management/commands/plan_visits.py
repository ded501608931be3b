"""`manage.py plan_visits`: put every answered case into the return-visit plan: called back
(major or drawn) or closed as not drawn, each recorded on the case. The deadline sweep
(`manage.py sweep_deadlines --every 60`) runs it every round; run it alone from cron otherwise."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.core import clock
from kesu.visits.services import plan_visits


class Command(BaseCommand):
    help = "Plan return visits for answered cases."

    def handle(self, *args: Any, **options: Any) -> None:
        visits = plan_visits(now=clock.now())
        self.stdout.write(f"planned {len(visits)} case(s)")
