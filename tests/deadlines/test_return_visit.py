"""The return-visit clock 回访 (R-15) and the investigation clock 调查: started and stopped by
the workflow's own transitions, on the record, swept like the other clocks — walked with a
moving clock over the 2026 National Day holiday and the 调休 Saturday 10 Oct."""

from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from kesu.cases.models import Case, CaseEvent
from kesu.deadlines.models import CaseAlert, DeadlinePolicy
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from tests.conftest import at
from tests.factories import act, assigned


def answered(org: Any, day: str = "2026-09-28", when: str = "2026-09-30 09:00") -> Case:
    case = assigned(org, day)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{day} 14:00"), note="已联系客户。")
    act(case, org["handler"], Action.SUBMIT_PLAN, at(f"{day} 15:00"), plan="上门维修。")
    act(case, org["supervisor"], Action.APPROVE_PLAN, at(f"{day} 16:00"))
    return act(case, org["handler"], Action.ANSWER, at(when), answer="已上门修好。")


def return_visit_alerts(case: Case) -> list[tuple[str, int]]:
    rows = CaseAlert.objects.filter(case=case, clock="return_visit").order_by("fired_at", "level")
    return list(rows.values_list("kind", "level"))


def test_answer_starts_the_return_visit_clock_on_the_record(org: Any) -> None:
    case = answered(org)
    # 3 working days after Wed 30 Sep (holiday 1–7 Oct): 8 Oct, 9 Oct, the worked Saturday 10 Oct.
    assert case.return_visit_due == at("2026-10-10 23:59:59")
    assert case.answered_at is not None
    event = CaseEvent.objects.filter(case=case, action=Action.ANSWER).get()
    assert event.changes["return_visit_due"] == [None, "2026-10-10T23:59:59+08:00"]


def test_return_visit_warns_escalates_and_confirmation_stops_it(org: Any, api: Any) -> None:
    case = answered(org)
    with time_machine.travel(at("2026-10-05 12:00"), tick=True) as traveller:
        call_command("sweep_deadlines", verbosity=0)  # holiday, 75 % not reached yet
        assert return_visit_alerts(case) == []
        traveller.move_to(at("2026-10-08 10:00"))  # 75 % of 30 Sep 09:00 → 10 Oct 23:59
        call_command("sweep_deadlines", verbosity=0)
        assert return_visit_alerts(case) == [("warning_share", 0)]
        traveller.move_to(at("2026-10-10 09:00"))  # one working day before: 9 Oct 23:59
        call_command("sweep_deadlines", verbosity=0)
        assert ("warning_day_before", 0) in return_visit_alerts(case)
        traveller.move_to(at("2026-10-11 12:00"))  # breached (a Sunday): level 1 to the receiver
        call_command("sweep_deadlines", verbosity=0)
        assert ("escalation", 1) in return_visit_alerts(case)
        traveller.move_to(at("2026-10-12 12:00"))  # level 2 waits one working day: end of 12 Oct
        call_command("sweep_deadlines", verbosity=0)
        assert ("escalation", 2) not in return_visit_alerts(case)
        traveller.move_to(at("2026-10-13 08:00"))  # level 2: heads of the receiver's line
        call_command("sweep_deadlines", verbosity=0)
        assert ("escalation", 2) in return_visit_alerts(case)
    # The front office owns the return visit: the intake agent who took the call is asked to
    # make it when the answer is given, then hears first of its deadline.
    agent_inbox = Notification.objects.filter(recipient=org["agent"], channel="in_app")
    templates = list(agent_inbox.order_by("id").values_list("template", flat=True))
    assert templates == [
        "return_visit_requested", "deadline_warning", "deadline_warning", "deadline_overdue"
    ]
    assert "回访" in agent_inbox.filter(template="deadline_overdue").get().body
    assert not Notification.objects.filter(
        recipient=org["handler"], template__startswith="deadline_"
    ).exists()
    # 客户服务部 has no head: the complaint supervisors hear of level 2 (never nobody).
    level2 = CaseEvent.objects.filter(case=case, action="escalate", data__level=2).get()
    assert level2.data["clock"] == "return_visit"
    assert level2.data["recipients"] == ["supervisor"]
    detail = api("agent").get(f"/cases/{case.number}").json()
    assert detail["due"]["return_visit"].startswith("2026-10-10T23:59:59")
    assert "return_visit" in detail["due"]["overdue"]
    closed = act(case, org["agent"], Action.CONFIRM, at("2026-10-13 10:00"))
    assert closed.return_visited_at == at("2026-10-13 10:00")
    assert closed.next_alert_at is None
    confirm = CaseEvent.objects.filter(case=case, action=Action.CONFIRM).get()
    assert confirm.changes["return_visited_at"] == [None, "2026-10-13T10:00:00+08:00"]


