"""Reads of personal data on record (issue 20 part 3): opening a case's unmasked personal data,
downloading or previewing evidence, printing, exporting and unsealing each write one
`AccessRecord` — who, what, when, why where asked. One INSERT, no read: the cost of a page.

The record holds no personal data itself (the case, the kind of read, a file or form name and
the reason the reader gave), so retention never has to touch it and it stays append-only.
"""

from __future__ import annotations

from datetime import datetime

from kesu.cases.models import AccessRecord, Case
from kesu.org.access import Authority

WHAT = (
    AccessRecord.VIEW,
    AccessRecord.DOWNLOAD,
    AccessRecord.PRINT,
    AccessRecord.EXPORT,
    AccessRecord.UNSEAL,
)


def record_access(
    authority: Authority, case: Case, what: str, *, now: datetime, detail: str = "", why: str = ""
) -> AccessRecord:
    """Put one read of `case`'s personal data on record."""
    if what not in WHAT:
        raise ValueError(f"unknown access kind {what!r}")
    return AccessRecord.objects.create(
        case_id=case.pk,
        actor_id=authority.user.pk,
        at=now,
        what=what,
        detail=detail[:200],
        why=why[:200],
    )


def record_personal_view(
    authority: Authority, case: Case, *, now: datetime, detail: str = ""
) -> None:
    """A case shown with its personal data unmasked is on record; a masked view is not."""
    if authority.sees_personal_data and case.personal_data_masked_at is None:
        record_access(authority, case, AccessRecord.VIEW, now=now, detail=detail)


def record_exports(
    authority: Authority, case_ids: list[int], *, now: datetime, detail: str = ""
) -> None:
    """Each case written to an export file is on record as an EXPORT read (one INSERT per
    thousand cases)."""
    AccessRecord.objects.bulk_create(
        [
            AccessRecord(
                case_id=pk, actor_id=authority.user.pk, at=now, what=AccessRecord.EXPORT,
                detail=detail[:200],
            )
            for pk in case_ids
        ],
        batch_size=1000,
    )
