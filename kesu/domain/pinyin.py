"""Search keys for Chinese names: full pinyin and initials, so an agent on the phone finds
产品质量 by typing "cpzl", "chanpin" or "质量" without switching the input method."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def _compact(text: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", text.lower())


@dataclass(frozen=True)
class SearchKeys:
    """What a name is found by: itself, its full pinyin ("chanpinzhiliang") and its initials
    ("cpzl"); letters and digits in the name are kept as they are, lower-cased."""

    name: str
    full: str
    initials: str


@lru_cache(maxsize=4096)
def search_keys(name: str) -> SearchKeys:
    """The pinyin keys of `name`, computed once per process (the dictionary look-up and phrase
    segmentation are the slow part; category names change rarely)."""
    full = _compact("".join(lazy_pinyin(name, errors="default")))
    initials = _compact("".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")))
    return SearchKeys(name=name, full=full, initials=initials)


def matches(query: str, keys: SearchKeys) -> bool:
    """Whether a typed `query` finds the name: a piece of the name itself (Chinese or any
    text), or a piece of its full pinyin or of its initials. An empty query finds everything.
    The workspace's picker (kesu.js) applies the same rule to the keys it is given."""
    text = query.strip().lower()
    if not text or text in keys.name.lower():
        return True
    compact = _compact(text)
    return bool(compact) and (compact in keys.full or compact in keys.initials)
