"""SMS gateways for tests: real implementations of the gateway interface that keep what they
were given (or refuse it), standing in for a provider's HTTP API."""

from __future__ import annotations

from typing import ClassVar


class RecordingSmsGateway:
    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> str:
        self.sent.append((phone, text))
        return f"rec-{len(self.sent)}"


class RefusingSmsGateway:
    def send(self, phone: str, text: str) -> str:
        raise ConnectionError("provider unreachable")
