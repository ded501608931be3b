"""The deadline sweep over real time: warnings, escalation up the hierarchy (督办), across the
2026 National Day holiday and the 调休 Saturday 10 Oct, on the real database."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command

from kesu.cases.models import Case, CaseEvent
from kesu.cases.services.escalation import sweep
from kesu.deadlines.models import CaseAlert
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from tests.conftest import at
from tests.factories import act, assigned, register


@pytest.fixture
def case(org: Any) -> Case:
    # Accepted Monday 28 Sep: first contact due 13 Oct, resolution due 23 Oct (15 working days).
    return assigned(org, "2026-09-28")


def alerts_of(case: Case) -> list[tuple[str, str, int]]:
    return list(
        CaseAlert.objects.filter(case=case)
        .order_by("fired_at", "level")
        .values_list("clock", "kind", "level")
    )


def inbox(user: Any) -> list[str]:
    """The deadline and hastening messages in a user's in-app inbox, oldest first."""
    rows = Notification.objects.filter(recipient=user, channel="in_app")
    rows = rows.exclude(template="case_assigned").order_by("id")
    return list(rows.values_list("template", flat=True))


def test_a_sweep_before_anything_is_due_does_nothing(case: Case) -> None:
    assert sweep(now=at("2026-09-29 09:00")).alerts == 0
    assert alerts_of(case) == []


def test_warnings_then_escalation_across_national_day(org: Any, case: Case) -> None:
    # 75 % of the first-contact time (28 Sep 10:00 → 13 Oct 23:59) passes on 10 Oct.
    sweep(now=at("2026-10-09 18:00"))
    assert alerts_of(case) == []
    sweep(now=at("2026-10-10 12:00"))  # the worked Saturday
    assert alerts_of(case) == [("first_contact", "warning_share", 0)]
    assert inbox(org["handler"]) == ["deadline_warning"]
    # One working day before 13 Oct is Monday 12 Oct (Sunday 11 Oct is a rest day).
    sweep(now=at("2026-10-12 23:59:59") + timedelta(seconds=1))
    assert ("first_contact", "warning_day_before", 0) in alerts_of(case)
    # The clock runs out at the end of 13 Oct: level 1 goes to the handler.
    sweep(now=at("2026-10-14 08:00"))
    assert ("first_contact", "escalation", 1) in alerts_of(case)
    # One working day later the department head hears of it, then the supervisor.
    sweep(now=at("2026-10-15 08:00"))
    assert ("first_contact", "escalation", 2) in alerts_of(case)
    assert "deadline_escalation" in inbox(org["head"])
    sweep(now=at("2026-10-16 08:00"))
    assert ("first_contact", "escalation", 3) in alerts_of(case)
    assert "deadline_escalation" in inbox(org["supervisor"])
    events = CaseEvent.objects.filter(case=case, action="escalate").order_by("id")
    assert [e.data["level"] for e in events] == [1, 2, 3]
    assert events[1].data["recipients"] == ["head"]


def test_running_the_sweep_again_adds_nothing(org: Any, case: Case) -> None:
    now = at("2026-10-20 09:00")
    first = sweep(now=now)
    assert first.alerts > 0
    sent = Notification.objects.count()
    assert sweep(now=now).alerts == 0
    assert Notification.objects.count() == sent
    # Much later (the real clock): only escalations are added, never a repeat of what fired.
    call_command("sweep_deadlines", verbosity=0)
    keys = list(CaseAlert.objects.values_list("case_id", "clock", "kind", "level", "due_at"))
    assert len(keys) == len(set(keys))
    # The first sweep came after first contact ran out, so only the resolution clock warned.
    assert Notification.objects.filter(template="deadline_warning").count() == 1


def test_an_interrupted_sweep_resumes_without_losing_or_repeating(org: Any, case: Case) -> None:
    second = register(org["agent"], at("2026-09-28 09:30"), complainant_name="李雷")
    act(second, org["agent"], Action.ACCEPT, at("2026-09-28 10:30"))
    now = at("2026-10-20 09:00")
    partial = sweep(now=now, limit=1)  # the worker is killed after the first case
    assert partial.cases == 1
    rest = sweep(now=now)
    assert rest.cases == 1
    keys = list(CaseAlert.objects.values_list("case_id", "clock", "kind", "level", "due_at"))
    assert len(keys) == len(set(keys))
    assert {case_id for case_id, *_ in keys} == {case.pk, second.pk}


def test_answering_stops_the_clock_and_its_alerts(org: Any, case: Case) -> None:
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-09-29 09:00"), note="已联系。")
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-09-29 10:00"), plan="维修。")
    act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-09-29 11:00"))
    act(case, org["handler"], Action.ANSWER, at("2026-09-30 09:00"), answer="已修好。")
    sweep(now=at("2026-11-30 09:00"))
    # Only the return visit (started by the answer) still runs; resolution never alerts.
    assert {clock for clock, _kind, _level in alerts_of(case)} == {"return_visit"}
    confirmed = act(case, org["agent"], Action.CONFIRM, at("2026-11-30 10:00"))
    assert confirmed.next_alert_at is None
    assert sweep(now=at("2026-12-30 09:00")).alerts == 0


def test_major_cases_reach_the_department_head_sooner(org: Any) -> None:
    major = assigned(org, "2026-11-02", major_criteria=("mainstream_media",))
    # First contact (7 working days) is due at the end of 11 Nov; a major case reaches the
    # department head 4 working hours later: 12 Nov 14:30 (9–12 and 13:30–14:30).
    sweep(now=at("2026-11-12 14:00"))
    assert ("first_contact", "escalation", 2) not in alerts_of(major)
    sweep(now=at("2026-11-12 14:31"))
    assert ("first_contact", "escalation", 2) in alerts_of(major)


def test_a_hastened_case_tells_its_owner(org: Any, api: Any, case: Case) -> None:
    response = api("agent").act(case.number, "hasten", note="客户再次来电催促上门。")
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.hastened_count == 1
    assert "case_hastened" in inbox(org["handler"])


def test_messages_name_the_clock_in_chinese(org: Any, case: Case) -> None:
    sweep(now=at("2026-10-14 08:00"))
    overdue = Notification.objects.filter(recipient=org["handler"], template="deadline_overdue")
    message = overdue.filter(channel="in_app").get()
    assert "首次联系" in message.body
    assert "first_contact" not in message.body


def test_the_ladder_is_configurable(org: Any, case: Case) -> None:
    from kesu.deadlines.models import EscalationLadder, EscalationStep
    from kesu.deadlines.services import forget_ladders

    standard = EscalationLadder.objects.get(code="standard")
    standard.warning_percent = 90
    standard.warn_day_before = False
    standard.save()
    EscalationStep.objects.filter(ladder=standard, level=2).update(delay_amount=3)
    forget_ladders()
    # 75 % (10 Oct) passes silently now; 90 % of 28 Sep 10:00 → 13 Oct 23:59 is 12 Oct, 07:00-ish.
    sweep(now=at("2026-10-11 12:00"))
    assert alerts_of(case) == []
    sweep(now=at("2026-10-13 12:00"))
    assert alerts_of(case) == [("first_contact", "warning_share", 0)]
    # Level 2 now waits three working days after the breach (end of 16 Oct).
    sweep(now=at("2026-10-16 12:00"))
    assert ("first_contact", "escalation", 2) not in alerts_of(case)
    sweep(now=at("2026-10-17 00:30"))
    assert ("first_contact", "escalation", 2) in alerts_of(case)
