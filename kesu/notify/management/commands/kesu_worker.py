"""`manage.py kesu_worker`: django-tasks' `db_worker` (same options) that rides out a database
restart instead of exiting (security review 2026-12-01, finding 2).

On `OperationalError`/`InterfaceError` it logs, drops its connections, waits (1, 2, 4 … s, at
most 30 s) and polls again. A task the outage interrupted — its row left `RUNNING`, or marked
failed with the database error — is put back in the queue once the database answers: Kesu's
tasks are safe to run twice (`deliver` claims its message first, so a message is sent at most
once). SIGTERM/SIGINT stop it as they stop `db_worker`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Any

from django_tasks.base import TaskResultStatus
from django_tasks.utils import get_module_path
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kesu.core.outage import DATABASE_DOWN, Outage
from kesu.notify import services as delivery

logger = logging.getLogger("kesu.worker")

#: The exceptions a task "fails" with when it is the database, not the task, that failed.
OUTAGE_PATHS = frozenset(get_module_path(kind) for kind in DATABASE_DOWN)
#: A task the database interrupts this often is left failed (a bug, not an outage).
MAX_REQUEUES = 5
#: Polling this long without an error counts as recovered.
WORKED = 10.0


class ResilientWorker(Worker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outage = Outage("worker")
        self.in_flight: set[Any] = set()  # task ids started and not recorded yet
        self.requeues: Counter[Any] = Counter()

    def run(self) -> None:
        while self.running:
            started = time.monotonic()
            try:
                self.requeue_interrupted()
                super().run()
                return  # --batch or --max-tasks reached
            except DATABASE_DOWN as error:
                if time.monotonic() - started > WORKED:
                    self.outage.recovered()  # it had been working since: a new outage
                self.outage.wait_after(error)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.in_flight.add(db_task_result.pk)
        super().run_task(db_task_result)  # a database error while recording escapes to run()
        if (
            db_task_result.status == TaskResultStatus.FAILED
            and db_task_result.exception_class_path in OUTAGE_PATHS
        ):
            self.requeue_interrupted()
        else:
            self.in_flight.discard(db_task_result.pk)
            self.requeues.pop(db_task_result.pk, None)
        self.outage.recovered()

    def requeue_interrupted(self) -> None:
        """Put the tasks an outage interrupted back in the queue (database answering again)."""
        for task_id in list(self.in_flight):
            if self.requeues[task_id] < MAX_REQUEUES:
                put_back = delivery.requeue_task(task_id)
                if put_back:
                    self.requeues[task_id] += 1
                    logger.warning("worker: task %s was interrupted by the outage; queued again",
                                   task_id)  # fmt: skip
            self.in_flight.discard(task_id)


class Command(DbWorkerCommand):
    help = "Run the background task worker; it survives database restarts."

    def handle(self, *, verbosity: int, **options: Any) -> None:
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
