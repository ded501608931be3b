"""`manage.py issue_token USERNAME [--name NAME] [--days N]`: print a new API token for a user,
and when it expires."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.org.models import User
from kesu.org.services import issue_api_token


class Command(BaseCommand):
    help = (
        "Issue an API token (shown once) for USERNAME. It expires after --days (default "
        "KESU_API_TOKEN_DAYS, 90) and dies earlier when the user's password changes or the user "
        "is deactivated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=None, help="days until it expires")

    def handle(
        self, *args: Any, username: str, name: str, days: int | None, **options: Any
    ) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        try:
            token, raw = issue_api_token(user=user, name=name, now=clock.now(), days=days)
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        # The token alone on stdout (scripts capture it); the expiry goes to stderr.
        self.stdout.write(raw)
        expires = clock.local(token.expires_at).isoformat(timespec="minutes")
        self.stderr.write(f"expires {expires}")
