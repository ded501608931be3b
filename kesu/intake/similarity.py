"""Whether two complaints are about the same issue: jieba's words of triage's normal form
(punctuation, width and case folded, a leading 「我再反映一次」 dropped), compared as word sets
by rapidfuzz (`token_set_ratio`, 0–100). A reworded complaint about the same fault scores
about 45–85 against each other (and above 50 against at least one earlier one), a different
fault on the same product 25–40 (tests/intake/test_similarity.py
holds hand-written rewordings). The product's own words are left out of the comparison."""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba
from django.conf import settings
from rapidfuzz import fuzz

from kesu.domain.triage_text import normalise, strip_repeat_prefix

jieba.setLogLevel(logging.WARNING)

#: Words that say nothing about the issue (particles, pronouns, intensifiers).
_STOP = (
    "的 了 我 你 他 她 在 是 有 和 就 也 都 很 非常 太 特别 还 给 一个 到 吗 呢 吧 啊 这 那 "
    "我们 你们 他们 要求 希望 请 一直 已经 现在 时候 因为 所以 但是 而且 然后"
)
STOP_WORDS = frozenset(_STOP.split())
DEFAULT_THRESHOLD = 50


def threshold() -> int:
    """The score from which two complaints are the same issue (`KESU_INTAKE_SIMILARITY`)."""
    return int(getattr(settings, "KESU_INTAKE_SIMILARITY", DEFAULT_THRESHOLD))


@lru_cache(maxsize=4096)
def words(text: str) -> str:
    """The issue's words, space-separated, in the order they were said."""
    folded = strip_repeat_prefix(normalise(text))
    return " ".join(w for w in jieba.lcut(folded) if w.strip() and w not in STOP_WORDS)


def score(first: str, second: str, *, subject: str = "") -> int:
    """0–100: how much the two texts say the same thing. The words of `subject` (the product
    both are about) are left out: every complaint about an air conditioner says 空调."""
    ignore = set(words(subject).split()) if subject else set()
    a = " ".join(w for w in words(first).split() if w not in ignore)
    b = " ".join(w for w in words(second).split() if w not in ignore)
    if not a or not b:
        return 0
    return round(fuzz.token_set_ratio(a, b))


def subject_key(text: str) -> str:
    """A product, order or address as compared (width, case, spaces and punctuation folded)."""
    return normalise(text)[:200]
