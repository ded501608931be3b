"""`manage.py issue_token USERNAME [--name NAME]`: print a new API token for a user."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core.errors import ServiceError
from kesu.org.models import User
from kesu.org.services import issue_api_token


class Command(BaseCommand):
    help = "Issue an API token (shown once) for USERNAME."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        try:
            _token, raw = issue_api_token(user=user, name=name)
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(raw)
