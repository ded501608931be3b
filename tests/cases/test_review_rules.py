"""Rules tightened after review: four eyes on plans, delegation per department, fresh deadlines
when a case comes back, what a search may reveal, and who may register and attach."""

from typing import Any

import pytest
import time_machine
from django.utils import timezone

from kesu.cases.models import Case, CaseEvent
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.vocabulary import Action, State
from kesu.org.services import create_delegation
from tests.conftest import PHONE_COMPLAINT, at
from tests.factories import act, assigned, register


def day(moment: Any) -> str:
    return timezone.localtime(moment).date().isoformat()


@pytest.fixture
def handled(org: Any) -> Case:
    case = assigned(org, "2026-11-02")
    return act(
        case,
        org["handler"],
        Action.LOG_CONTACT,
        at("2026-11-03 09:00"),
        note="已联系。",
        method="sms",
    )


def test_the_contact_method_is_on_the_record(handled: Case) -> None:
    event = CaseEvent.objects.get(case=handled, action="log_contact")
    assert event.data == {"method": "sms"}


def test_a_supervisor_does_not_approve_their_own_plan(org: Any, handled: Case) -> None:
    act(handled, org["supervisor"], Action.SUBMIT_PLAN, at("2026-11-04 09:00"), plan="赔偿500元。")
    with pytest.raises(TransitionNotAllowed):
        act(handled, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-04 10:00"))
    approved = act(handled, org["manager"], Action.APPROVE_PLAN, at("2026-11-04 10:00"))
    assert approved.state == State.PLAN_APPROVED


def test_an_unsatisfied_customer_gets_a_fresh_resolution_period(org: Any, handled: Case) -> None:
    act(handled, org["handler"], Action.SUBMIT_PLAN, at("2026-11-04 09:00"), plan="维修。")
    act(handled, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-04 10:00"))
    act(handled, org["handler"], Action.ANSWER, at("2026-11-05 09:00"), answer="已维修。")
    back = act(handled, org["agent"], Action.NOT_SATISFIED, at("2026-11-20 09:00"), note="仍漏水。")
    assert back.answered_at is None
    assert day(back.resolution_due) == "2026-12-11"  # 15 working days from 20 Nov
    assert back.next_due == back.resolution_due


def test_reopening_a_provisional_closure_restarts_handling(
    org: Any, handled: Case, pausable: None
) -> None:
    act(
        handled,
        org["handler"],
        Action.PAUSE_CLOCK,
        at("2026-11-04 09:00"),
        reason_code="waiting_customer",
    )
    closed = act(
        handled,
        org["supervisor"],
        Action.PROVISIONALLY_CLOSE,
        at("2026-11-10 09:00"),
        note="联系不上。",
    )
    assert closed.clock_paused_at is None  # nothing runs while provisionally closed
    assert closed.next_due is None
    reopened = act(
        closed, org["handler"], Action.LOG_CONTACT, at("2026-12-01 09:00"), note="客户来电补充。"
    )
    assert reopened.state == State.IN_PROGRESS
    assert day(reopened.resolution_due) == "2026-12-22"


def test_a_short_promise_brings_first_contact_forward(org: Any) -> None:
    case = register(org["agent"], at("2026-11-23 10:00"))
    accepted = act(case, org["agent"], Action.ACCEPT, at("2026-11-23 10:05"), promised_days=2)
    assert accepted.first_contact_due == accepted.resolution_due
    assert day(accepted.resolution_due) == "2026-11-25"


def test_paused_cases_are_not_overdue(org: Any, api: Any, handled: Case, pausable: None) -> None:
    act(
        handled, org["handler"], Action.PAUSE_CLOCK, at("2026-11-04 09:00"), reason_code="appraisal"
    )
    handled.refresh_from_db()
    assert handled.next_due is None
    with time_machine.travel(at("2027-01-10 09:00"), tick=False):
        assert api("agent").get("/cases", overdue="true").json()["items"] == []


def test_a_delegated_role_counts_only_over_the_delegators_department(
    org: Any, handled: Case
) -> None:
    quality_case = register(org["agent"], at("2026-11-02 12:00"), complainant_name="李雷")
    act(quality_case, org["agent"], Action.ACCEPT, at("2026-11-02 12:05"))
    act(
        quality_case, org["supervisor"], Action.ASSIGN, at("2026-11-02 12:10"), department="quality"
    )
    create_delegation(
        delegator=org["head"],  # head of after-sales
        delegate=org["quality"],  # a handler in quality
        starts_at=at("2026-11-01 00:00"),
        ends_at=at("2026-12-01 00:00"),
        reason="出差",
    )
    # On the quality case the borrowed department-head role does not count …
    with pytest.raises(TransitionNotAllowed):
        act(
            quality_case,
            org["quality"],
            Action.ASSIGN,
            at("2026-11-05 09:00"),
            department="quality",
        )
    # … on the after-sales case it does, and the record says on whose behalf.
    act(
        handled,
        org["quality"],
        Action.ASSIGN,
        at("2026-11-05 09:00"),
        department="install",
        handler="installer",
    )
    event = CaseEvent.objects.filter(case=handled, action="assign").latest("id")
    assert (event.actor, event.on_behalf_of, event.acting_role) == (
        org["quality"],
        org["head"],
        "department_head",
    )


def test_a_same_role_delegation_is_recorded(org: Any, handled: Case) -> None:
    create_delegation(
        delegator=org["handler"],
        delegate=org["quality"],
        starts_at=at("2026-11-01 00:00"),
        ends_at=at("2026-12-01 00:00"),
        reason="病假",
    )
    act(
        handled,
        org["quality"],
        Action.RECORD_INVESTIGATION,
        at("2026-11-05 09:00"),
        note="现场查看。",
    )
    event = CaseEvent.objects.get(case=handled, action="record_investigation")
    assert event.on_behalf_of == org["handler"]


def test_handlers_may_register_and_then_see_their_case(api: Any) -> None:
    response = api("handler").post("/cases", PHONE_COMPLAINT)
    assert response.status_code == 201
    number = response.json()["number"]
    assert api("handler").get(f"/cases/{number}").status_code == 200
    assert api("quality").get(f"/cases/{number}").status_code == 404


def test_administrators_may_not_register(api: Any) -> None:
    response = api("admin").post("/cases", PHONE_COMPLAINT)
    assert response.status_code == 403
    assert response.json()["code"] == "not_allowed"


def test_a_masked_search_does_not_confirm_phone_numbers_or_names(api: Any) -> None:
    api("agent").post("/cases", PHONE_COMPLAINT)
    assert len(api("agent").get("/cases", q="13812345678").json()["items"]) == 1
    assert len(api("agent").get("/cases", q="王丽").json()["items"]) == 1
    assert api("analyst").get("/cases", q="13812345678").json()["items"] == []
    assert api("analyst").get("/cases", q="王丽").json()["items"] == []
    assert len(api("analyst").get("/cases", q="空调").json()["items"]) == 1


def test_idempotency_keys_belong_to_their_sender(api: Any) -> None:
    first = api("agent").post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "shared-key"})
    other = api("supervisor").post("/cases", PHONE_COMPLAINT, **{"Idempotency-Key": "shared-key"})
    assert first.status_code == other.status_code == 201
    assert first.json()["number"] != other.json()["number"]


