"""The sweep's cost per alerted case: a constant number of queries per batch of due cases, so
500 cases breaching in the same minute cost a few statements, not a few per case."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kesu.cases.models import Case, CaseEvent
from kesu.cases.services.escalation import sweep
from kesu.deadlines.models import CaseAlert
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from tests.conftest import at
from tests.factories import act, register

#: Queries of a sweep whose due cases fit in one batch, whatever their number: the due ids,
#: the system user, the lock, fired alerts, staff, templates, dedupe keys, the heads of the
#: cases' history chains, and one bulk insert or update each for alerts, notifications, events
#: and `next_alert_at` (plus savepoints).
BUDGET = 26
#: What each further batch adds (lock, fired alerts, staff, templates, keys, chain heads,
#: inserts, update).
PER_BATCH = 16


def breaching(org: Any, count: int) -> list[Case]:
    cases = []
    for index in range(count):
        case = register(org["agent"], at("2026-09-28 09:00"), complainant_name=f"客户{index}")
        cases.append(act(case, org["agent"], Action.ACCEPT, at("2026-09-28 10:00")))
    return cases


def queries_of_sweep(now: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        result = sweep(now=now)
    assert result.cases > 0
    return len(captured)


@pytest.mark.parametrize("count", [2, 40])
def test_the_sweep_costs_the_same_queries_for_few_or_many_cases(
    org: Any, count: int, django_assert_max_num_queries: Any
) -> None:
    cases = breaching(org, count)
    # 14 Oct: first contact (7 working days) ran out on 13 Oct — level 1 for every case, and the
    # resolution clock's 75 % warning; acceptance was met.
    with django_assert_max_num_queries(BUDGET):
        result = sweep(now=at("2026-10-14 08:00"))
    assert result.cases == count
    assert CaseAlert.objects.filter(clock="first_contact", level=1).count() == count
    assert CaseEvent.objects.filter(action="escalate").count() == count
    # In-app and e-mail for the supervisor (no department yet) about each alert, once.
    keys = list(Notification.objects.values_list("dedupe_key", "channel"))
    assert len(keys) == len(set(keys))
    assert all(case.pk for case in cases)


def test_more_than_a_batch_adds_a_constant_per_batch(org: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("kesu.cases.services.escalation.BATCH", 5)
    breaching(org, 12)  # three batches: 5 + 5 + 2
    assert queries_of_sweep(at("2026-10-14 08:00")) <= BUDGET + 2 * PER_BATCH
    assert CaseAlert.objects.filter(clock="first_contact", level=1).count() == 12
