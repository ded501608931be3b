"""The Redis option for larger sites (KESU_TASK_BACKEND=rq): deliveries queued in a real Redis
and run by an RQ worker reach the real SMTP server once, even when the same delivery is queued
twice. Skipped where no Redis answers; CI (KESU_REQUIRE_REDIS=1) fails instead."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from kesu.notify.models import Notification, Status
from kesu.notify.presets import load_default_templates
from kesu.notify.tasks import enqueue_delivery
from tests.conftest import Org, at
from tests.factories import register
from tests.notify.conftest import SmtpServer
from tests.notify.test_delivery import acknowledge

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.fixture
def rq_queue() -> Iterator[Any]:
    """The test Redis database's queue, emptied before and after (it is the tests' own)."""
    import django_rq
    from redis.exceptions import ConnectionError as RedisDown

    queue = django_rq.get_queue("default")
    try:
        queue.connection.ping()
    except RedisDown:
        if os.environ.get("KESU_REQUIRE_REDIS") == "1":
            pytest.fail("Redis is required here (KESU_REQUIRE_REDIS=1) but does not answer")
        pytest.skip("no Redis at KESU_TEST_REDIS_URL (default redis://127.0.0.1:6379/15)")
    queue.connection.flushdb()
    with override_settings(TASKS=RQ_TASKS):
        yield queue
    queue.connection.flushdb()


def work_off(queue: Any) -> None:
    """Run the queued jobs as `manage.py rqworker --job-class django_tasks_rq.Job --burst`
    would, in this process (no fork: the test database connection stays usable)."""
    from django_tasks_rq import Job
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


@pytest.mark.django_db(transaction=True)
def test_the_rq_worker_delivers_a_chinese_email_once(
    reference: None, smtp: SmtpServer, rq_queue: Any
) -> None:
    load_default_templates()  # an earlier transactional test's flush removed the migration's rows
    org = Org()
    case = register(org["agent"], at("2026-11-24 09:00"), complainant_email="wangli@example.cn")
    [mail] = acknowledge(case)  # committed: the delivery is now a job in Redis
    assert rq_queue.count == 1
    assert smtp.messages == []

    enqueue_delivery(mail.pk)  # the same delivery queued again (a retry sweep, a duplicate)
    work_off(rq_queue)

    [received] = smtp.messages
    assert received["Subject"] == f"您的投诉已受理（编号 {case.number}）"
    row = Notification.objects.get(pk=mail.pk)
    assert (row.status, row.attempts) == (Status.SENT, 1)
    assert rq_queue.count == 0
