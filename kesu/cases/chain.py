"""The hash chain over the case history (issue 20 part 4;
docs/decisions/0004-history-chain-and-access-log.md).

Every history row carries `digest` = SHA-256 over the canonical form of its immutable fields and
the previous row's digest of the same case (`seq` 1, 2, 3 …; the first row links to ""). A change
made below the application — raw SQL after dropping the guard triggers, a restored backup, an
administrator's slip — breaks the chain at the changed row, and `manage.py verify_history`
names the case. Deleting a case's last rows leaves a valid but shorter chain; the daily anchor
(`HistoryAnchor`: SHA-256 over the digests of every row of a local day, chained day to day)
catches that.

The functions here take plain values, so the data migration that chains rows written before the
chain existed computes exactly what `record_event` computes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

#: The digest the first row of a case links to, and the first anchor's "previous".
GENESIS = ""


@dataclass(frozen=True)
class Link:
    """The fields a history row is hashed over (what never changes once written)."""

    case_id: int
    number: str
    seq: int
    at: datetime
    actor_id: int
    on_behalf_of_id: int | None
    acting_role: str
    action: str
    from_state: str
    to_state: str
    changes: Any
    data: Any
    note: str


def canonical(link: Link, previous: str) -> bytes:
    """One byte string per row: JSON with sorted keys, the time in UTC ISO 8601 (microseconds),
    so the same row read back from SQLite or PostgreSQL gives the same bytes."""
    record = {
        "case": link.case_id,
        "number": link.number,
        "seq": link.seq,
        "at": link.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": link.actor_id,
        "on_behalf_of": link.on_behalf_of_id,
        "role": link.acting_role,
        "action": link.action,
        "from": link.from_state,
        "to": link.to_state,
        "changes": link.changes,
        "data": link.data,
        "note": link.note,
        "previous": previous,
    }
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(link: Link, previous: str) -> str:
    return hashlib.sha256(canonical(link, previous)).hexdigest()


def link_of(row: Any, number: str) -> Link:
    """The `Link` of a `CaseEvent` (or a historical model's row in a migration)."""
    return Link(
        case_id=row.case_id,
        number=number,
        seq=row.seq,
        at=row.at,
        actor_id=row.actor_id,
        on_behalf_of_id=row.on_behalf_of_id,
        acting_role=row.acting_role,
        action=row.action,
        from_state=row.from_state,
        to_state=row.to_state,
        changes=row.changes,
        data=row.data,
        note=row.note,
    )


class DayHash:
    """The running hash of one day's rows, fed in (case, seq) order."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.events = 0

    def add(self, case_id: int, seq: int, row_digest: str) -> None:
        self._hash.update(f"{case_id}:{seq}:{row_digest}\n".encode())
        self.events += 1

    def anchor(self, day: date, previous: str) -> str:
        """The day's anchor digest, chained over the previous day's."""
        tail = f"{day.isoformat()}|{self.events}|{previous}|".encode()
        return hashlib.sha256(tail + self._hash.digest()).hexdigest()
