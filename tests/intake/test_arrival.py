"""Repeat contacts on arrival: attached to the open case as 催办 where the channel attaches,
offered where the agent decides (hotline); a complaint about a recently closed case follows
it; the same submission twice is one outcome."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Action, State
from kesu.intake.services.arrival import Outcome
from kesu.notify.models import Notification
from tests.cases.test_follow import closed_case
from tests.conftest import at
from tests.factories import assigned
from tests.intake.conftest import arrive

pytestmark = pytest.mark.django_db
CALLER = "13812345678"


def test_a_contact_about_an_open_case_hastens_it_when_the_channel_attaches(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    arrival = arrive(
        org["agent"], at("2026-11-03 10:00"), attach=True, facts="师傅还是没来，我再催一下。"
    )
    assert arrival.outcome is Outcome.HASTENED
    assert arrival.case.pk == case.pk
    assert not arrival.created
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.hastened_count == 1
    event = CaseEvent.objects.filter(case=case, action=Action.HASTEN).get()
    assert "师傅还是没来" in event.note
    # The owner (the handler of the assigned case) is told.
    assert Notification.objects.filter(
        template="case_hastened", recipient=org["handler"], case=case
    ).exists()


def test_the_same_contact_twice_hastens_once(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    for minute in ("10:00", "10:01"):
        arrival = arrive(
            org["agent"], at(f"2026-11-03 {minute}"), attach=True, facts="我再催一下。"
        )
        assert arrival.case.pk == case.pk
    keyed = [
        arrive(org["agent"], at("2026-11-04 10:00"), attach=True, key="k-1", facts="又来催")
        for _ in range(2)
    ]
    assert [(a.outcome, a.repeated) for a in keyed] == [
        (Outcome.HASTENED, False),
        (Outcome.HASTENED, True),
    ]
    case.refresh_from_db()
    assert case.hastened_count == 2
    assert Case.objects.count() == 1


def test_the_hotline_is_offered_the_open_cases_and_registers(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    arrival = arrive(org["agent"], at("2026-11-03 10:00"), facts="另一台洗衣机漏水。")
    assert arrival.outcome is Outcome.REGISTERED
    assert [c.pk for c in arrival.offered] == [case.pk]
    assert Case.objects.count() == 2


def test_a_double_submission_registers_once_and_does_not_hasten_its_own_case(org: Any) -> None:
    first = arrive(org["agent"], at("2026-11-03 10:00"), attach=True, facts="冰箱不制冷。")
    again = arrive(org["agent"], at("2026-11-03 10:00"), attach=True, facts="冰箱不制冷。")
    assert first.created
    assert again.case.pk == first.case.pk
    assert not again.created
    assert Case.objects.get().hastened_count == 0


def test_a_complaint_about_a_recently_closed_case_follows_it(org: Any) -> None:
    case = closed_case(org, "2026-10-12", facts="空调报修后一周无人上门。")
    assert case.state == State.CLOSED
    arrival = arrive(
        org["agent"], at("2026-10-20 10:00"), attach=True, facts="空调报修后还是无人上门。"
    )
    assert arrival.outcome is Outcome.FOLLOW_UP
    assert arrival.created
    assert arrival.case.follows_id == case.pk
    assert "无人上门" in arrival.case.follow_reason


def test_a_different_complaint_of_the_same_caller_is_a_new_case(org: Any) -> None:
    closed_case(org, "2026-10-12", facts="空调报修后一周无人上门。")
    arrival = arrive(
        org["agent"], at("2026-10-20 10:00"), attach=True, facts="电视机开机黑屏，有声音没图像。"
    )
    assert arrival.outcome is Outcome.REGISTERED
    assert arrival.case.follows_id is None


def test_a_follow_up_submitted_twice_makes_one_case_and_no_hastening(org: Any) -> None:
    closed_case(org, "2026-10-12", facts="空调报修后一周无人上门。")
    first = arrive(
        org["agent"], at("2026-10-20 10:00"), attach=True, facts="空调报修后还是无人上门。"
    )
    again = arrive(
        org["agent"], at("2026-10-20 10:00"), attach=True, facts="空调报修后还是无人上门。"
    )
    assert first.outcome is Outcome.FOLLOW_UP
    assert again.case.pk == first.case.pk
    assert not again.created
    assert Case.objects.count() == 2
    assert Case.objects.get(pk=first.case.pk).hastened_count == 0
