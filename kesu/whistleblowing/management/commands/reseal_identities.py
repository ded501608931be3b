"""`manage.py reseal_identities`: re-encrypt every sealed identity under the first key of
`KESU_SEAL_KEY` (the key rotation's middle step, decision 0006). Idempotent; prints a count,
never an identity."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.whistleblowing.services import reseal_all


class Command(BaseCommand):
    help = "Re-encrypt the sealed identities of whistleblowers under the current seal key."

    def handle(self, *args: Any, **options: Any) -> None:
        count = reseal_all()
        self.stdout.write(f"resealed {count} identities")
