"""`manage.py rebuild_search_index`: refill the full-text search table from the cases (SQLite;
on PostgreSQL the trigram index lives on the case table and needs nothing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.library.services import rebuild_search_index


class Command(BaseCommand):
    help = "Refill the full-text search index over cases (SQLite's FTS5 table)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_search_index()
        self.stdout.write(f"{count} cases indexed")