def test_trailing_spaces_do_not_make_a_second_case(api: Any) -> None:
    agent = api("agent")
    first = agent.post("/cases", PHONE_COMPLAINT)
    again = agent.post("/cases", PHONE_COMPLAINT | {"complainant_name": "王丽 "})
    assert again.status_code == 200
    assert again.json()["number"] == first.json()["number"]


def test_search_finds_product_models_and_phones_typed_with_spaces(api: Any) -> None:
    agent = api("agent")
    agent.post("/cases", PHONE_COMPLAINT | {"complainant_phone": "138 1234-5678"})
    assert len(agent.get("/cases", q="KFR-35GW").json()["items"]) == 1
    assert len(agent.get("/cases", q="138 1234 5678").json()["items"]) == 1
    assert (
        agent.get("/cases", q="13812345678").json()["items"][0]["complainant"]["phone"]
        == "13812345678"
    )


def test_pausing_a_late_case_does_not_hide_it(
    org: Any, api: Any, handled: Case, pausable: None
) -> None:
    # The resolution clock ran out on 24 Nov; pausing on 1 Dec keeps the case on the overdue list.
    act(
        handled, org["handler"], Action.PAUSE_CLOCK, at("2026-12-01 09:00"), reason_code="appraisal"
    )
    with time_machine.travel(at("2026-12-02 09:00"), tick=False):
        late = api("agent").get("/cases", overdue="true").json()["items"]
    assert [c["number"] for c in late] == [handled.number]


def test_the_history_shows_action_parameters(api: Any, handled: Case) -> None:
    events = api("agent").get(f"/cases/{handled.number}/events").json()
    contact = next(e for e in events if e["action"] == "log_contact")
    assert contact["data"] == {"method": "sms"}


def test_the_system_account_gets_no_api_token(org: Any) -> None:
    from kesu.core.errors import ServiceError
    from kesu.org.services import issue_api_token, system_user

    with pytest.raises(ServiceError):
        issue_api_token(user=system_user(), name="x")


def test_the_customer_is_told_the_number_and_the_promise_and_the_handler_is_told_of_the_case(
    org: Any,
) -> None:
    from kesu.notify.models import Notification

    case = register(org["agent"], at("2026-11-23 10:00"), complainant_email="wangli@example.com")
    act(case, org["agent"], Action.ACCEPT, at("2026-11-23 10:05"))
    # The platform default promises what seed 004 第五条(一) says: contact and handling (W6).
    to_customer = Notification.objects.filter(case=case, template="case_acknowledged_contact")
    assert sorted(to_customer.values_list("channel", "address")) == [
        ("email", "wangli@example.com"),
        ("sms", "13812345678"),
    ]
    sms = to_customer.get(channel="sms")
    assert case.number in sms.body
    assert "12月2日" in sms.body  # contact within 7 working days of 23 Nov
    act(
        case,
        org["supervisor"],
        Action.ASSIGN,
        at("2026-11-23 11:00"),
        department="after-sales",
        handler="handler",
    )
    assigned = Notification.objects.get(case=case, template="case_assigned", channel="in_app")
    assert assigned.recipient == org["handler"]
