"""`manage.py seed_demo [--cases N]`: the demo organisation, users and cases (once)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.core import clock
from kesu.demo.seeding import DEMO_PASSWORD, USERS, seed_demo


class Command(BaseCommand):
    help = "Create the demo organisation 华联电器, one user per role and N cases (safe to re-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="run even under production settings (a demo server only)",
        )

    def handle(
        self, *args: Any, cases: int, seed: int, allow_production: bool, **options: Any
    ) -> None:
        if settings.KESU_PRODUCTION and not allow_production:
            # The demo creates an `admin` superuser whose password is published in the docs.
            raise CommandError(
                "seed_demo refuses to run under production settings: it creates users (a "
                f"superuser among them) with the published password {DEMO_PASSWORD!r}. For a "
                "demonstration server only, add --allow-production."
            )
        created = seed_demo(cases=cases, now=clock.now(), seed=seed)
        if created:
            self.stdout.write(f"demo: {created} cases registered")
        else:
            self.stdout.write("demo: already present, nothing added")
        self.stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
        for user in USERS:
            self.stdout.write(f"  {user.username:<13} {user.full_name}  {user.role.value}")
