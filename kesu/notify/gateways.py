"""SMS gateways. A provider is a class with `send(phone, text) -> provider message id` named by
`settings.KESU_SMS_GATEWAY`; it raises on failure, so delivery retries (see README.md)."""

from __future__ import annotations

import logging
import uuid
from functools import cache
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("kesu.sms")


@runtime_checkable
class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Hand one message to the provider; return the provider's message id. Raise when the
        provider did not accept it."""
        ...


class ConsoleSmsGateway:
    """Development and demo gateway: writes the message to the "kesu.sms" log."""

    def send(self, phone: str, text: str) -> str:
        message_id = f"console-{uuid.uuid4().hex}"
        logger.info("SMS to %s (%s): %s", phone, message_id, text)
        return message_id


@cache
def _gateway(path: str) -> SmsGateway:
    gateway = import_string(path)()
    if not isinstance(gateway, SmsGateway):
        raise TypeError(f"KESU_SMS_GATEWAY {path!r} has no send(phone, text) method")
    return gateway


def sms_gateway() -> SmsGateway:
    """The configured gateway (one instance per dotted path and process)."""
    return _gateway(settings.KESU_SMS_GATEWAY)
