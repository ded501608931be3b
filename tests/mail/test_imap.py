"""Polling a real IMAP server (tests/mail/imapserver.py, run in the test): new mail becomes
cases and is flagged seen only after its commit; a mailbox that is down is recorded and
retried, and no mail is lost; a connection lost between commit and flag makes no duplicate."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kesu.cases.models import Case, CaseEvent
from kesu.mail.imap import poll
from kesu.mail.models import InboundMessage, Mailbox, Outcome
from kesu.mail.services import CUSTOMER_WROTE
from tests.conftest import at
from tests.mail import messages
from tests.mail.imapserver import ImapServer

pytestmark = pytest.mark.django_db(transaction=True)
NOW = at("2026-12-02 09:00")


@pytest.fixture
def server() -> Iterator[ImapServer]:
    running = ImapServer().start()
    yield running
    running.close()


@pytest.fixture
def mailbox(server: ImapServer, org: Any) -> Iterator[ImapServer]:
    with override_settings(
        KESU_MAIL_IMAP_HOST="127.0.0.1",
        KESU_MAIL_IMAP_PORT=server.port,
        KESU_MAIL_IMAP_SECURITY="plain",
        KESU_MAIL_IMAP_USER="kesu",
        KESU_MAIL_IMAP_PASSWORD="secret",
        KESU_MAIL_IMAP_TIMEOUT=5,
    ):
        yield server


def _status() -> Mailbox:
    return Mailbox.objects.get(name="complaints")


def test_new_mail_becomes_cases_and_is_flagged_after_commit(mailbox: ImapServer) -> None:
    for raw in (
        messages.gbk_complaint(),
        messages.gb18030_declared_gb2312(),
        messages.utf8_html(),
        messages.auto_reply(),
        messages.bounce(),
    ):
        mailbox.add(raw)
    mailbox.add(messages.plain(in_reply_to="<gbk-1@mail.example.cn>"))

    result = poll(now=NOW)

    assert (result.fetched, result.registered, result.flagged, result.error) == (6, 6, 6, "")
    assert mailbox.unseen() == []
    assert Case.objects.count() == 3
    assert InboundMessage.objects.filter(outcome=Outcome.QUARANTINED).count() == 2
    case = Case.objects.get(complainant_email="wangli@example.cn")
    assert CaseEvent.objects.filter(case=case, action=CUSTOMER_WROTE).count() == 1
    assert "UID FETCH" in mailbox.commands
    assert "UID STORE" in mailbox.commands
    # Fetched with BODY.PEEK: the server flags a message only when told, after the commit.
    status = _status()
    assert (status.messages_received, status.consecutive_failures) == (6, 0)
    assert status.last_success_at == NOW


def test_a_mailbox_that_is_down_is_retried_and_loses_nothing(mailbox: ImapServer) -> None:
    mailbox.add(messages.gbk_complaint())
    mailbox.stop()

    first = poll(now=at("2026-12-02 09:00"))
    second = poll(now=at("2026-12-02 09:01"))

    assert first.error
    assert second.error
    status = _status()
    assert status.consecutive_failures == 2
    assert status.last_error_at == at("2026-12-02 09:01")
    assert "ConnectionRefused" in status.last_error
    assert status.last_success_at is None
    assert Case.objects.count() == 0

    mailbox.start()  # back, on the same port, with the mail still there
    mailbox.add(messages.utf8_html())
    third = poll(now=at("2026-12-02 09:02"))

    assert (third.fetched, third.registered, third.error) == (2, 2, "")
    assert Case.objects.count() == 2
    assert mailbox.unseen() == []
    status.refresh_from_db()
    assert status.consecutive_failures == 0
    assert status.last_success_at == at("2026-12-02 09:02")


def test_a_connection_lost_before_the_flag_makes_no_duplicate(mailbox: ImapServer) -> None:
    mailbox.add(messages.gbk_complaint())
    mailbox.drop_on = "UID STORE"  # the case commits, then the server hangs up

    lost = poll(now=NOW)

    assert lost.error
    assert Case.objects.count() == 1
    assert mailbox.unseen() == [1]  # still unseen on the server: it comes again

    mailbox.drop_on = ""
    again = poll(now=at("2026-12-02 09:01"))

    assert (again.fetched, again.registered, again.flagged) == (1, 0, 1)
    assert Case.objects.count() == 1
    assert mailbox.unseen() == []


def test_the_same_mail_fetched_twice_makes_one_case(mailbox: ImapServer) -> None:
    mailbox.add(messages.gbk_complaint())
    poll(now=NOW)
    mailbox.add(messages.gbk_complaint())  # delivered again (a second copy, a new UID)
    result = poll(now=at("2026-12-02 09:05"))
    assert (result.fetched, result.registered, result.flagged) == (1, 0, 1)
    assert Case.objects.count() == 1
    assert InboundMessage.objects.count() == 1


def test_a_mailbox_refusing_the_login_is_recorded(mailbox: ImapServer) -> None:
    mailbox.password = "changed"
    result = poll(now=NOW)
    assert "LoginError" in result.error
    assert _status().consecutive_failures == 1


def test_fetch_mail_command(mailbox: ImapServer) -> None:
    mailbox.add(messages.gbk_complaint())
    call_command("fetch_mail")
    assert Case.objects.count() == 1
    mailbox.stop()
    with pytest.raises(CommandError):
        call_command("fetch_mail")


def test_fetch_mail_without_a_mailbox(org: Any) -> None:
    with override_settings(KESU_MAIL_IMAP_HOST=""), pytest.raises(CommandError):
        call_command("fetch_mail")
