"""The cases' reference lists as every layer reads them: the category tree and the decline
reasons 不予受理原因 (their writer is `services.catalogue`). The pages, the API and the settings
pages format these; none of them queries the tables for a list itself."""

from __future__ import annotations

from collections.abc import Iterable

from kesu.cases.models import Category, DeclineReason
from kesu.core.trees import tree_order


def category_tree(*, active_only: bool = True) -> list[tuple[Category, int]]:
    """`(category, depth)` in display order, each with its parent read alongside (one query)."""
    rows = Category.objects.select_related("parent")
    if active_only:
        rows = rows.filter(is_active=True)
    return tree_order(rows)


def active_category_codes() -> list[str]:
    """The codes of the categories on offer (one query): what tells the industry apart."""
    return list(Category.objects.filter(is_active=True).values_list("code", flat=True))


def decline_reasons(*, active_only: bool = True) -> list[DeclineReason]:
    """Decline reasons in their sort order (one query)."""
    rows = DeclineReason.objects.all()
    if active_only:
        rows = rows.filter(is_active=True)
    return list(rows)


def decline_reason_names(codes: Iterable[str]) -> dict[str, str]:
    """What the decline reasons are called in the active language, by code (one query; none
    for no codes). Switched-off reasons keep their name: old cases still cite them."""
    wanted = set(codes)
    if not wanted:
        return {}
    return {reason.code: reason.name for reason in DeclineReason.objects.filter(code__in=wanted)}
