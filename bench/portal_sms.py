"""The benchmark's SMS gateway: keeps the last code it was given, so the portal's tracking can
be timed with a real one-time code (the console gateway would only log it)."""

from __future__ import annotations

import re
from typing import ClassVar


class LastCodeGateway:
    last: ClassVar[str] = ""

    def send(self, phone: str, text: str) -> str:
        found = re.findall(r"\b(\d{6})\b", text)
        LastCodeGateway.last = found[-1] if found else ""
        return "bench"
