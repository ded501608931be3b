"""Acceptance screening on a real case: the active regulatory preset's bars offered on the case
page where the decision is taken and in the API's case detail, each with its facts; nothing is
declined by itself, and a person's decision ends the offer."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.utils import translation

from kesu.cases.models import Case
from kesu.cases.screening import screening
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.vocabulary import Channel, State
from kesu.org.access import authority_of
from tests.conftest import PHONE_COMPLAINT, at
from tests.factories import register
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM, post_action


@pytest.fixture
def miit(org: Any) -> Any:
    DeadlinePolicy.objects.filter(code="miit_2016_order35").update(is_active=True)
    return org


def _codes(case: Case, org: Any, now: Any) -> list[str]:
    return [o.reason_code for o in screening(case, authority_of(org["supervisor"], now=now))]


def test_the_five_month_bar_counts_in_shanghai_calendar_days(miit: Any) -> None:
    from datetime import date

    event = date(2026, 5, 20)
    # 20 October 23:30 in Shanghai is the last day of the five months: not beyond.
    inside = register(miit["agent"], at("2026-10-20 23:30"), event_date=event)
    # 00:30 on 21 October in Shanghai (still 20 October in UTC) is beyond.
    beyond = register(
        miit["agent"], at("2026-10-21 00:30"), event_date=event, complainant_name="李雷"
    )
    now = at("2026-10-21 09:00")
    assert "fee_dispute_too_old" not in _codes(inside, miit, now)
    assert "fee_dispute_too_old" in _codes(beyond, miit, now)


def test_the_case_page_offers_the_reason_with_its_facts_and_declines_nothing(miit: Any) -> None:
    from datetime import date

    case = register(
        miit["agent"],
        at("2026-11-02 09:00"),
        event_date=date(2026, 5, 20),
        facts="五月份被多扣了话费，我已经向法院起诉了。",
    )
    with time_machine.travel(at("2026-11-02 10:00"), tick=False):
        page = logged_in("supervisor", "en").get(f"/cases/{case.number}/").content.decode()
        zh_page = logged_in("agent").get(f"/cases/{case.number}/").content.decode()
    assert "Acceptance screening" in page
    assert 'data-reason="fee_dispute_too_old"' in page
    assert "The event happened on" in page
    assert "more than 5 months" in page
    assert 'data-reason="statutory_route"' in page
    assert "起诉" in page
    # The decline form still asks for a reason: none is chosen for the person.
    assert 'name="decline-reason_code"' in page
    options = page.split('name="decline-reason_code"')[1].split("</select>")[0]
    assert options.count("selected") == 1
    assert 'value="" selected' in options
    # zh (the lead merges the catalogue): the reason's Chinese name is data, shown already.
    assert "费用争议,事项发生时距提起投诉时超过五个月" in zh_page
    assert Case.objects.get(pk=case.pk).state == State.REGISTERED

    with time_machine.travel(at("2026-11-02 10:05"), tick=False):
        done = post_action(
            logged_in("agent"), case.number, "decline", reason_code="fee_dispute_too_old"
        )
        assert done.status_code == 302, done.content.decode()
        after = logged_in("supervisor", "en").get(f"/cases/{case.number}/").content.decode()
    assert Case.objects.get(pk=case.pk).state == State.DECLINED
    assert "Acceptance screening" not in after


def test_the_api_case_detail_has_the_screening(miit: Any, api: Any) -> None:
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        body = PHONE_COMPLAINT | {"event_date": "2024-10-01", "facts": "两年前的安装问题"}
        created = api("agent", "en").post("/cases", body)
        assert created.status_code == 201, created.content.decode()
        number = created.json()["number"]
        detail = api("supervisor", "en").get(f"/cases/{number}").json()
    assert detail["event_date"] == "2024-10-01"
    reasons = {item["reason"]["code"]: item for item in detail["screening"]}
    assert set(reasons) >= {"fee_dispute_too_old", "too_old"}
    assert reasons["too_old"]["fact"] == "event_too_old"
    assert "more than 2 years" in reasons["too_old"]["facts"]


def test_without_a_regulatory_preset_nothing_is_offered(org: Any, api: Any) -> None:
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        body = PHONE_COMPLAINT | {"event_date": "2020-01-01"}
        number = api("agent").post("/cases", body).json()["number"]
        assert api("supervisor").get(f"/cases/{number}").json()["screening"] == []


def test_an_event_date_in_the_future_is_refused(org: Any, api: Any) -> None:
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        response = api("agent", "en").post("/cases", PHONE_COMPLAINT | {"event_date": "2026-11-03"})
    assert response.status_code == 400
    assert "event date cannot be in the future" in response.content.decode()
    assert not Case.objects.exists()


def test_the_hotline_form_records_the_event_date(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = logged_in("agent").post(
            "/cases/new/", HOTLINE_FORM | {"event_date": "2026-06-01"}
        )
        assert response.status_code == 302, response.content.decode()
    case = Case.objects.get()
    assert str(case.event_date) == "2026-06-01"
    assert case.channel == Channel.HOTLINE


def test_an_earlier_handled_case_of_the_same_customer_is_offered(miit: Any) -> None:
    from kesu.domain.vocabulary import Action
    from tests.factories import act

    first = register(miit["agent"], at("2026-10-09 09:00"), subject_order_number="HL1")
    act(first, miit["agent"], Action.DECLINE, at("2026-10-09 09:30"), reason_code="out_of_scope")
    second = register(miit["agent"], at("2026-11-02 09:00"), subject_order_number="HL1")
    third = register(
        miit["agent"], at("2026-11-02 09:10"), subject_order_number="HL1", facts="又来了"
    )
    with translation.override("en"):
        offers = screening(third, authority_of(miit["supervisor"], now=at("2026-11-02 10:00")))
    # The declined one is not "handled"; the registered one is still being handled.
    assert [(o.reason_code, o.finding.case_number) for o in offers] == [
        ("duplicate", second.number)
    ]
    assert "still being handled" in offers[0].facts


def test_screening_reads_a_fixed_number_of_queries(
    miit: Any, django_assert_max_num_queries: Any
) -> None:
    from datetime import date

    from kesu.cases import selectors

    for day in range(2, 9):  # earlier cases of the same customer and order
        register(miit["agent"], at(f"2026-10-{day:02d} 09:00"), subject_order_number="HL1")
    case = register(
        miit["agent"],
        at("2026-11-02 09:00"),
        subject_order_number="HL1",
        event_date=date(2026, 1, 1),
        facts="已起诉",
    )
    authority = authority_of(miit["supervisor"], now=at("2026-11-02 10:00"))
    loaded = selectors.get_case(authority, case.number)
    # the active preset (when the case's own policy has no screening), the earlier cases, the
    # reasons' names
    with django_assert_max_num_queries(3):
        offers = screening(loaded, authority)
    assert {o.reason_code for o in offers} == {
        "fee_dispute_too_old",
        "duplicate",
        "statutory_route",
    }
