"""Delivery through a real SMTP server and an SMS gateway: once per message, whatever happens."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django_tasks_db.models import DBTaskResult

from kesu.cases.models import Case
from kesu.core import clock
from kesu.notify.models import Notification, Status
from kesu.notify.presets import load_default_templates
from kesu.notify.services import notify, resend
from kesu.notify.tasks import MAX_ATTEMPTS, deliver, message_id
from tests.conftest import Org, at
from tests.factories import register
from tests.notify.conftest import SmtpServer
from tests.notify.sms import RecordingSmsGateway

CONTEXT = {"name": "王丽", "due": at("2026-12-15 17:00")}


def acknowledge(case: Case, channels: tuple[str, ...] = ("email",)) -> list[Notification]:
    with transaction.atomic():
        return notify(
            template="case_acknowledged",
            dedupe_key=f"ack:{case.pk}",
            context=CONTEXT | {"number": case.number},
            case=case,
            email=case.complainant_email,
            phone=case.complainant_phone,
            channels=channels,
        )


def reload(notification: Notification) -> Notification:
    return Notification.objects.get(pk=notification.pk)


def test_a_chinese_email_arrives_as_rendered(
    case: Case, smtp: SmtpServer, database_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        [mail] = acknowledge(case)
    [queued] = DBTaskResult.objects.all()
    assert smtp.messages == []  # queued, not sent, until a worker runs the task

    assert deliver.call(*queued.args_kwargs["args"]) == "sent"

    [received] = smtp.messages
    assert received["Subject"] == f"您的投诉已受理（编号 {case.number}）" == mail.subject
    # SMTP carries CRLF line ends; the text is otherwise exactly what was rendered.
    assert received.get_content().replace("\r\n", "\n").rstrip("\n") == mail.body
    assert "我们将于 2026年12月15日 前给您答复" in mail.body
    assert received["To"] == "wangli@example.cn"
    assert received["From"].addresses[0].display_name == "客诉中心"
    assert received["Message-ID"] == message_id(mail) == f"<kesu-notification-{mail.pk}@example.cn>"
    mail = reload(mail)
    assert (mail.status, mail.attempts, mail.provider_id) == (Status.SENT, 1, message_id(mail))
    assert mail.sent_at is not None


def test_a_retried_task_sends_once(case: Case, smtp: SmtpServer) -> None:
    [mail] = acknowledge(case)
    assert deliver.call(mail.pk) == "sent"
    assert deliver.call(mail.pk) == "sent"  # a retry or a second worker: nothing to do
    assert len(smtp.messages) == 1
    assert reload(mail).attempts == 1


def test_an_smtp_outage_is_retried_later_and_sends_once(
    case: Case, smtp: SmtpServer, database_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    [mail] = acknowledge(case)
    smtp.stop()
    before = clock.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver.call(mail.pk) == "pending"
    mail = reload(mail)
    assert (mail.status, mail.attempts) == (Status.PENDING, 1)
    assert "Connection" in mail.last_error or "refused" in mail.last_error.lower()
    assert mail.next_attempt_at is not None
    assert mail.next_attempt_at - before >= timedelta(minutes=1)
    [retry] = DBTaskResult.objects.all()  # re-enqueued to run when the back-off ends
    assert retry.run_after == mail.next_attempt_at
    assert retry.args_kwargs["args"] == [mail.pk]

    assert deliver.call(mail.pk) == "not_due"  # an early run leaves it alone
    smtp.start()
    Notification.objects.filter(pk=mail.pk).update(next_attempt_at=clock.now())  # time passes
    assert deliver.call(mail.pk) == "sent"
    assert deliver.call(mail.pk) == "sent"
    assert len(smtp.messages) == 1
    mail = reload(mail)
    assert (mail.status, mail.attempts) == (Status.SENT, 2)


def test_after_five_failures_the_message_is_failed(case: Case, smtp: SmtpServer) -> None:
    [mail] = acknowledge(case)
    smtp.stop()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        Notification.objects.filter(pk=mail.pk).update(next_attempt_at=clock.now())
        assert deliver.call(mail.pk) == ("failed" if attempt == MAX_ATTEMPTS else "pending")
    mail = reload(mail)
    assert (mail.status, mail.attempts, mail.next_attempt_at) == (Status.FAILED, 5, None)
    assert deliver.call(mail.pk) == "failed"


def test_a_message_stuck_in_sending_is_flagged_uncertain_not_resent(
    case: Case, smtp: SmtpServer, django_capture_on_commit_callbacks: Any
) -> None:
    [stale, recent] = acknowledge(case, channels=("email", "sms"))
    now = clock.now()
    # A worker claimed both and died before recording the outcome (one long ago, one just now).
    Notification.objects.filter(pk=stale.pk).update(
        status=Status.SENDING, attempts=1, sending_since=now - timedelta(minutes=11)
    )
    Notification.objects.filter(pk=recent.pk).update(
        status=Status.SENDING, attempts=1, sending_since=now - timedelta(minutes=2)
    )

    call_command("notify_retry", stdout=(out := _Output()))
    assert "flagged 1 uncertain" in out.text
    stale, recent = reload(stale), reload(recent)
    assert stale.status == Status.UNCERTAIN
    assert "not resent automatically" in stale.last_error.lower()
    assert recent.status == Status.SENDING
    assert deliver.call(stale.pk) == "uncertain"
    assert smtp.messages == []

    # A person checked that it did not arrive and resends it: it goes out once.
    with django_capture_on_commit_callbacks(execute=True):
        assert resend([stale.pk, recent.pk], now=clock.now()) == 1
    assert len(smtp.messages) == 1  # the immediate backend delivered it on commit
    assert reload(stale).status == Status.SENT


def test_notify_retry_requeues_pending_rows_whose_task_was_lost(
    case: Case, smtp: SmtpServer, database_tasks: None
) -> None:
    [mail] = acknowledge(case)  # the on-commit enqueue never ran (the test transaction)
    call_command("notify_retry", stdout=_Output())
    assert not DBTaskResult.objects.exists()  # within the grace period: its task may be queued
    Notification.objects.filter(pk=mail.pk).update(
        next_attempt_at=clock.now() - timedelta(minutes=6)
    )
    call_command("notify_retry", stdout=(out := _Output()))
    assert "re-enqueued 1" in out.text
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [mail.pk]


def test_sms_goes_through_the_configured_gateway_once(case: Case, settings: Any) -> None:
    settings.KESU_SMS_GATEWAY = "tests.notify.sms.RecordingSmsGateway"
    RecordingSmsGateway.sent.clear()
    [sms] = acknowledge(case, channels=("sms",))
    assert deliver.call(sms.pk) == "sent"
    assert deliver.call(sms.pk) == "sent"
    assert RecordingSmsGateway.sent == [("13812345678", sms.body)]
    assert sms.body.startswith(f"【客诉中心】您好王丽，您的投诉已受理，编号{case.number}")
    assert reload(sms).provider_id == "rec-1"


def test_a_refusing_gateway_leaves_the_sms_pending(case: Case, settings: Any) -> None:
    settings.KESU_SMS_GATEWAY = "tests.notify.sms.RefusingSmsGateway"
    [sms] = acknowledge(case, channels=("sms",))
    assert deliver.call(sms.pk) == "pending"
    sms = reload(sms)
    assert (sms.attempts, sms.last_error) == (1, "ConnectionError: provider unreachable")


def test_the_console_gateway_logs_to_kesu_sms(case: Case, caplog: pytest.LogCaptureFixture) -> None:
    [sms] = acknowledge(case, channels=("sms",))
    with caplog.at_level(logging.INFO, logger="kesu.sms"):
        assert deliver.call(sms.pk) == "sent"
    [record] = [r for r in caplog.records if r.name == "kesu.sms"]
    # The number goes out masked: Kesu's log handler keeps phone numbers out of logs (issue 20).
    assert "SMS to 138****5678" in record.getMessage()
    assert "13812345678" not in record.getMessage()
    assert reload(sms).provider_id.startswith("console-")


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_delivers_after_commit(
    reference: None, smtp: SmtpServer, database_tasks: None
) -> None:
    """The whole path: commit → queued row → `manage.py db_worker --batch` → SMTP."""
    load_default_templates()  # an earlier transactional test's flush removed the migration's rows
    org = Org()
    case = register(org["agent"], at("2026-11-24 09:00"), complainant_email="wangli@example.cn")
    [mail] = acknowledge(case)
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    assert [m["Subject"] for m in smtp.messages] == [mail.subject]
    assert reload(mail).status == Status.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


class _Output:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_once(reference: None, smtp: SmtpServer) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are PostgreSQL's; .ci/run runs this there")
    load_default_templates()
    org = Org()
    case = register(org["agent"], at("2026-11-24 09:00"), complainant_email="wangli@example.cn")
    [mail] = acknowledge(case)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            outcomes.append(deliver.call(mail.pk))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(smtp.messages) == 1
    assert outcomes.count("sent") >= 1
    assert set(outcomes) <= {"sent", "sending"}
    assert reload(mail).attempts == 1
