"""Seed-derived presets: category trees, coded terms and deadline policies to adopt."""

# Every entry names the seed (../shared/seeds/000…004) and section it comes from. Seed 004 is a
# compilation of several rulebooks (an insurer, telecom operators, the MIIT rule, a property
# manager, a hotel, a tobacco bureau, a car maker, a manufacturer, whistleblowing rules); its
# sources name the rulebook inside it. Where a seed leaves a value open, the value is the
# platform's choice and `source` says so. The presets are a catalogue: entries taken from
# different rulebooks may cover the same (kind, severity, category) and are not meant to be
# active in one organisation at the same time.

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kesu.domain.clocks import PolicyRules
from kesu.domain.vocabulary import CaseKind, Channel, Severity

__all__ = ["CategoryNode", "CategoryPreset", "DeadlinePolicyPreset", "Term"]


@dataclass(frozen=True)
class Term:
    """A coded vocabulary entry."""

    code: str  # stable ASCII snake_case id, unique within its tuple
    name_zh: str  # label as the seed writes it (simplified Chinese)
    name_en: str
    source: str  # where the rule comes from


@dataclass(frozen=True)
class CategoryNode:
    code: str  # ASCII snake_case, unique within the whole preset
    name_zh: str
    name_en: str
    children: tuple[CategoryNode, ...] = ()


@dataclass(frozen=True)
class CategoryPreset:
    key: str
    name_zh: str
    name_en: str
    source: str
    roots: tuple[CategoryNode, ...]


@dataclass(frozen=True)
class DeadlinePolicyPreset:
    code: str
    name_zh: str
    name_en: str
    source: str
    kind: CaseKind | None  # None = any kind
    severity: Severity | None  # None = any severity
    category_code: str | None  # None = any category
    rules: PolicyRules  # every clock: how long, from which event, pauses, extensions
    channel: Channel | None = None  # None = any channel (e.g. REGULATOR for 12315 transfers)


def iter_category_codes(preset: CategoryPreset) -> Iterator[tuple[str, str | None]]:
    """Yield (code, parent_code) for every node of the preset, depth-first, parents first."""

    def walk(node: CategoryNode, parent: str | None) -> Iterator[tuple[str, str | None]]:
        yield node.code, parent
        for child in node.children:
            yield from walk(child, node.code)

    for root in preset.roots:
        yield from walk(root, None)