def test_not_satisfied_stops_the_visit_and_a_new_answer_starts_a_fresh_one(org: Any) -> None:
    case = answered(org)
    back = act(case, org["agent"], Action.NOT_SATISFIED, at("2026-10-09 10:00"), note="仍不制冷。")
    assert back.return_visited_at == at("2026-10-09 10:00")
    assert back.answered_at is None
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-10-09 11:00"), plan="更换压缩机。")
    act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-10-09 12:00"))
    again = act(case, org["handler"], Action.ANSWER, at("2026-10-09 15:00"), answer="已更换。")
    # Fri 9 Oct + 3 working days: Sat 10 Oct (调休), Mon 12, Tue 13 Oct.
    assert again.return_visit_due == at("2026-10-13 23:59:59")
    assert again.return_visited_at is None


def test_a_policy_without_a_return_visit_starts_no_clock(org: Any) -> None:
    DeadlinePolicy.objects.filter(code="platform_default").update(return_visit_amount=None)
    case = answered(org)
    assert case.return_visit_due is None
    assert case.next_alert_at is None


def test_changing_the_policy_does_not_move_a_running_return_visit(org: Any) -> None:
    case = answered(org)
    DeadlinePolicy.objects.filter(code="platform_default").update(return_visit_amount=10)
    case.refresh_from_db()
    assert case.return_visit_due == at("2026-10-10 23:59:59")
    again = act(case, org["supervisor"], Action.RECALCULATE_DEADLINES, at("2026-10-09 09:00"),
                note="回访时限改为10个工作日。")  # fmt: skip
    # 10 working days after 30 Sep, counted on purpose and recorded: 8, 9, 10, 12…16, 19, 20 Oct.
    assert again.return_visit_due == at("2026-10-20 23:59:59")
    event = CaseEvent.objects.filter(case=case, action=Action.RECALCULATE_DEADLINES).get()
    assert "return_visit_due" in event.changes


def test_the_investigation_clock_runs_from_acceptance_until_findings(org: Any) -> None:
    DeadlinePolicy.objects.filter(code="platform_default").update(
        investigation_amount=5, investigation_unit="working_days"
    )
    case = assigned(org, "2026-11-02")  # accepted Mon 2 Nov 10:00
    assert case.investigation_due == at("2026-11-09 23:59:59")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-03 09:00"), note="已联系。")
    done = act(case, org["handler"], Action.RECORD_INVESTIGATION, at("2026-11-04 09:00"),
               note="压缩机故障。")  # fmt: skip
    assert done.investigated_at == at("2026-11-04 09:00")
    from kesu.cases.services.deadlines import open_clocks

    assert "investigation_due" not in open_clocks(done)


@pytest.mark.parametrize("code", ["platform_default", "dealer_service_quality", "enquiry_one_day"])
def test_the_migration_fills_the_same_values_as_the_presets(code: str) -> None:
    import importlib

    from kesu.domain.presets.policies import DEADLINE_POLICY_PRESETS

    migration = importlib.import_module(
        "kesu.deadlines.migrations.0006_policy_return_visit_and_investigation"
    )
    preset = next(p for p in DEADLINE_POLICY_PRESETS if p.code == code)
    visit = preset.rules.return_visit
    expected = (visit.period.amount, visit.period.unit) if visit else None
    filled = migration.PRESET_CLOCKS.get(code, (None, None))[1]
    assert filled == expected


def test_a_reopened_case_gets_fresh_first_contact_and_investigation_times(org: Any) -> None:
    """Back from a provisional closure, a clock still outstanding starts again from the reopening
    (never later than the new resolution due time) instead of escalating every level at once."""
    DeadlinePolicy.objects.filter(code="platform_default").update(
        investigation_amount=5, investigation_unit="working_days"
    )
    case = assigned(org, "2026-09-28")  # the customer could never be reached
    act(case, org["supervisor"], Action.PROVISIONALLY_CLOSE, at("2026-09-29 09:00"),
        note="多次联系不上客户。")  # fmt: skip
    reopened = act(case, org["supervisor"], Action.REOPEN, at("2026-11-20 10:00"),
                   note="客户来电，提供了新的照片。")  # fmt: skip
    # Fri 20 Nov + 5 working days = Fri 27 Nov; + 7 = Tue 1 Dec; resolution + 15 = Fri 11 Dec.
    assert reopened.investigation_due == at("2026-11-27 23:59:59")
    assert reopened.first_contact_due == at("2026-12-01 23:59:59")
    assert reopened.resolution_due == at("2026-12-11 23:59:59")
    event = CaseEvent.objects.filter(case=case, action=Action.REOPEN).get()
    assert event.changes["investigation_due"][1] == "2026-11-27T23:59:59+08:00"
    with time_machine.travel(at("2026-11-20 11:00"), tick=False):
        call_command("sweep_deadlines", verbosity=0)
    late = CaseAlert.objects.filter(case=case, kind="escalation", fired_at__gte=at("2026-11-20"))
    assert not late.exists()  # nothing is overdue right after the reopening


def test_a_call_while_the_return_visit_runs_tells_the_receiver(org: Any, api: Any) -> None:
    case = answered(org)  # the department answered; the receiver owes the return visit
    response = api("agent").act(case.number, "hasten", note="客户来电询问回访。")
    assert response.status_code == 200
    told = Notification.objects.filter(template="case_hastened", channel="in_app")
    assert list(told.values_list("recipient__username", flat=True)) == ["agent"]
