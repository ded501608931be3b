"""Transitions through the service: clocks, extensions, provisional closure, delegation, history."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kesu.cases.models import AppendOnlyError, Case, CaseEvent
from kesu.core.errors import ServiceError
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.vocabulary import Action, State
from kesu.org.services import create_delegation
from tests.conftest import at
from tests.factories import act, assigned, register


def local_day(moment: Any) -> str:
    return timezone.localtime(moment).date().isoformat()


@pytest.fixture
def in_progress(org: Any) -> Case:
    case = assigned(org, "2026-09-28")
    return act(
        case, org["handler"], Action.LOG_CONTACT, at("2026-09-29 09:00"), note="已联系客户。"
    )


def test_acceptance_sets_contact_and_resolution_due(in_progress: Case) -> None:
    assert local_day(in_progress.first_contact_due) == "2026-10-13"
    assert local_day(in_progress.resolution_due) == "2026-10-23"
    assert not in_progress.due_provisional


def test_a_promised_deadline_overrides_the_policy(org: Any) -> None:
    case = register(org["agent"], at("2026-11-23 10:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-23 10:05"), promised_days=3)
    case.refresh_from_db()
    assert local_day(case.resolution_due) == "2026-11-26"


def test_pausing_over_national_day_moves_the_open_clocks(
    org: Any, in_progress: Case, pausable: None
) -> None:
    act(
        in_progress,
        org["handler"],
        Action.PAUSE_CLOCK,
        at("2026-09-30 17:00"),
        reason_code="appraisal",
    )
    with pytest.raises(TransitionNotAllowed):
        act(
            in_progress,
            org["handler"],
            Action.PAUSE_CLOCK,
            at("2026-09-30 17:30"),
            reason_code="appraisal",
        )
    resumed = act(in_progress, org["handler"], Action.RESUME_CLOCK, at("2026-10-09 09:00"))
    # Working days that began while paused: 8 and 9 October → resolution moves by two.
    assert local_day(resumed.resolution_due) == "2026-10-27"
    # First contact already happened, so its clock stays where it was.
    assert local_day(resumed.first_contact_due) == "2026-10-13"
    event = CaseEvent.objects.filter(case=in_progress, action="resume_clock").get()
    assert event.changes["resolution_due"][0].startswith("2026-10-23")


def test_pause_needs_a_known_reason(org: Any, in_progress: Case) -> None:
    with pytest.raises(ServiceError) as refused:
        act(
            in_progress,
            org["handler"],
            Action.PAUSE_CLOCK,
            at("2026-09-30 17:00"),
            reason_code="lunch",
        )
    assert refused.value.field == "reason_code"


def test_extension_needs_a_supervisor_and_a_reason(org: Any, in_progress: Case) -> None:
    with pytest.raises(TransitionNotAllowed):
        act(
            in_progress,
            org["handler"],
            Action.EXTEND_DEADLINE,
            at("2026-10-20 09:00"),
            extension_amount=5,
            note="复杂",
        )
    with pytest.raises(ServiceError):
        act(
            in_progress,
            org["supervisor"],
            Action.EXTEND_DEADLINE,
            at("2026-10-20 09:00"),
            extension_amount=5,
        )
    extended = act(
        in_progress, org["supervisor"], Action.EXTEND_DEADLINE, at("2026-10-20 09:00"),
        extension_amount=5, note="需第三方鉴定，延长5个工作日。",
    )  # fmt: skip
    assert local_day(extended.resolution_due) == "2026-10-30"
    event = CaseEvent.objects.filter(case=in_progress, action="extend_deadline").get()
    assert event.actor == org["supervisor"]
    assert event.note == "需第三方鉴定，延长5个工作日。"


def test_provisional_closure_reopens_on_contact_within_three_months(
    org: Any, in_progress: Case
) -> None:
    closed = act(
        in_progress,
        org["supervisor"],
        Action.PROVISIONALLY_CLOSE,
        at("2026-10-12 09:00"),
        note="客户拒绝方案。",
    )
    assert closed.state == State.PROVISIONALLY_CLOSED
    assert (
        local_day(closed.provisional_until) == "2026-12-29"
    )  # 3 months after last contact (29 Sep)
    with pytest.raises(TransitionNotAllowed):
        act(closed, org["supervisor"], Action.FINALIZE, at("2026-12-01 09:00"))
    reopened = act(
        closed, org["handler"], Action.LOG_CONTACT, at("2026-12-01 09:00"), note="客户补充证据。"
    )
    assert reopened.state == State.IN_PROGRESS
    assert reopened.provisional_until is None


def test_provisional_closure_closes_after_the_window(org: Any, in_progress: Case) -> None:
    act(
        in_progress,
        org["supervisor"],
        Action.PROVISIONALLY_CLOSE,
        at("2026-10-12 09:00"),
        note="联系不上客户。",
    )
    with pytest.raises(TransitionNotAllowed):
        act(in_progress, org["handler"], Action.LOG_CONTACT, at("2027-01-05 09:00"), note="太晚了")
    final = act(in_progress, org["supervisor"], Action.FINALIZE, at("2027-01-05 09:00"))
    assert final.state == State.CLOSED
    assert final.closed_at is not None


def test_a_delegate_acts_with_the_delegators_authority_and_history_shows_both(
    org: Any, in_progress: Case
) -> None:
    act(in_progress, org["handler"], Action.SUBMIT_PLAN, at("2026-10-08 09:00"), plan="免费维修。")
    create_delegation(
        delegator=org["supervisor"],
        delegate=org["agent"],
        starts_at=at("2026-10-08 00:00"),
        ends_at=at("2026-10-10 00:00"),
        reason="年假",
    )
    approved = act(
        in_progress, org["agent"], Action.APPROVE_PLAN, at("2026-10-09 10:00"), note="代为批准。"
    )
    assert approved.state == State.PLAN_APPROVED
    event = CaseEvent.objects.filter(case=in_progress, action="approve_plan").get()
    assert (event.actor, event.on_behalf_of, event.acting_role) == (
        org["agent"],
        org["supervisor"],
        "supervisor",
    )
    # After the delegation ends the agent has no approving authority.
    act(in_progress, org["handler"], Action.ANSWER, at("2026-10-10 09:00"), answer="已维修。")
    act(in_progress, org["agent"], Action.NOT_SATISFIED, at("2026-10-12 09:00"), note="仍有异响。")
    act(in_progress, org["handler"], Action.SUBMIT_PLAN, at("2026-10-12 10:00"), plan="更换整机。")
    with pytest.raises(TransitionNotAllowed):
        act(in_progress, org["agent"], Action.APPROVE_PLAN, at("2026-10-12 11:00"))


def test_history_is_append_only(in_progress: Case) -> None:
    event = CaseEvent.objects.filter(case=in_progress).first()
    assert event is not None
    event.note = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_refused_transition_changes_nothing(org: Any, in_progress: Case) -> None:
    before = CaseEvent.objects.filter(case=in_progress).count()
    with pytest.raises(ServiceError):
        act(in_progress, org["handler"], Action.SUBMIT_PLAN, at("2026-10-08 09:00"), plan="  ")
    in_progress.refresh_from_db()
    assert in_progress.state == State.IN_PROGRESS
    assert CaseEvent.objects.filter(case=in_progress).count() == before


def test_major_cases_take_the_major_policy(org: Any) -> None:
    case = register(org["agent"], at("2026-11-23 10:00"), major_criteria=("mainstream_media",))
    assert case.severity == "major"
    act(case, org["agent"], Action.ACCEPT, at("2026-11-23 10:05"))
    case.refresh_from_db()
    assert case.policy is not None
    assert case.policy.code == "insurer_major"
    assert case.resolution_due - case.accepted_at > timedelta(days=29)
    event = CaseEvent.objects.filter(case=case, action="register").get()
    assert event.changes == {"severity": ["general", "major"]}


def test_due_times_in_an_unpublished_year_are_provisional(org: Any) -> None:
    case = register(org["agent"], at("2026-12-22 10:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-12-22 10:05"))
    case.refresh_from_db()
    assert case.resolution_due.year == 2027
    assert case.due_provisional


def test_expired_provisional_closures_close_by_themselves(org: Any, in_progress: Case) -> None:
    from kesu.cases.services.sweeps import close_expired_provisional

    act(
        in_progress,
        org["supervisor"],
        Action.PROVISIONALLY_CLOSE,
        at("2026-10-12 09:00"),
        note="联系不上。",
    )
    assert close_expired_provisional(now=at("2026-12-28 09:00")) == []
    assert close_expired_provisional(now=at("2026-12-30 09:00")) == [in_progress.number]
    in_progress.refresh_from_db()
    assert in_progress.state == State.CLOSED
    event = CaseEvent.objects.filter(case=in_progress, action="finalize").get()
    assert event.actor.username == "system"
    assert event.note
    assert close_expired_provisional(now=at("2026-12-31 09:00")) == []
