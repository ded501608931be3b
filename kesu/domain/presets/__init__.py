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

from kesu.domain.deadlines import ClockRule
from kesu.domain.vocabulary import CaseKind, Channel, Role, Severity

__all__ = ["CategoryNode", "CategoryPreset", "ClockRule", "DeadlinePolicyPreset", "Term"]


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
    acceptance: ClockRule  # acceptance decision, counted from received time
    first_contact: ClockRule  # first contact with the customer, counted from acceptance
    resolution: ClockRule  # answer / handling plan to the customer, counted from acceptance
    channel: Channel | None = None  # None = any channel (e.g. REGULATOR for 12315 transfers)
    max_extension: ClockRule | None = None  # how far one extension may push the resolution
    extension_approver: Role | None = None  # the lowest role that may approve an extension
    pause_reasons: tuple[str, ...] = ()  # what stops the clock; empty = every reason
    investigation: ClockRule | None = None  # findings recorded, counted from acceptance
    return_visit: ClockRule | None = None  # customer re-contacted to confirm, from the answer


def iter_category_codes(preset: CategoryPreset) -> Iterator[tuple[str, str | None]]:
    """Yield (code, parent_code) for every node of the preset, depth-first, parents first."""

    def walk(node: CategoryNode, parent: str | None) -> Iterator[tuple[str, str | None]]:
        yield node.code, parent
        for child in node.children:
            yield from walk(child, node.code)

    for root in preset.roots:
        yield from walk(root, None)
