"""`manage.py issue_open311_key NAME`: print a new Open311 api_key (only its hash is kept)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.open311.services import issue_key


class Command(BaseCommand):
    help = (
        "Issue an Open311 GeoReport v2 api_key (shown once) for the client NAME. Revoke it in "
        "the Django admin (Open311 API keys)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        try:
            _key, raw = issue_key(name=name, now=clock.now())
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(raw)  # the key alone on stdout: scripts capture it
