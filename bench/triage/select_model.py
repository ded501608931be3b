"""Choosing the category model without looking at the EVAL pool (bench/TRIAGE.md, section 1).

Leave-patterns-out inside the TRAIN pool: its sentence patterns and frames are split into two
disjoint halves (even / odd, `generate.make(half=…)`); each candidate is trained on 2,400 texts
of one half and validated on 800 texts of the other, both ways, and the mean is its score. The
validation texts share no sentence pattern with the training texts — the same relation the EVAL
pool has to the TRAIN pool — so this estimates how a model carries over to phrasings it never
saw. The EVAL pool is not generated here.

    .venv/bin/python bench/triage/select_model.py        # prints a Markdown table
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import jieba
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import f1_score
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from bench.triage.generate import dataset
from kesu.triage import engine

jieba.setLogLevel(logging.WARNING)

#: The candidate the selection picked (best macro-F1 inside the TRAIN pool; bench/TRIAGE.md).
SELECTED = "M"
PER_CATEGORY = 300
VALIDATE_PER_CATEGORY = 100


def words(text: str) -> list[str]:
    """jieba's words of a prepared text (its shipped dictionary; nothing downloaded)."""
    return jieba.lcut(text)


def word_grams() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word", tokenizer=words, token_pattern=None, lowercase=False,
        ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=200_000,
        preprocessor=engine.prepare, dtype=np.float32,
    )  # fmt: skip


def union() -> FeatureUnion:
    return FeatureUnion([("chars", engine.char_grams()), ("words", word_grams())])


CANDIDATES: dict[str, Callable[[], Pipeline]] = {
    "A. char 1–3 + LinearSVC C=0.5 (the model before)": engine.make_pipeline,
    "B. char 1–3 + LogisticRegression C=10": lambda: Pipeline(
        [("f", engine.char_grams()), ("m", LogisticRegression(C=10, max_iter=1000))]
    ),
    "C. jieba word 1–2 + LinearSVC C=0.5": lambda: Pipeline(
        [("f", word_grams()), ("m", LinearSVC(C=0.5, class_weight="balanced"))]
    ),
    "D. char 1–3 ∪ word 1–2 + LinearSVC C=0.5": lambda: Pipeline(
        [("f", union()), ("m", LinearSVC(C=0.5, class_weight="balanced"))]
    ),
    "E. char 1–3 ∪ word 1–2 + LinearSVC C=0.1": lambda: Pipeline(
        [("f", union()), ("m", LinearSVC(C=0.1, class_weight="balanced"))]
    ),
    "K. char 1–3 + LinearSVC C=0.1": lambda: Pipeline(
        [("f", engine.char_grams()), ("m", LinearSVC(C=0.1, class_weight="balanced"))]
    ),
    "L. char 1–3 ∪ word 1–2 + LinearSVC C=0.05": lambda: Pipeline(
        [("f", union()), ("m", LinearSVC(C=0.05, class_weight="balanced"))]
    ),
    "M. char 1–3 ∪ word 1–2 + LinearSVC C=0.02": lambda: Pipeline(
        [("f", union()), ("m", LinearSVC(C=0.02, class_weight="balanced"))]
    ),
    "N. char 1–3 ∪ word 1–2 + LinearSVC C=0.01": lambda: Pipeline(
        [("f", union()), ("m", LinearSVC(C=0.01, class_weight="balanced"))]
    ),
    "O. char 1–3 ∪ word 1–2 + LogisticRegression C=1": lambda: Pipeline(
        [("f", union()), ("m", LogisticRegression(C=1, max_iter=1000))]
    ),
    "F. char 1–3 ∪ word 1–2 + LogisticRegression C=10": lambda: Pipeline(
        [("f", union()), ("m", LogisticRegression(C=10, max_iter=1000))]
    ),
    "G. char 1–3 ∪ word 1–2 + calibrated LinearSVC": lambda: Pipeline(
        [("f", union()), ("m", CalibratedClassifierCV(LinearSVC(C=0.5), cv=3))]
    ),
    "H. char 1–3 ∪ word 1–2 + SGD (modified Huber)": lambda: Pipeline(
        [("f", union()), ("m", SGDClassifier(loss="modified_huber", alpha=1e-4, random_state=3))]
    ),
    "I. char 1–3 ∪ word 1–2 + ComplementNB": lambda: Pipeline(
        [("f", union()), ("m", ComplementNB(alpha=0.3))]
    ),
    "J. char 1–3 ∪ word 1–2 + LogisticRegression ⊕ ComplementNB (soft vote)": lambda: Pipeline(
        [
            ("f", union()),
            (
                "m",
                VotingClassifier(
                    [
                        ("lr", LogisticRegression(C=10, max_iter=1000)),
                        ("nb", ComplementNB(alpha=0.3)),
                    ],
                    voting="soft",
                ),
            ),
        ]
    ),
}


def build(letter: str) -> Pipeline:
    """A fresh pipeline of the candidate whose name starts with `letter`."""
    return next(make for name, make in CANDIDATES.items() if name.split(".")[0] == letter)()


def scores_of(pipeline: Pipeline, texts: list[str]) -> np.ndarray:
    if hasattr(pipeline, "decision_function") and not hasattr(pipeline[-1], "estimators"):
        try:
            return np.asarray(pipeline.decision_function(texts))
        except AttributeError:
            pass
    return np.asarray(pipeline.predict_proba(texts))


def evaluate(build: Callable[[], Pipeline]) -> tuple[float, float, float]:
    """Mean macro-F1, top-3 and fit seconds over the two directions half 0 → 1 and 1 → 0."""
    f1s, top3s, seconds = [], [], []
    for fit_half, check_half in ((0, 1), (1, 0)):
        train = dataset(PER_CATEGORY, pool=0, seed=21 + fit_half, half=fit_half)
        check = dataset(VALIDATE_PER_CATEGORY, pool=0, seed=31 + check_half, half=check_half)
        pipeline = build()
        started = time.perf_counter()
        pipeline.fit([s.text for s in train], [s.category for s in train])
        seconds.append(time.perf_counter() - started)
        scores = scores_of(pipeline, [s.text for s in check])
        classes = np.asarray(pipeline.classes_)
        order = classes[np.argsort(-scores, axis=1)]
        truth = np.array([s.category for s in check])
        f1s.append(f1_score(truth, order[:, 0], average="macro"))
        top3s.append(float(np.mean([t in row[:3] for t, row in zip(truth, order, strict=True)])))
    return float(np.mean(f1s)), float(np.mean(top3s)), float(np.mean(seconds))


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    wanted = sys.argv[1:]
    print("| candidate | macro-F1 | top-3 | fit (s) |")
    print("|---|---|---|---|")
    for name, build in CANDIDATES.items():
        if wanted and name.split(".")[0] not in wanted:
            continue
        f1, top3, seconds = evaluate(build)
        print(f"| {name} | {f1:.3f} | {top3:.3f} | {seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
