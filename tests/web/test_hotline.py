"""Hotline entry: one screen, idempotent save, the caller's earlier cases, hastening."""

from __future__ import annotations

import re
from typing import Any

import time_machine

from kesu.cases.models import Case
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, register
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM


def test_the_entry_form_is_keyboard_first(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("agent").get("/cases/new/").content.decode()
    assert "autofocus" in page
    assert 'hx-post="/cases/lookup/"' in page
    assert 'hx-trigger="keyup changed delay:400ms"' in page
    assert "<optgroup" in page
    assert 'name="major_criteria"' in page
    assert re.search(r'name="accept_now"[^>]* checked', page)
    assert "电话登记" in page


def test_a_double_submit_makes_one_case(org: Any) -> None:
    client = logged_in("agent")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        first = client.post("/cases/new/", HOTLINE_FORM)
        second = client.post("/cases/new/", HOTLINE_FORM)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Case.objects.count() == 1
    assert Case.objects.get().events.filter(action="accept").count() == 1


def test_missing_fields_are_shown_not_saved(org: Any) -> None:
    data = HOTLINE_FORM | {"facts": "", "subject_amount": "abc", "category": "nonsense"}
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = logged_in("agent").post("/cases/new/", data)
    assert response.status_code == 400
    assert response.content.decode().count('class="errorlist"') >= 3
    assert not Case.objects.exists()


def test_a_role_that_may_not_register_is_told(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        client = logged_in("analyst")
        assert "电话登记" not in client.get("/").content.decode()
        response = client.post("/cases/new/", HOTLINE_FORM)
        assert client.get("/cases/new/").status_code == 403  # not even the empty form
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_the_phone_lists_the_callers_cases_open_first(org: Any) -> None:
    closed = register(org["agent"], at("2026-11-20 09:00"), complainant_name="旧案")
    act(closed, org["agent"], Action.DECLINE, at("2026-11-20 10:00"), reason_code="out_of_scope")
    still_open = register(org["agent"], at("2026-11-19 09:00"), complainant_name="未结")
    other = register(org["agent"], at("2026-11-21 09:00"), complainant_phone="13900001111")
    client = logged_in("agent")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = client.post("/cases/lookup/", {"phone": "138-1234-5678"}).content.decode()
        assert still_open.number in page
        assert closed.number in page
        assert other.number not in page
        assert page.index(still_open.number) < page.index(closed.number)
        assert page.count('value="hasten"') == 1  # only the open case can be hastened
        assert (
            "没有以往案件"
            in client.post("/cases/lookup/", {"phone": "13700000000"}).content.decode()
        )
        response = client.post(
            f"/cases/{still_open.number}/act/",
            {"action": "hasten", "hasten-note": "客户再次来电催促。"},
        )
    assert response.status_code == 302
    assert Case.objects.get(pk=still_open.pk).hastened_count == 1


def test_hastening_from_the_look_up_keeps_the_agent_on_the_form(org: Any) -> None:
    still_open = register(org["agent"], at("2026-11-19 09:00"), complainant_name="未结")
    client = logged_in("agent")
    answer = client.post(
        f"/cases/{still_open.number}/act/",
        {"action": "hasten", "hasten-note": "客户再次来电催促。"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    assert "催办" in answer.content.decode()
    still_open.refresh_from_db()
    assert still_open.hastened_count == 1
    empty = client.post(
        f"/cases/{still_open.number}/act/", {"action": "hasten"}, headers={"HX-Request": "true"}
    )
    assert "errorlist" in empty.content.decode()


def test_a_policy_amount_the_engine_cannot_count_is_a_message_not_a_500(org: Any, api: Any) -> None:
    from kesu.deadlines.models import DeadlinePolicy

    # Written past the form's check (as a bulk update or an old database could): 5000 days.
    DeadlinePolicy.objects.update(resolution_amount=5000)
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("agent").post("/cases/new/", HOTLINE_FORM, follow=True)
        case = Case.objects.get()
        answer = api("agent").act(case.number, "accept")
    # The complaint is on record; only its acceptance waits for the policy to be corrected.
    assert page.status_code == 200
    assert case.state == "registered"
    assert "时限数值无法计算（5000）" in page.content.decode()
    assert answer.status_code == 400
    assert "时限数值无法计算" in answer.json()["message"]
    case.refresh_from_db()
    assert case.state == "registered"  # nothing stored half-way
