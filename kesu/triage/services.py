"""Writes of triage: training a category model and storing it (the only writer of
`TriageModel`). Called by `manage.py train_triage`, the retraining loop and the settings page."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from kesu.cases.models import Case
from kesu.triage import engine
from kesu.triage.models import TriageModel

logger = logging.getLogger("kesu.triage")

#: Cases read for training at most (the newest); 2,400 train in seconds, 50,000 in about a minute.
MAX_TRAINING_CASES = 50_000


@dataclass(frozen=True)
class Schedule:
    """When the model is retrained: after `every` since the last training, or as soon as
    `new_cases` categorised cases arrived since it (settings `KESU_TRIAGE_RETRAIN_HOURS`,
    `KESU_TRIAGE_RETRAIN_NEW_CASES`)."""

    every: timedelta
    new_cases: int


def schedule() -> Schedule:
    return Schedule(
        every=timedelta(hours=float(getattr(settings, "KESU_TRIAGE_RETRAIN_HOURS", 24))),
        new_cases=int(getattr(settings, "KESU_TRIAGE_RETRAIN_NEW_CASES", 200)),
    )


def training_cases() -> tuple[list[str], list[str], int]:
    """(facts, category code, highest case id) of the newest categorised cases: the category an
    agent (or a handler later) chose is the label."""
    rows = list(
        Case.objects.filter(category__isnull=False)
        .order_by("-id")
        .values_list("id", "facts", "category__code")[:MAX_TRAINING_CASES]
    )
    return [r[1] for r in rows], [r[2] for r in rows], max((r[0] for r in rows), default=0)


def train_triage(
    *, now: datetime, evaluate: bool = True, sentiment: bool = True
) -> TriageModel | None:
    """Train on the organisation's categorised cases and store the model as the next version.

    The category model needs two categories with enough cases; until then the row holds only
    the sentiment model (categories come from the cold start). The sentiment model is learned
    once from the shipped review corpus and copied into later versions. None: nothing to store.
    """
    texts, labels, last_id = training_cases()
    trained = engine.train(texts, labels, evaluate=evaluate)
    previous = TriageModel.objects.order_by("-version").first()
    mood = previous.sentiment_payload if previous is not None else None
    if mood is None and sentiment:
        pipeline = engine.train_sentiment()
        mood = engine.dumps(pipeline) if pipeline is not None else None
    if trained is None and mood is None:
        logger.info("triage: not enough categorised cases to train (%s)", len(texts))
        return None
    with transaction.atomic():
        latest = TriageModel.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
        row = TriageModel.objects.create(
            version=latest + 1,
            trained_at=now,
            case_count=trained.cases if trained else 0,
            categories=trained.categories if trained else [],
            macro_f1=trained.figures.macro_f1 if trained else None,
            top3=trained.figures.top3 if trained else None,
            folds=trained.figures.folds if trained else 0,
            seconds=round(trained.seconds, 2) if trained else 0,
            last_case_id=last_id,
            payload=trained.dumps() if trained else b"",
            sentiment_payload=bytes(mood) if mood is not None else None,
        )
        # Keep the last three versions: the page shows the history, the database stays small.
        stale = TriageModel.objects.filter(version__lte=row.version - 3).values("id")
        TriageModel.objects.filter(id__in=list(stale)).delete()
    logger.info("triage: model v%s trained on %s cases", row.version, row.case_count)
    return row


def retrain_if_due(*, now: datetime, sentiment: bool = True) -> TriageModel | None:
    """Train when the schedule says so (time since the last model, or enough new categorised
    cases); otherwise nothing. Safe to call every minute."""
    rule = schedule()
    latest = TriageModel.objects.defer("payload").order_by("-version").first()
    if latest is None:
        due = True  # the first model: the sentiment model, and categories if there are enough
    else:
        fresh = Case.objects.filter(category__isnull=False, id__gt=latest.last_case_id).count()
        enough = rule.new_cases if latest.case_count else 2 * engine.MIN_PER_CATEGORY
        due = now - latest.trained_at >= rule.every or fresh >= enough
    return train_triage(now=now, sentiment=sentiment) if due else None
