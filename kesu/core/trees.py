"""Ordering rows of a tree (departments, categories) for display: parents before children,
siblings by `sort_order` then name — not by the text of their paths, where "/1/10/" sorts
before "/1/2/"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Node(Protocol):
    pk: int | None
    parent_id: int | None
    sort_order: int

    def __str__(self) -> str: ...


N = TypeVar("N", bound=Node)


def tree_order(rows: Iterable[N]) -> list[tuple[N, int]]:
    """`(row, depth)` pairs in display order; rows whose parent is missing count as roots."""
    items = list(rows)
    present = {row.pk for row in items}
    children: dict[int | None, list[N]] = defaultdict(list)
    for row in items:
        children[row.parent_id if row.parent_id in present else None].append(row)
    ordered: list[tuple[N, int]] = []

    def walk(siblings: Sequence[N], depth: int) -> None:
        for row in sorted(siblings, key=lambda r: (r.sort_order, str(r))):
            ordered.append((row, depth))
            walk(children.get(row.pk, []), depth + 1)

    walk(children[None], 0)
    return ordered


def parent_would_cycle(node_path: str, parent_path: str | None) -> bool:
    """Whether putting a node (with materialised `node_path`) under `parent_path` makes a loop."""
    return bool(parent_path) and node_path != "/" and parent_path.startswith(node_path)
