"""`manage.py close_provisional`: close provisional closures whose window has passed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kesu.cases.services.sweeps import close_expired_provisional
from kesu.core import clock
from kesu.core.errors import ServiceError


class Command(BaseCommand):
    help = "Close cases provisionally closed (暂结案) whose 3-month window passed with no contact."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            closed = close_expired_provisional(now=clock.now())
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(f"closed {len(closed)} case(s): {' '.join(closed)}")
