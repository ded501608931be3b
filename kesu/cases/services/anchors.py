"""Writing the daily history anchors and the result of each chain check (issue 20 part 4).

`write_anchors(now)` anchors every finished local day not anchored yet — from the first day with
history, empty days included, so deleting all rows of a day shows too — up to yesterday. It runs
from the sweep loop (`sweep_deadlines --every`) and `manage.py verify_history --anchor`. A day is
anchored only once it ended at least `SETTLE` ago, so a transaction that took its time stamp
before midnight and committed just after is inside its day's anchor.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction

from kesu.cases import chain
from kesu.cases.integrity import Report
from kesu.cases.models import CaseEvent, HistoryAnchor, HistoryCheck
from kesu.core.clock import local, local_date

SETTLE = timedelta(minutes=10)
CHUNK = 2000


def _start(day: date, like: datetime) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local(like).tzinfo)


def write_anchors(*, now: datetime) -> list[HistoryAnchor]:
    """Anchor the finished days that have no anchor yet; returns the new anchors."""
    last_day = local_date(now - SETTLE) - timedelta(days=1)
    with transaction.atomic():
        last = HistoryAnchor.objects.select_for_update().order_by("-day").first()
        if last is not None:
            first_day, previous = last.day + timedelta(days=1), last.digest
        else:
            first = CaseEvent.objects.order_by("at").values_list("at", flat=True).first()
            if first is None:
                return []
            first_day, previous = local_date(first), chain.GENESIS
        if first_day > last_day:
            return []
        days: dict[date, chain.DayHash] = {}
        rows = (
            CaseEvent.objects.filter(
                at__gte=_start(first_day, now), at__lt=_start(last_day + timedelta(days=1), now)
            )
            .order_by("case_id", "seq")
            .values_list("case_id", "seq", "digest", "at")
            .iterator(CHUNK)
        )
        for case_id, seq, digest, at in rows:
            days.setdefault(local_date(at), chain.DayHash()).add(case_id, seq, digest)
        anchors = []
        day = first_day
        while day <= last_day:
            hashed = days.get(day, chain.DayHash())
            digest = hashed.anchor(day, previous)
            anchors.append(
                HistoryAnchor(
                    day=day, events=hashed.events, digest=digest, previous=previous, written_at=now
                )
            )
            previous, day = digest, day + timedelta(days=1)
        return HistoryAnchor.objects.bulk_create(anchors)


def record_check(report: Report, *, now: datetime) -> HistoryCheck:
    """Keep the result of a chain check for the settings pages."""
    return HistoryCheck.objects.create(
        ran_at=now,
        ok=report.ok,
        cases=report.cases,
        events=report.events,
        anchors=report.anchors,
        broken=report.broken,
        broken_anchors=report.broken_anchors,
    )
