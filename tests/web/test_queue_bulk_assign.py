"""Bulk assignment (批量分派) from the queue: each case through the single assignment's service
(its own history event), refusals reported by number with the reason while the others
succeed, nothing half-stored, and only for users who may assign."""

from __future__ import annotations

import re
from typing import Any

import time_machine
from django.test import Client

from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Action, State
from tests.conftest import at
from tests.factories import act, register
from tests.web.client import logged_in

NOW = "2026-11-24 10:00"


def accepted(org: Any, hour: int) -> Case:
    case = register(org["agent"], at(f"2026-11-23 {hour:02d}:00"))
    return act(case, org["agent"], Action.ACCEPT, at(f"2026-11-23 {hour:02d}:30"))


def test_a_supervisor_ticks_assignable_rows_only(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    ready = [accepted(org, hour) for hour in (9, 10, 11)]
    waiting = register(org["agent"], at("2026-11-23 12:00"))  # not accepted: not assignable
    client = logged_in("supervisor")
    # 17: with the navigation's count of plans waiting for approval
    with time_machine.travel(at(NOW), tick=False), django_assert_max_num_queries(17):
        page = client.get("/cases/", {"sort": "severity"}).content.decode()
    for case in ready:
        assert f'name="case" value="{case.number}" form="bulk-assign"' in page
    assert f'value="{waiting.number}" form="bulk-assign"' not in page
    assert '<form id="bulk-assign"' in page
    assert "csrfmiddlewaretoken" in page
    assert re.search(r'aria-label="选择案件 ?' + ready[0].number, page)


def test_bulk_assign_assigns_and_reports_refusals_by_number(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    ready = [accepted(org, hour) for hour in (9, 10)]
    waiting = register(org["agent"], at("2026-11-23 12:00"))
    events_before = CaseEvent.objects.count()
    client = logged_in("supervisor")
    # ≈ 8 + 11 per case: each case is one perform_transition (lock, look-ups, event, notice),
    # the same cost as assigning it alone; the page and the look-up of numbers are constant.
    with time_machine.travel(at(NOW), tick=False), django_assert_max_num_queries(60):
        response = client.post(
            "/cases/assign/",
            {
                "case": [ready[0].number, waiting.number, "NOPE-1", ready[1].number],
                "assign-department": "after-sales",
                "assign-handler": "handler",
                "assign-note": "批量",
                "back": "sort=due",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == "/cases/?sort=due"
    for case in ready:
        case.refresh_from_db()
        assert case.state == State.ASSIGNED
        assert case.handler == org["handler"]
    waiting.refresh_from_db()
    assert waiting.state == State.REGISTERED
    assert waiting.assigned_department is None
    assert CaseEvent.objects.count() == events_before + 2  # one event per assigned case
    assert set(
        CaseEvent.objects.filter(action="assign").values_list("case__number", flat=True)
    ) == {c.number for c in ready}
    with time_machine.travel(at(NOW), tick=False):
        page = client.get(response["Location"]).content.decode()
    assert "已分派 2 件，2 件未能分派：" in page
    assert f"案件 {waiting.number}：" in page  # the workflow's reason follows
    assert "案件 NOPE-1：未找到该案件。" in page


def test_a_service_refusal_leaves_the_case_untouched(org: Any) -> None:
    case = accepted(org, 9)
    client = logged_in("supervisor")
    with time_machine.travel(at(NOW), tick=False):
        client.post(
            "/cases/assign/",
            {"case": [case.number], "assign-department": "quality", "assign-handler": "handler"},
        )
        page = client.get("/cases/").content.decode()
    case.refresh_from_db()
    assert case.state == State.ACCEPTED
    assert case.assigned_department is None
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()
    assert case.number in page
    assert f"案件 {case.number}：" in page


def test_a_handler_sees_no_checkboxes_and_cannot_post(org: Any) -> None:
    case = accepted(org, 9)
    act(case, org["supervisor"], Action.ASSIGN, at("2026-11-23 11:00"), department="after-sales")
    other = accepted(org, 10)
    client = logged_in("handler")
    with time_machine.travel(at(NOW), tick=False):
        page = client.get("/cases/").content.decode()
        response = client.post(
            "/cases/assign/", {"case": [other.number], "assign-department": "after-sales"}
        )
    assert case.number in page
    assert 'form="bulk-assign"' not in page
    assert "bulk-assign" not in page
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.state == State.ACCEPTED


def test_bulk_assign_needs_csrf_and_a_department(org: Any) -> None:
    case = accepted(org, 9)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(org["supervisor"])
    with time_machine.travel(at(NOW), tick=False):
        assert (
            strict.post(
                "/cases/assign/", {"case": [case.number], "assign-department": "after-sales"}
            ).status_code
            == 403
        )
        client = logged_in("supervisor")
        page = client.post("/cases/assign/", {"case": [case.number]}, follow=True)
        nothing = client.post("/cases/assign/", {"assign-department": "after-sales"}, follow=True)
    case.refresh_from_db()
    assert case.state == State.ACCEPTED
    assert "责任部门" in page.content.decode()
    assert nothing.status_code == 200
