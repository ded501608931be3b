"""How Kesu writes values for people, in the active language: money, long dates, preset terms and
punctuation. Shared by the workspace, the settings pages and printed forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import get_language

from kesu.core.clock import local
from kesu.domain.presets import Term

#: The seeds write some terms with half-width marks ("五人(含五人)以上"); Chinese text takes
#: full-width ones.
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "："})


def term_name(term: Term) -> str:
    """A preset term in the active language (Chinese unless English is chosen)."""
    return bilingual(term.name_zh, term.name_en)


def bilingual(chinese: str, english: str) -> str:
    """The English text when English is chosen (and there is one), else the Chinese with
    full-width punctuation."""
    if is_english() and english:
        return english
    return chinese.translate(_FULL_WIDTH)


def yuan(amount: Decimal | None) -> str:
    """¥1,234.00 — how a Chinese office writes an amount of money (and an English reader
    reads it: the same in both languages)."""
    return "" if amount is None else f"¥{amount:,.2f}"


def is_english() -> bool:
    return (get_language() or "zh-hans").startswith("en")


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_date(value: date | datetime | None) -> str:
    """A day as read out to a customer: 2026年12月1日 in Chinese, 1 Dec 2026 in English (not
    Django's American "Dec. 1, 2026"). A moment is taken on the local calendar."""
    if value is None:
        return ""
    day = local(value).date() if isinstance(value, datetime) else value
    if is_english():
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Punctuation:
    """Chinese text takes full-width marks (王丽（3人）；负责部门：售后); English takes its own
    ("Wang Li (3 people); Department: …"), so the page reads naturally in both."""

    open: str
    close: str
    colon: str
    separator: str
    enumeration: str


CHINESE_PUNCTUATION = Punctuation("（", "）", "：", "；", "、")
ENGLISH_PUNCTUATION = Punctuation(" (", ")", ": ", "; ", ", ")


def punctuation() -> Punctuation:
    """The marks of the active language."""
    return ENGLISH_PUNCTUATION if is_english() else CHINESE_PUNCTUATION
