"""SMS gateways for tests: real implementations of the gateway interface that keep what they
were given (or refuse it), standing in for a provider's HTTP API."""

from __future__ import annotations

import os
from typing import ClassVar


class RecordingSmsGateway:
    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> str:
        self.sent.append((phone, text))
        return f"rec-{len(self.sent)}"


class RefusingSmsGateway:
    def send(self, phone: str, text: str) -> str:
        raise ConnectionError("provider unreachable")


class FileSmsGateway:
    """For a worker in another process: appends `phone<TAB>text` to the file named by
    KESU_TEST_SMS_LOG, one line per send, so a test can count what went out."""

    def send(self, phone: str, text: str) -> str:
        with open(os.environ["KESU_TEST_SMS_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{phone}\t{text.replace(chr(10), ' ')}\n")
        return f"file-{phone}"
