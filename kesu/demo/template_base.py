"""Shared pieces of the demo templates: product families, the Template record, shorthands.

Complaint templates for the demo organisation: facts and demands as a hotline agent records them.

Placeholders ({product}, {days}, {date}, {amount}, {store}, {staff}, {count}) are filled by
`kesu.demo.corpus.make_case_fields`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kesu.domain.vocabulary import CaseKind, Severity

# Product families, so a template only meets products it makes sense for.
AC = "ac"  # 空调
FRIDGE = "fridge"  # 冰箱、冷柜
WASHER = "washer"  # 洗衣机、干衣机
HEATER = "heater"  # 电热水器、空气能热水器
GAS_HEATER = "gas_heater"  # 燃气热水器
HOOD = "hood"  # 油烟机、燃气灶、集成灶
TV = "tv"  # 电视
KITCHEN = "kitchen"  # 厨房小家电

# Everything that is installed or repaired in the home rather than carried to a shop.
LARGE: tuple[str, ...] = (AC, FRIDGE, WASHER, HEATER, GAS_HEATER, HOOD, TV)


@dataclass(frozen=True)
class Template:
    """One kind of case, as a hotline agent records it.

    `facts` and `demand` (客户要求) may use the placeholders {product}, {days}, {date} (purchase
    or installation date), {amount} (price paid, yuan), {store} (where it was bought), {staff}
    (an employee, e.g. 王师傅) and {count} (number of complainants). `families` limits the
    products the template is used with (empty: any product); `max_age` bounds the days between
    purchase and the case; `in_store` asks for a bricks-and-mortar {store}, not an online shop.
    """

    category_code: str
    kind: CaseKind
    severity: Severity
    facts: str
    demand: str
    major_criteria: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    max_age: int = 900
    in_store: bool = False


_COMPLAINT = CaseKind.COMPLAINT
_ENQUIRY = CaseKind.ENQUIRY
_FAULT = CaseKind.FAULT_REPORT
_SUGGESTION = CaseKind.SUGGESTION
_PRAISE = CaseKind.PRAISE
_MINOR = Severity.MINOR
_GENERAL = Severity.GENERAL
_MAJOR = Severity.MAJOR
