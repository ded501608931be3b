"""`manage.py load_calendar [YEAR ...]`: fill the working-day calendar from the holidays package."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.deadlines.services import load_calendar_year


class Command(BaseCommand):
    help = "Load China's working-day calendar (with 调休) for YEARs; default: last, this, next."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="*", type=int)

    def handle(self, *args: Any, years: list[int], **options: Any) -> None:
        this_year = clock.local(clock.now()).year
        for year in years or [this_year - 1, this_year, this_year + 1]:
            try:
                record = load_calendar_year(year)
            except ServiceError as error:
                raise CommandError(str(error.message)) from error
            status = "official" if record.official else "estimated (provisional)"
            self.stdout.write(f"calendar {year}: {status}")
