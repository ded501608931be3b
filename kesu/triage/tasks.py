"""Background retraining: the settings page's "retrain now" enqueues `retrain`, which the task
worker (`manage.py kesu_worker`) runs; the schedule loop (`manage.py train_triage --every 60`)
calls `retrain_if_due` itself."""

from __future__ import annotations

from django_tasks import task

from kesu.core import clock
from kesu.triage.services import train_triage


@task()
def retrain() -> int:
    """Train now; the new version (0 when there is not enough to learn from)."""
    row = train_triage(now=clock.now())
    return row.version if row is not None else 0
