"""Reads for imports: the lists a row is checked against, what was imported before, and the
import facts a case page shows."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kesu.cases.models import Case, Category
from kesu.imports.models import ImportBatch, ImportedCase
from kesu.imports.readers import Table, open_table
from kesu.org.models import Department

CHUNK = 1000


def import_lookups() -> tuple[dict[str, tuple[str, int]], dict[str, int]]:
    """Active categories by code, Chinese and English name (→ code, id), and active
    departments by code and name (→ id). Codes win over a name another row happens to have."""
    categories: dict[str, tuple[str, int]] = {}
    rows = Category.objects.filter(is_active=True).values_list("pk", "code", "name_zh", "name_en")
    for pk, code, name_zh, name_en in rows:
        for key in (name_en, name_zh):
            if key:
                categories.setdefault(key, (code, pk))
    for pk, code, _zh, _en in rows:
        categories[code] = (code, pk)
    departments: dict[str, int] = {}
    known = Department.objects.filter(is_active=True).values_list("pk", "code", "name")
    for pk, _code, name in known:
        departments.setdefault(name, pk)
    for pk, code, _name in known:
        departments[code] = pk
    return categories, departments


def already_imported(source: str, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (regulator, reference) pairs were imported before (a query per thousand)."""
    pending = list(keys)
    found: set[tuple[str, str]] = set()
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start : start + CHUNK]
        found.update(
            ImportedCase.objects.filter(
                source=source, reference__in={reference for _r, reference in chunk}
            ).values_list("regulator", "reference")
        )
    return found & set(pending)


def imported_facts(case: Case) -> ImportedCase | None:
    """The import record of a case (None for a case registered here)."""
    return ImportedCase.objects.filter(case=case).select_related("batch").first()


def batch_for(pk: int, user_id: int) -> ImportBatch | None:
    """An upload of this user waiting to be imported (others' uploads are not shown)."""
    return ImportBatch.objects.filter(pk=pk, uploaded_by_id=user_id).first()


def recent_batches(limit: int = 20) -> list[ImportBatch]:
    return list(ImportBatch.objects.select_related("uploaded_by").order_by("-uploaded_at")[:limit])


def batch_table(batch: ImportBatch) -> Table:
    """The uploaded file of `batch` as a table (raises `UnreadableFile`)."""
    return open_table(Path(batch.file.path), batch.file_name)
