"""Reads of triage: the model in use, suggestions for a text, the model status page.

Each process loads the newest model lazily and keeps it; it asks the database for the newest
version at most every `CHECK_SECONDS`, and loads again only when that changed (so a retrain by
the worker or the settings page reaches every gunicorn worker within seconds).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max
from sklearn.pipeline import Pipeline

from kesu.cases.models import Case, Category
from kesu.cases.selectors import visible_cases
from kesu.domain import triage_text
from kesu.org.access import Authority
from kesu.triage import engine, similar
from kesu.triage.models import TriageModel

CHECK_SECONDS = 5.0
#: How much the lexicon counts beside the learned sentiment model (bench/TRIAGE.md).
LEXICON_WEIGHT = 0.35
LIMIT = 5
#: The best `VISIBILITY_BATCH × limit` matches are checked for visibility first.
VISIBILITY_BATCH = 4


@dataclass
class Loaded:
    version: int = 0
    trained_at: datetime | None = None
    cases: int = 0
    pipeline: Pipeline | None = None
    mood: Pipeline | None = None
    checked: float = 0.0


_loaded = Loaded()
_lock = threading.Lock()


def loaded_model() -> Loaded:
    """The newest stored model (empty `Loaded` when none was trained yet)."""
    global _loaded  # noqa: PLW0603 - one model per process, swapped whole
    with _lock:
        if time.monotonic() - _loaded.checked < CHECK_SECONDS and _loaded.checked:
            return _loaded
        newest = TriageModel.objects.aggregate(v=Max("version"))["v"] or 0
        if newest != _loaded.version:
            row = TriageModel.objects.filter(version=newest).first()
            _loaded = _load(row) if row is not None else Loaded()
        _loaded.checked = time.monotonic()
        return _loaded


def _load(row: TriageModel) -> Loaded:
    payload = bytes(row.payload or b"")
    mood = bytes(row.sentiment_payload) if row.sentiment_payload is not None else b""
    return Loaded(
        version=row.version,
        trained_at=row.trained_at,
        cases=row.case_count,
        pipeline=engine.loads(payload) if payload else None,
        mood=engine.loads(mood) if mood else None,
    )


def sentiment_of(text: str) -> triage_text.Sentiment:
    """Negative / neutral / positive with a score in [-1, 1]: the learned review model when one
    is stored, blended with the lexicon (which alone answers before the first training)."""
    lexicon = triage_text.sentiment(text)
    model = loaded_model()
    if model.mood is None or not triage_text.normalise(text):
        return lexicon
    learned = (engine.positive_probability(model.mood, text) - 0.5) * 2
    score = max(-1.0, min(1.0, learned + LEXICON_WEIGHT * lexicon.score))
    label: triage_text.SentimentLabel = (
        "positive" if score > triage_text.NEUTRAL_BAND
        else "negative" if score < -triage_text.NEUTRAL_BAND
        else "neutral"
    )  # fmt: skip
    return triage_text.Sentiment(label, round(score, 3))


def forget_model() -> None:
    """Read the newest model again on the next request (tests; right after a retrain here)."""
    global _loaded  # noqa: PLW0603
    with _lock:
        _loaded = Loaded()


@dataclass
class Suggestions:
    categories: list[dict[str, Any]] = field(default_factory=list)
    severity: dict[str, Any] = field(default_factory=dict)
    cues: list[triage_text.Cue] = field(default_factory=list)
    sentiment: triage_text.Sentiment = field(
        default_factory=lambda: triage_text.Sentiment("neutral", 0.0)
    )
    similar_cases: list[dict[str, Any]] = field(default_factory=list)
    model: dict[str, Any] = field(default_factory=dict)


def _active_categories() -> dict[str, Category]:
    return {c.code: c for c in Category.objects.filter(is_active=True)}


def category_choices(text: str, *, limit: int = 3) -> dict[str, Any]:
    """What the case page offers for correcting a category: the best `limit` suggestions for
    `text` (model or cold start) and every active category, by name."""
    active = _active_categories()
    ranked, _model = rank_categories(text, limit=limit, active=active)
    return {
        "suggested": [active[code] for code, _score in ranked if code in active],
        "all": sorted(active.values(), key=lambda c: c.path),
    }


def rank_categories(
    text: str, *, limit: int = LIMIT, active: dict[str, Category] | None = None
) -> tuple[list[tuple[str, float]], Loaded]:
    """(code, score) best first: from the model when there is one, else the cold-start guess
    from the category names and keywords."""
    model = loaded_model()
    active = _active_categories() if active is None else active
    ranked: list[tuple[str, float]] = []
    if model.pipeline is not None and triage_text.normalise(text):
        ranked = [(c, s) for c, s in engine.rank(model.pipeline, text, limit=limit * 2)
                  if c in active]  # fmt: skip
    if not ranked:
        pairs = [(code, category.name_zh) for code, category in active.items()]
        ranked = triage_text.cold_start_rank(text, pairs, limit=limit)
    return ranked[:limit], model


def suggest(
    authority: Authority,
    *,
    now: datetime,
    facts: str,
    phone: str = "",
    order: str = "",
    complainant_count: int = 1,
    exclude: str = "",
    offered_criteria: list[str] | None = None,
) -> Suggestions:
    """Everything triage says about a complaint being registered (or a case being read)."""
    active = _active_categories()
    ranked, model = rank_categories(facts, active=active)
    cues = triage_text.severity_cues(facts, offered=offered_criteria)
    codes = [cue.code for cue in cues]
    if complainant_count >= 5 and "group_complaint" not in codes:
        codes.insert(0, "group_complaint")
        cues.insert(0, triage_text.Cue("group_complaint", ()))
    return Suggestions(
        categories=[
            {"code": code, "name": active[code].name, "score": score}
            for code, score in ranked
            if code in active
        ],
        severity={"suggested": "major" if codes else "general", "criteria": codes},
        cues=cues,
        sentiment=sentiment_of(facts),
        similar_cases=similar_cases(
            authority, now=now, facts=facts, phone=phone, order=order, exclude=exclude
        ),
        model={
            "version": model.version if model.pipeline is not None else None,
            "trained_at": model.trained_at if model.pipeline is not None else None,
            "cases": model.cases,
        },
    )


def similar_cases(
    authority: Authority,
    *,
    now: datetime,
    facts: str,
    phone: str = "",
    order: str = "",
    exclude: str = "",
    limit: int = LIMIT,
) -> list[dict[str, Any]]:
    """The closest cases the caller may see: number, score, and what a page shows of them."""
    matches = similar.nearest(now, facts, phone=phone, order=order, exclude=exclude)
    found: list[dict[str, Any]] = []
    # Visibility is asked for the best few first (one query, usually enough), then the rest.
    first = VISIBILITY_BATCH * limit
    for batch in (matches[:first], matches[first:]):
        if not batch or len(found) >= limit:
            break
        visible = {
            row["id"]: row
            for row in visible_cases(authority)
            .filter(id__in=[m.case_id for m in batch])
            .values("id", "number", "state", "received_at", "facts")
        }
        found += [
            {"number": m.number, "score": m.score, "case": visible[m.case_id]}
            for m in batch
            if m.case_id in visible
        ]
    return found[:limit]


def visible_by_numbers(authority: Authority, numbers: list[str]) -> list[Case]:
    """The cases of `numbers` the caller may see (the similar-cases panel)."""
    return list(
        visible_cases(authority)
        .filter(number__in=numbers)
        .select_related("category", "assigned_department", "handler")
    )


def status() -> dict[str, Any]:
    """The model status for the settings page: the versions kept, newest first."""
    models = list(TriageModel.objects.defer("payload").order_by("-version")[:3])
    categorised = Case.objects.filter(category__isnull=False)
    newest = models[0] if models else None
    return {
        "models": models,
        "current": newest,
        "categorised": categorised.count(),
        "since": categorised.filter(id__gt=newest.last_case_id).count() if newest else None,
    }
