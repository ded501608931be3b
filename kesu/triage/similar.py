"""The same complaint again: an in-process index of recent cases' facts that finds the close ones
in milliseconds and sees a case registered a moment ago without any retraining.

Each process keeps hashed character 2–3-gram vectors (TF-IDF weighted, L2-normalised) of the
cases received in the last `KESU_TRIAGE_SIMILAR_DAYS` days, stored inverted (n-gram → cases), so
a query touches only the cases that share one of its n-grams, not the whole book. Every query
first reads the cases registered since the last one it saw (one indexed query on the primary
key) and appends them, so a case is found from the moment its registration committed. The
whole index is rebuilt every `REBUILD_SECONDS` (facts corrected since, idf refreshed). Hashing
needs no vocabulary, so new text never requires a refit.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp
from django.conf import settings
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from kesu.cases.models import Case, normalise_phone
from kesu.domain.triage_text import normalise, strip_repeat_prefix

REBUILD_SECONDS = 600
#: Fresh rows kept apart (cheap to append) before they are merged into the main matrix.
MERGE_AT = 2_000
#: Candidates read back for the visibility filter.
CANDIDATES = 200
#: Below this a case is not "the same complaint".
MIN_SCORE = 0.25
PHONE_BONUS = 0.15
ORDER_BONUS = 0.15
FIELDS = ("id", "number", "facts", "complainant_phone", "subject_order_number")

_VECTORIZER = HashingVectorizer(
    analyzer="char",
    ngram_range=(2, 3),
    n_features=2**20,
    alternate_sign=False,
    norm=None,
    preprocessor=lambda text: strip_repeat_prefix(normalise(text)),
    dtype=np.float32,
)


@dataclass
class Index:
    ids: list[int] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)
    #: n-grams × cases (the cases in `ids` order): a query reads only its own n-grams' rows.
    postings: sp.csr_matrix | None = None
    #: cases × n-grams, the rows appended since the last merge (few: a plain product is cheap).
    fresh: sp.csr_matrix | None = None
    fresh_count: int = 0
    idf: np.ndarray | None = None
    last_id: int = 0
    built_at: float = 0.0

    @property
    def size(self) -> int:
        return len(self.ids)


_index = Index()
_lock = threading.Lock()


def window_days() -> int:
    return int(getattr(settings, "KESU_TRIAGE_SIMILAR_DAYS", 365))


def _counts(texts: list[str]) -> sp.csr_matrix:
    matrix = _VECTORIZER.transform(texts)
    matrix.data = np.log1p(matrix.data)  # sublinear term frequency
    return matrix.tocsr()


def _weigh(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """TF-IDF rows, L2-normalised (idf applied entry by entry: no diagonal matrix)."""
    weighted = counts.astype(np.float32)
    weighted.data *= idf[weighted.indices]
    return normalize(weighted, copy=False)


def _rows(since_id: int, since: datetime | None) -> list[tuple[int, str, str, str, str]]:
    cases = Case.objects.filter(id__gt=since_id)
    if since is not None:
        cases = cases.filter(received_at__gte=since)
    return list(cases.order_by("id").values_list(*FIELDS))


def _rebuild(now: datetime) -> Index:
    rows = _rows(0, now - timedelta(days=window_days()))
    index = Index(built_at=time.monotonic())
    counts = _counts([r[2] for r in rows]) if rows else None
    if counts is not None:
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        index.idf = (np.log((len(rows) + 1) / (document_frequency + 1)) + 1).astype(np.float32)
        index.postings = _weigh(counts, index.idf).T.tocsr()
    _add_meta(index, rows)
    return index


def _add_meta(index: Index, rows: list[tuple[int, str, str, str, str]]) -> None:
    for case_id, number, _facts, phone, order in rows:
        index.ids.append(case_id)
        index.numbers.append(number)
        index.phones.append(normalise_phone(phone or ""))
        index.orders.append((order or "").strip().lower())
        index.last_id = max(index.last_id, case_id)


def _idf(index: Index) -> np.ndarray:
    if index.idf is None:  # an empty book: every n-gram equally rare
        index.idf = np.full(_VECTORIZER.n_features, 1 + math.log(2), dtype=np.float32)
    return index.idf


def _catch_up(index: Index) -> None:
    """Append the cases registered since the index last looked."""
    rows = _rows(index.last_id, None)
    if not rows:
        return
    weighted = _weigh(_counts([r[2] for r in rows]), _idf(index))
    index.fresh = weighted if index.fresh is None else sp.vstack([index.fresh, weighted]).tocsr()
    index.fresh_count += len(rows)
    _add_meta(index, rows)
    if index.fresh_count >= MERGE_AT:
        fresh = index.fresh.T.tocsr()
        index.postings = (
            fresh if index.postings is None else sp.hstack([index.postings, fresh]).tocsr()
        )
        index.fresh, index.fresh_count = None, 0


def current(now: datetime) -> Index:
    """The index, caught up with the database (rebuilt when old)."""
    global _index  # noqa: PLW0603 - one index per process, swapped whole under the lock
    with _lock:
        if not _index.built_at or time.monotonic() - _index.built_at > REBUILD_SECONDS:
            _index = _rebuild(now)
        _catch_up(_index)
        return _index


def reset() -> None:
    """Forget the index (tests; a flushed database)."""
    global _index  # noqa: PLW0603
    with _lock:
        _index = Index()


@dataclass(frozen=True)
class Match:
    case_id: int
    number: str
    score: float


def nearest(
    now: datetime,
    facts: str,
    *,
    phone: str = "",
    order: str = "",
    limit: int = CANDIDATES,
    exclude: str = "",
) -> list[Match]:
    """Cases closest to `facts` (cosine of the n-gram vectors), raised when the phone or the
    order number is the same; best first, at most `limit`, all of them (no visibility yet)."""
    index = current(now)
    if not index.size or not normalise(facts):
        return []
    query = _weigh(_counts([facts]), _idf(index))
    parts = []
    if index.postings is not None:  # sparse × sparse: only the postings of the query's n-grams
        parts.append((query @ index.postings).toarray().ravel())
    if index.fresh is not None:
        parts.append((index.fresh @ query.T).toarray().ravel())
    scores = np.concatenate(parts)
    phone_key = normalise_phone(phone)
    order_key = order.strip().lower()
    if phone_key or order_key:
        scores = scores.copy()
        if phone_key:
            scores += PHONE_BONUS * (np.asarray(index.phones, dtype=object) == phone_key)
        if order_key:
            scores += ORDER_BONUS * (np.asarray(index.orders, dtype=object) == order_key)
    count = min(limit, len(scores))
    top = np.argpartition(-scores, count - 1)[:count]
    top = top[np.argsort(-scores[top])]
    return [
        Match(index.ids[i], index.numbers[i], round(min(float(scores[i]), 1.0), 4))
        for i in top
        if scores[i] >= MIN_SCORE and index.numbers[i] != exclude
    ]
