"""Signals the case services send inside their transaction, for apps above `cases` that must
act in the same transaction (they cannot be imported from here)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.dispatch import Signal

#: A case reached the closed state: sent with `case`, `now` and `authority` inside the closing
#: transaction, under the case's row lock. A receiver that raises rolls the closure back (the
#: archive number, `kesu.archives`, is given here: gap-free because it rolls back with it).
case_closed = Signal()


def closing_details(case: Any, now: datetime, authority: Any) -> dict[str, Any]:
    """Send `case_closed`; what the receivers answer (e.g. `{"archive": "DA2026-00001"}`) goes
    into the closing step's history event."""
    details: dict[str, Any] = {}
    for _receiver, answer in case_closed.send(
        sender=type(case), case=case, now=now, authority=authority
    ):
        if isinstance(answer, dict):
            details.update(answer)
    return details
