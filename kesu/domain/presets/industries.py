"""Industry wording of the registration form (D6): whose relation the caller states, what the
reference number is called, and which 重大投诉 criteria are offered. The stored codes are the
same everywhere (`terms.RELATIONS`, `terms.MAJOR_CRITERIA`); an industry only picks the ones
that make sense to its agents, so an appliance maker sees 购买人/订单号 and no airbag or
engine-assembly criteria, and an insurer still sees 投保人/保单号."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kesu.domain.presets.categories import CATEGORY_PRESETS
from kesu.domain.presets.terms import MAJOR_CRITERIA, RELATIONS


@dataclass(frozen=True)
class Industry:
    key: str
    relation_label_zh: str
    relation_label_en: str
    order_label_zh: str
    order_label_en: str
    relations: tuple[str, ...]  # codes offered, in the order of `terms.RELATIONS`
    major_criteria: tuple[str, ...]  # codes offered, in the order of `terms.MAJOR_CRITERIA`


_FAMILY = ("self", "spouse", "child", "parent", "other_relative")
#: Criteria that read right in any organisation (no cars, no hotel guests, no insurance terms).
_COMMON_CRITERIA = (
    "group_complaint", "mainstream_media", "government_petition", "serious_injury",
    "major_negative_impact", "public_body_involved", "legal_action", "breach_of_law",
    "written_answer_demand", "key_control",
)  # fmt: skip
_ALL_RELATIONS = tuple(term.code for term in RELATIONS)
_ALL_CRITERIA = tuple(term.code for term in MAJOR_CRITERIA)


def _ordered(codes: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    wanted = set(codes)
    return tuple(code for code in order if code in wanted)


GENERIC = Industry(
    "generic", "关系", "Relation", "订单号/保单号", "Order / policy number",
    _ALL_RELATIONS, _ALL_CRITERIA,
)  # fmt: skip
GOODS = Industry(
    "goods", "与购买人关系", "Relation to the buyer", "订单号", "Order number",
    _ordered((*_FAMILY, "authorised_representative", "sales_staff_on_behalf", "other"),
             _ALL_RELATIONS),
    _ordered((*_COMMON_CRITERIA, "replacement_or_damages_demand", "repeated_repair",
              "door_blocking"), _ALL_CRITERIA),
)  # fmt: skip
INSURANCE = Industry(
    "insurance", "与投保人关系", "Relation to the policy holder", "保单号", "Policy number",
    _ALL_RELATIONS,
    _ordered(_COMMON_CRITERIA, _ALL_CRITERIA),
)  # fmt: skip
AUTOMOTIVE = Industry(
    "automotive", "与车主关系", "Relation to the vehicle owner", "订单号/车架号",
    "Order / VIN number",
    _ordered((*_FAMILY, "authorised_representative", "sales_staff_on_behalf", "other"),
             _ALL_RELATIONS),
    _ordered((*_COMMON_CRITERIA, "fire_or_accident", "airbag", "safety_critical_part",
              "replacement_demand", "refund_demand", "major_assembly_demand",
              "replacement_or_damages_demand", "repeated_repair", "door_blocking"),
             _ALL_CRITERIA),
)  # fmt: skip
PROPERTY = Industry(
    "property", "与业主关系", "Relation to the owner", "房号/合同号", "Unit / contract number",
    _ordered((*_FAMILY, "authorised_representative", "other"), _ALL_RELATIONS),
    _ordered((*_COMMON_CRITERIA, "door_blocking"), _ALL_CRITERIA),
)  # fmt: skip
HOSPITALITY = Industry(
    "hospitality", "与客人关系", "Relation to the guest", "订单号", "Booking number",
    _ordered((*_FAMILY, "authorised_representative", "other"), _ALL_RELATIONS),
    _ordered((*_COMMON_CRITERIA, "serious_fault_with_loss"), _ALL_CRITERIA),
)  # fmt: skip

INDUSTRIES: dict[str, Industry] = {
    i.key: i for i in (GENERIC, GOODS, INSURANCE, AUTOMOTIVE, PROPERTY, HOSPITALITY)
}
#: The industry a category preset belongs to (tobacco licensing has no buyer: generic).
PRESET_INDUSTRY: dict[str, str] = {
    "manufacturing": "goods",
    "retail": "goods",
    "dealer": "goods",
    "service_quality": "goods",
    "property": "property",
    "insurance": "insurance",
}


def _preset_codes() -> dict[str, frozenset[str]]:
    codes: dict[str, frozenset[str]] = {}
    for preset in CATEGORY_PRESETS:
        found: set[str] = set()
        stack = list(preset.roots)
        while stack:
            node = stack.pop()
            found.add(node.code)
            stack.extend(node.children)
        codes[preset.key] = frozenset(found)
    return codes


_PRESET_CODES = _preset_codes()


def industry_for(category_codes: Iterable[str], configured: str = "") -> Industry:
    """The organisation's industry: the configured one if it names a profile, else the one of
    the category preset that covers most of its active categories (generic when none does, or
    when two presets tie)."""
    if configured in INDUSTRIES:
        return INDUSTRIES[configured]
    present = frozenset(category_codes)
    scores = sorted(
        ((len(present & codes), key) for key, codes in _PRESET_CODES.items()), reverse=True
    )
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return GENERIC
    return INDUSTRIES[PRESET_INDUSTRY.get(scores[0][1], "generic")]
