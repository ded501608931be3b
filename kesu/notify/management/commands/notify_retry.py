"""`manage.py notify_retry`: re-enqueue due pending notifications, flag stale sending ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kesu.core import clock
from kesu.notify.tasks import retry_sweep


class Command(BaseCommand):
    help = (
        "Re-enqueue pending e-mail/SMS notifications whose delivery task seems lost, and mark "
        "those stuck in 'sending' for 10 minutes as 'uncertain' (never resent automatically). "
        "Run it every few minutes (cron or a scheduler)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued, flagged = retry_sweep(now=clock.now())
        self.stdout.write(f"re-enqueued {queued} notification(s); flagged {flagged} uncertain")
