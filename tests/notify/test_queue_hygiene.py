"""The retry sweep keeps the task queue honest (security review 2026-12-01, finding 10): one
waiting task per message however often it runs, and a task whose worker was killed does not
stay RUNNING forever."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kesu.cases.models import Case
from kesu.core import clock
from kesu.notify.models import Notification, Status
from kesu.notify.services import notify
from kesu.notify.tasks import deliver, retry_sweep
from tests.notify.conftest import SmtpServer

CONTEXT = {"name": "王丽"}


def _pending_mail(case: Case) -> Notification:
    with transaction.atomic():
        [mail] = notify(
            template="case_acknowledged", dedupe_key=f"ack:{case.pk}",
            context=CONTEXT | {"number": case.number}, case=case,
            email=case.complainant_email, channels=("email",),
        )  # fmt: skip
    # Overdue for a while: the sweep takes it for lost unless a task for it is queued.
    Notification.objects.filter(pk=mail.pk).update(
        next_attempt_at=clock.now() - timedelta(minutes=30)
    )
    return mail


@pytest.mark.django_db(transaction=True)  # the worker commits as in production
def test_sweeps_while_the_worker_is_down_queue_one_task_per_message(
    case: Case, smtp: SmtpServer, database_tasks: None
) -> None:
    mail = _pending_mail(case)
    for _ in range(4):  # four sweeps, no worker
        retry_sweep(now=clock.now())
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [mail.pk]
    call_command("kesu_worker", batch=True, startup_delay=False, verbosity=0)
    assert len(smtp.messages) == 1
    assert Notification.objects.get(pk=mail.pk).status == Status.SENT
    assert retry_sweep(now=clock.now()) == (0, 0)


def test_a_task_left_running_by_a_killed_worker_is_closed_and_its_message_flagged(
    case: Case, smtp: SmtpServer, database_tasks: None
) -> None:
    mail = _pending_mail(case)
    deliver.enqueue(mail.pk)
    now = clock.now()
    # The worker claimed both the task and the message, then was killed with SIGKILL.
    DBTaskResult.objects.update(status="RUNNING", started_at=now - timedelta(minutes=11))
    Notification.objects.filter(pk=mail.pk).update(
        status=Status.SENDING, sending_since=now - timedelta(minutes=11)
    )
    assert retry_sweep(now=now) == (0, 1)
    task = DBTaskResult.objects.get()
    assert task.status == "FAILED"
    assert task.finished_at is not None
    assert Notification.objects.get(pk=mail.pk).status == Status.UNCERTAIN
    assert smtp.messages == []  # never resent by itself


def test_a_recently_started_task_is_left_alone(
    case: Case, smtp: SmtpServer, database_tasks: None
) -> None:
    mail = _pending_mail(case)
    deliver.enqueue(mail.pk)
    DBTaskResult.objects.update(status="RUNNING", started_at=clock.now() - timedelta(minutes=2))
    assert retry_sweep(now=clock.now()) == (0, 0)  # running: no second task for its message
    assert DBTaskResult.objects.get().status == "RUNNING"

