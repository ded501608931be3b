"""The worker's side of exports (django-tasks, run by `manage.py kesu_worker` beside the
server, as `bin/run` does)."""

from __future__ import annotations

from django_tasks import task

from kesu.core import clock
from kesu.exports import services


@task()
def run_export(job_id: int) -> str:
    """Write one export's file; expired files of earlier exports are deleted on the way."""
    services.expire_exports(now=clock.now())
    return services.run(job_id)
