"""Writers of the cases' reference data: category trees, decline reasons and the deadline policy
presets bound to them, from the seeds."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Category, DeclineReason
from kesu.core.errors import ServiceError
from kesu.core.trees import parent_would_cycle
from kesu.deadlines import presets as policy_presets
from kesu.domain.presets import CategoryNode
from kesu.domain.presets.categories import find_category_preset
from kesu.domain.presets.decline_texts import DECLINE_CUSTOMER_TEXTS
from kesu.domain.presets.terms import DECLINE_REASONS


@transaction.atomic
def save_category(category: Category) -> Category:
    """Save a category and keep the tree paths right: its own and everything below it."""
    if category.parent is not None and parent_would_cycle(category.path, category.parent.path):
        raise ServiceError("category_cycle", _("A category cannot be moved under itself."))
    old_path = category.path
    category.save()
    new_path = f"{category.parent.path if category.parent else '/'}{category.pk}/"
    if new_path != old_path:
        category.path = new_path
        category.save(update_fields=["path"])
        if old_path != "/":
            for child in Category.objects.filter(path__startswith=old_path).exclude(pk=category.pk):
                child.path = new_path + child.path[len(old_path) :]
                child.save(update_fields=["path"])
    return category


@transaction.atomic
def load_category_preset(key: str) -> int:
    """Add the categories of preset `key` that are missing; returns how many were added.

    Safe to re-run: a category that exists (by code) is left exactly as an administrator
    may have renamed, moved or deactivated it.
    """
    preset = find_category_preset(key)
    existing = {c.code: c for c in Category.objects.all()}
    added = 0

    def place(node: CategoryNode, parent: Category | None, order: int) -> None:
        nonlocal added
        category = existing.get(node.code)
        if category is None:
            category = save_category(
                Category(
                    code=node.code,
                    name_zh=node.name_zh,
                    name_en=node.name_en,
                    parent=parent,
                    sort_order=order,
                )
            )
            added += 1
        for index, child in enumerate(node.children):
            place(child, category, index)

    for index, root in enumerate(preset.roots):
        place(root, None, index)
    return added


@transaction.atomic
def load_decline_reasons() -> int:
    """Add the seed decline reasons that are missing (edited ones stay as they are), and the
    customer texts a seed reason lacks; return how many reasons were added."""
    existing = set(DeclineReason.objects.values_list("code", flat=True))
    missing = [
        DeclineReason(code=term.code, name_zh=term.name_zh, name_en=term.name_en, sort_order=index)
        for index, term in enumerate(DECLINE_REASONS)
        if term.code not in existing
    ]
    DeclineReason.objects.bulk_create(missing)
    fill_decline_customer_texts()
    return len(missing)


def load_policy_presets() -> int:
    """The seeds' deadline policies, each bound to its category where that category is loaded."""
    return policy_presets.load_policy_presets(
        categories=dict(Category.objects.values_list("code", "pk"))
    )
def fill_decline_customer_texts(model: Any = None) -> int:
    """Give the seed reasons whose customer text is empty the preset one (a text an
    administrator wrote is kept); return how many texts were filled. `model` is a migration's
    historical model (the live one when omitted)."""
    model = model or DeclineReason
    filled = 0
    for reason in model.objects.filter(code__in=list(DECLINE_CUSTOMER_TEXTS)):
        chinese, english = DECLINE_CUSTOMER_TEXTS[reason.code]
        changed = []
        if not reason.customer_text_zh.strip():
            reason.customer_text_zh, changed = chinese, [*changed, "customer_text_zh"]
        if not reason.customer_text_en.strip():
            reason.customer_text_en, changed = english, [*changed, "customer_text_en"]
        if changed:
            reason.save(update_fields=changed)
            filled += 1
    return filled
