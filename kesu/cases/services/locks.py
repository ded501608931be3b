"""The order every writer of a case's history keeps: the case row first, then the row that
hangs off it (a finding, a visit, a task).

A history row takes the next `seq` after its case's last row (`events.record_event`). Two
writers that both hold the case row take turns; a writer that locked only its own child row
reads the same head as one holding the case, and the second insert is refused by the unique
(case, seq) constraint. Locking the case first also keeps one order for everyone, so two
writers never wait for each other in a circle."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from kesu.cases.models import Case

M = TypeVar("M", bound=Model)


def lock_case(case_id: int, *, skip_locked: bool = False) -> bool:
    """Lock the case row for the caller's transaction; False when it does not exist (or, with
    `skip_locked`, when someone else holds it)."""
    found = (
        Case.objects.select_for_update(skip_locked=skip_locked, of=("self",))
        .filter(pk=case_id)
        .values_list("pk", flat=True)
    )
    return bool(list(found))


def case_then(rows: QuerySet[M], pk: Any, *, skip_locked: bool = False) -> M | None:
    """Row `pk` of `rows` (a model with a `case`), locked after its case; None when there is no
    such row (or, with `skip_locked`, when its case is held by someone else)."""
    case_id = rows.model._default_manager.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None or not lock_case(case_id, skip_locked=skip_locked):
        return None
    return rows.select_for_update(of=("self",)).filter(pk=pk).first()


def lock_free_cases(case_ids: Iterable[int]) -> set[int]:
    """Of these cases, lock those nobody holds and return their ids (a sweep's batch: the held
    ones are left for its next run)."""
    ids = set(case_ids)
    if not ids:
        return set()
    return set(
        Case.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
