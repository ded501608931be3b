"""The demo looks like a working office (D7) and seeding survives a failure half-way (13.1):
dates relative to the run's `now`, a few percent overdue after the first sweep, customer
addresses that reach nobody, no message queued for delivery, and a re-run that completes a
seeding which stopped half-way."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.cases.services.escalation import sweep
from kesu.demo import seeding
from kesu.demo.corpus import DEMO_EMAIL_DOMAINS, DEMO_MOBILE_PREFIX
from kesu.domain.vocabulary import OPEN_STATES
from kesu.notify.models import Notification, Status
from kesu.org.models import Department, User
from tests.conftest import at

NOW = at("2026-12-02 10:00")


class Stop(Exception):
    """The failure the test plants half-way (e.g. PostgreSQL refusing a value)."""


def test_a_seeding_that_fails_half_way_leaves_nothing_and_a_rerun_completes_it(
    reference: None, monkeypatch: Any
) -> None:
    real = seeding._one_case
    calls = {"n": 0}

    def failing(*args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 6:
            raise Stop
        real(*args)

    monkeypatch.setattr(seeding, "_one_case", failing)
    with pytest.raises(Stop):
        seeding.seed_demo(cases=12, now=NOW)
    assert Case.objects.count() == 0  # nothing half-way: the whole run rolled back
    assert not Department.objects.filter(code="hq").exists()
    monkeypatch.setattr(seeding, "_one_case", real)
    assert seeding.seed_demo(cases=12, now=NOW) == 12
    assert Case.objects.count() == 12
    assert User.objects.filter(username__in=[u.username for u in seeding.USERS]).count() == 16
    assert seeding.seed_demo(cases=12, now=NOW) == 0  # complete: nothing more
    assert seeding.seed_demo(cases=15, now=NOW) == 3  # asked for more: only the missing ones


def test_the_demo_looks_like_a_normal_day_and_messages_nobody(reference: None) -> None:
    seeding.seed_demo(cases=80, now=NOW)
    cases = list(Case.objects.all())
    assert len(cases) == 80
    assert max(c.received_at for c in cases) < NOW  # relative to the run's now
    assert min(c.received_at for c in cases) > at("2026-08-03 00:00")
    sweep(now=NOW)
    open_cases = [c for c in cases if c.state in OPEN_STATES]
    overdue = Case.objects.filter(next_due__lt=NOW).count()
    assert open_cases, "a working office has work in hand"
    assert overdue <= 0.08 * len(cases), overdue  # a few percent, not two thirds
    for case in cases:
        assert not case.complainant_phone or case.complainant_phone.startswith(DEMO_MOBILE_PREFIX)
        assert not case.complainant_email or case.complainant_email.endswith(DEMO_EMAIL_DOMAINS)
    external = Notification.objects.exclude(channel="in_app")
    assert external.exists()
    assert not external.filter(status=Status.PENDING).exists()  # nothing waits to be sent
    unread = Notification.objects.filter(channel="in_app", read_at__isnull=True)
    supervisor = User.objects.get(username="supervisor")
    assert unread.filter(recipient=supervisor).count() <= 40


def test_the_demo_fills_the_decision_and_visit_lists(reference: None) -> None:
    """A new user opening 协办, 合议 and 回访 finds work there, made by the real services."""
    from kesu.decisions.models import CoHandlingTask, Deliberation
    from kesu.visits.models import Visit

    seeding.seed_demo(cases=80, now=NOW)
    tasks = {t.department.code: t for t in CoHandlingTask.objects.select_related("department")}
    asked = tasks.get("quality") or tasks["after-sales"]
    assert asked.state == "pending_approval"  # waiting for the supervisor
    assert tasks["legal"].state == "open"
    assert tasks["legal"].legal_opinion
    assert tasks["legal"].assignee.username == "lawyer"
    assert Deliberation.objects.filter(status="requested").count() == 1
    answered = Case.objects.filter(state="answered")
    assert Visit.objects.filter(case__in=answered).exists()
    assert not external_pending()


def external_pending() -> bool:
    return Notification.objects.exclude(channel="in_app").filter(status=Status.PENDING).exists()
