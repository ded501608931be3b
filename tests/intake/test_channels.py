"""Arrival wired into the channels: the portal's form and API attach a repeat to the open case
as 催办 (no new case, the number not shown to a submitter who has not proved the phone); the
API attaches when asked; the hotline offers the open cases and registers when the agent saves."""

from __future__ import annotations

import json
from typing import Any

import pytest
import time_machine

from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Action
from kesu.intake.models import CaseGroup
from tests.conftest import PHONE_COMPLAINT, at
from tests.factories import assigned
from tests.intake.conftest import PRODUCT, REWORDINGS, phone
from tests.portal.conftest import public
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM

pytestmark = pytest.mark.django_db
CALLER = "13812345678"  # the factories' phone
FORM = {
    "name": "王丽",
    "phone": CALLER,
    "facts": "师傅说好今天上门，又没来，我再催一次。",
    "privacy_consent": "on",
    "token": "0f1c9a0d6b2e4f7a8c5d1e2f3a4b5c6d",
}


def test_a_portal_complaint_from_a_phone_with_an_open_case_hastens_it(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    client = public("en")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        first = client.post("/portal/complain/", FORM)
        again = client.post("/portal/complain/", FORM)  # a double tap
        page = client.get(first.url).content.decode()
    assert first.status_code == again.status_code == 302
    assert Case.objects.count() == 1  # no new case
    case.refresh_from_db()
    assert case.hastened_count == 1
    event = CaseEvent.objects.get(case=case, action=Action.HASTEN)
    assert "又没来" in event.note
    assert 'id="hastened"' in page
    assert case.number not in page  # not shown before the phone is proved


def test_the_portal_api_says_attached_without_the_number(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    body = {
        "name": "王丽",
        "phone": CALLER,
        "facts": "还没修好，再催一次。",
        "privacy_consent": True,
    }
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        answer = public().post(
            "/api/v1/portal/complaints", data=json.dumps(body), content_type="application/json",
            headers={"Idempotency-Key": "mini-1"},
        )  # fmt: skip
    assert answer.status_code == 201, answer.content
    assert answer.json()["attached"] is True
    assert answer.json()["number"] == ""
    case.refresh_from_db()
    assert case.hastened_count == 1
    assert Case.objects.count() == 1


def test_the_api_attaches_when_asked_and_registers_otherwise(org: Any, api: Any) -> None:
    case = assigned(org, "2026-11-23")
    client = api("agent")
    body = PHONE_COMPLAINT | {"channel": "email", "facts": "邮件再次催促上门维修。"}
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        attached = client.post("/cases?attach=true", body)
        registered = client.post("/cases", body | {"facts": "另一台冰箱也坏了。"})
    assert attached.status_code == 200, attached.content
    assert attached["Kesu-Arrival"] == "hastened"
    assert attached.json()["number"] == case.number
    assert registered.status_code == 201
    assert registered["Kesu-Arrival"] == "registered"
    case.refresh_from_db()
    assert case.hastened_count == 1


def test_the_hotline_offers_the_open_case_and_saving_registers(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    client = logged_in("agent")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        offered = client.post("/cases/lookup/", {"phone": CALLER}).content.decode()
        saved = client.post("/cases/new/", HOTLINE_FORM | {"complainant_phone": CALLER})
    assert case.number in offered
    assert offered.count('value="hasten"') == 1  # one click attaches as 催办
    assert saved.status_code == 302
    assert Case.objects.count() == 2
    assert Case.objects.get(pk=case.pk).hastened_count == 0


def test_hotline_arrivals_are_grouped_too(org: Any) -> None:
    client = logged_in("agent")
    for i in range(3):
        form = HOTLINE_FORM | {
            "complainant_phone": phone(i), "facts": REWORDINGS[i], "subject_product": PRODUCT,
            "idempotency_key": f"hot-{i}",
        }  # fmt: skip
        with time_machine.travel(at(f"2026-11-24 10:0{i}"), tick=False):
            assert client.post("/cases/new/", form).status_code == 302
    assert CaseGroup.objects.get().members.count() == 3
