"""Writers of the cases' reference data: category trees and decline reasons from seed presets."""

from __future__ import annotations

from django.db import transaction

from kesu.cases.models import Category, DeclineReason
from kesu.domain.presets import CategoryNode
from kesu.domain.presets.categories import find_category_preset
from kesu.domain.presets.terms import DECLINE_REASONS


@transaction.atomic
def load_category_preset(key: str) -> int:
    """Create or update the categories of preset `key`; returns how many nodes it has.

    Idempotent: codes are the identity, names and parents follow the preset, nothing is
    deleted (a category in use stays; an administrator may deactivate it).
    """
    preset = find_category_preset(key)
    count = 0

    def place(node: CategoryNode, parent: Category | None, order: int) -> None:
        nonlocal count
        category, _created = Category.objects.update_or_create(
            code=node.code,
            defaults={
                "name_zh": node.name_zh,
                "name_en": node.name_en,
                "parent": parent,
                "sort_order": order,
            },
        )
        path = f"{parent.path if parent else '/'}{category.pk}/"
        if category.path != path:
            category.path = path
            category.save(update_fields=["path"])
        count += 1
        for index, child in enumerate(node.children):
            place(child, category, index)

    for index, root in enumerate(preset.roots):
        place(root, None, index)
    return count


@transaction.atomic
def load_decline_reasons() -> int:
    for index, term in enumerate(DECLINE_REASONS):
        DeclineReason.objects.update_or_create(
            code=term.code,
            defaults={"name_zh": term.name_zh, "name_en": term.name_en, "sort_order": index},
        )
    return len(DECLINE_REASONS)
