"""Checking the history chain and the daily anchors (issue 20 part 4). Read only: the anchors
are written by `kesu.cases.services.anchors`.

One streaming pass over all history rows in (case, seq) order (chunked iterator, so it runs in
constant memory at a million rows) recomputes each row's digest from its fields and the previous
row's, and feeds each row's digest into the hash of its local day; then every stored anchor is
compared with the recomputed one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kesu.cases import chain
from kesu.cases.models import CaseEvent, HistoryAnchor
from kesu.core.clock import local_date

CHUNK = 2000
FIELDS = (
    "id", "case_id", "case__number", "seq", "at", "actor_id", "on_behalf_of_id", "acting_role",
    "action", "from_state", "to_state", "changes", "data", "note", "digest",
)  # fmt: skip


@dataclass
class Report:
    """What `verify` found: the broken cases (number → first broken position and why) and the
    anchors that no longer match."""

    cases: int = 0
    events: int = 0
    broken: dict[str, str] = field(default_factory=dict)
    anchors: int = 0
    broken_anchors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.broken_anchors


@dataclass
class _Row:
    case_id: int
    seq: int
    at: Any
    actor_id: int
    on_behalf_of_id: int | None
    acting_role: str
    action: str
    from_state: str
    to_state: str
    changes: Any
    data: Any
    note: str


def _rows() -> Iterator[dict[str, Any]]:
    return CaseEvent.objects.order_by("case_id", "seq", "id").values(*FIELDS).iterator(CHUNK)


def verify() -> Report:
    """Recompute every chain and every anchor."""
    report = Report()
    days: dict[date, chain.DayHash] = defaultdict(chain.DayHash)
    case_id, expected_seq, previous, number = None, 1, chain.GENESIS, ""
    for row in _rows():
        if row["case_id"] != case_id:
            case_id, expected_seq, previous = row["case_id"], 1, chain.GENESIS
            number = row["case__number"]
            report.cases += 1
        report.events += 1
        values = {name: row[name] for name in _Row.__dataclass_fields__}
        computed = chain.digest(chain.link_of(_Row(**values), number), previous)
        if number not in report.broken:
            if row["seq"] != expected_seq:
                report.broken[number] = f"position {expected_seq} missing (found {row['seq']})"
            elif computed != row["digest"]:
                report.broken[number] = f"row {row['seq']} (id {row['id']}) does not match"
        days[local_date(row["at"])].add(row["case_id"], row["seq"], row["digest"])
        expected_seq, previous = row["seq"] + 1, row["digest"]
    previous_anchor = chain.GENESIS
    for anchor in HistoryAnchor.objects.order_by("day").iterator(CHUNK):
        report.anchors += 1
        recomputed = days.get(anchor.day, chain.DayHash())
        if (
            anchor.previous != previous_anchor
            or recomputed.anchor(anchor.day, anchor.previous) != anchor.digest
        ):
            report.broken_anchors.append(anchor.day.isoformat())
        previous_anchor = anchor.digest
    return report
