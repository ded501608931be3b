"""`manage.py load_penalty_presets`: the penalty catalogue from seed 002's tiers (missing tiers
added, edited ones kept). `manage.py load_presets` runs it too."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.decisions.services.accountability import load_penalty_presets


class Command(BaseCommand):
    help = "Load the penalty catalogue of seed 002 (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"added: penalty tiers {load_penalty_presets()}")
