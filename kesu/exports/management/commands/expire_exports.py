"""`manage.py expire_exports`: delete export files older than their keeping time (24 hours).
The worker does it too at the start of each export."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.core import clock
from kesu.exports.services import expire_exports


class Command(BaseCommand):
    help = "Delete expired export files."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{expire_exports(now=clock.now())} exports expired")
