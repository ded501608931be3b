"""A real SMTP server (aiosmtpd) on 127.0.0.1, the database task backend, and a customer case."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.test import override_settings

from kesu.cases.models import Case
from tests.conftest import Org, at
from tests.factories import register

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
            for e in self.envelopes
            if isinstance(e.content, bytes)
        ]


class SmtpServer:
    """The server and the Django settings pointing at it; `stop()` and `start()` simulate an
    outage (a restarted server listens on a new port, and the settings follow)."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        self.settings.EMAIL_PORT = self.controller.port

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.mailbox.messages


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpServer]:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "客诉中心 <kesu@example.cn>"
    server = SmtpServer(settings)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def database_tasks() -> Iterator[None]:
    """The production task backend: enqueued deliveries become rows a worker picks up."""
    with override_settings(TASKS=DATABASE_TASKS):
        yield


@pytest.fixture
def case(org: Org) -> Case:
    return register(
        org["agent"],
        at("2026-11-24 09:00"),
        complainant_name="王丽",
        complainant_phone="13812345678",
        complainant_email="wangli@example.cn",
    )
