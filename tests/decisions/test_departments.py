"""Several departments on one case (R-10, R-13), end to end on the real database: a lead
department and two co-handling departments, one answering late and escalated by the deadline
sweep across the 2026 National Day holiday; a handover refused, then acknowledged (the sender
owns the case and its clocks until then); what the assisting department sees."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from kesu.cases.models import Case, CaseEvent
from kesu.cases.services.deadlines import owners
from kesu.deadlines.models import DeadlinePolicy
from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.decisions.services.sweep import sweep_co_handling
from kesu.domain.vocabulary import Role
from kesu.notify.models import Notification
from kesu.org.services import create_department
from tests.conftest import at
from tests.factories import assigned


@pytest.fixture
def legal(org: Any) -> Any:
    """法规部 (seed 004 第六条(三)) with one handler."""
    department = create_department(code="legal", name="法规部", parent=org.hq)
    org.add("lawyer", Role.HANDLER, department, "钱律")
    return department


@pytest.fixture
def case(org: Any, legal: Any) -> Case:
    # Accepted Tuesday 29 Sep 2026 10:00, with 售后服务部 (after-sales) from 11:00.
    return assigned(org, "2026-09-29", facts="客户称已向报社记者反映，媒体可能报道。")


def seen(api: Any, user: str, number: str) -> int:
    return int(api(user).get(f"/cases/{number}").status_code)


def test_lead_and_two_assisting_departments_one_late_and_escalated(
    org: Any, api: Any, case: Case
) -> None:
    number = case.number
    evidence = None
    with time_machine.travel(at("2026-09-29 11:30"), tick=False):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.cases.test_attachments import PNG

        reply = api("handler").client.post(
            f"/api/v1/cases/{number}/attachments",
            {"file": SimpleUploadedFile("现场照片.png", PNG, content_type="image/png")},
        )
        evidence = reply.json()["id"]
        assert seen(api, "quality", number) == 404  # not involved yet
        asked = api("handler").post(
            f"/cases/{number}/co-handling",
            {"department": "quality", "request": "请出具质量鉴定意见。", "assignee": "quality",
             "attachments": [evidence]},
        )  # fmt: skip
        assert asked.status_code == 201, asked.content
        quality = asked.json()
        assert quality["state"] == "pending_approval"  # seed 004: 经咨诉主管审批同意
        assert quality["due_at"] is None
        assert quality["shared"] == [{"id": evidence, "name": "现场照片.png"}]
        legal_task = (
            api("handler")
            .post(
                f"/cases/{number}/co-handling",
                {
                    "department": "legal",
                    "request": "媒体介入，请出具法律意见。",
                    "assignee": "lawyer",
                    "legal_opinion": True,
                },
            )
            .json()
        )
        # Not before approval: the assisting department does not see the case yet.
        assert seen(api, "quality", number) == 404
        # The same department twice: refused while the first request is open.
        again = api("handler").post(
            f"/cases/{number}/co-handling", {"department": "quality", "request": "再问一次"}
        )
        assert again.status_code == 409
        assert again.json()["code"] == "task_open"

    with time_machine.travel(at("2026-09-29 14:00"), tick=False):
        for task in (quality, legal_task):
            ok = api("supervisor").post(
                f"/cases/{number}/co-handling/{task['id']}/decision", {"approve": True}
            )
            assert ok.status_code == 200, ok.content
        # 5 working days from 29 Sep: 30 Sep, (1–7 Oct holiday) 8, 9, the worked Saturday 10,
        # and Monday 12 Oct.
        due = ok.json()["due_at"]
        assert due.startswith("2026-10-12")
        # Now the assisting departments see the case (while they hold the task).
        assert seen(api, "quality", number) == 200
        assert seen(api, "lawyer", number) == 200
        assert seen(api, "quality_head", number) == 200
        assert seen(api, "installer", number) == 404  # not involved

    with time_machine.travel(at("2026-10-09 10:00"), tick=False):
        answered = api("quality").post(
            f"/cases/{number}/co-handling/{quality['id']}/answer",
            {"answer": "经鉴定，压缩机存在质量问题。"},
        )
        assert answered.status_code == 200, answered.content
        assert answered.json()["late"] is False
        assert seen(api, "quality", number) == 404  # answered: no longer theirs
        # Someone outside the assisting department may not answer.
        refused = api("installer").post(
            f"/cases/{number}/co-handling/{legal_task['id']}/answer", {"answer": "越权"}
        )
        assert refused.status_code == 404  # and does not even see the case

    # The legal department is late: the sweep raises alerts like any clock's.
    assert sweep_co_handling(now=at("2026-10-12 12:00")).alerts >= 1  # warnings before due
    sweep_co_handling(now=at("2026-10-13 08:00"))  # ran out at the end of 12 Oct: level 1
    sweep_co_handling(now=at("2026-10-14 09:00"))  # a working day later: level 2, heads
    task = CoHandlingTask.objects.get(pk=legal_task["id"])
    assert task.escalation_level == 2
    events = CaseEvent.objects.filter(case=case, action="co_handling_escalated").order_by("id")
    assert [e.data["level"] for e in events] == [1, 2]
    assert set(events[0].data["recipients"]) == {"lawyer", "handler"}
    told = Notification.objects.filter(recipient=org["lawyer"], channel="in_app")
    assert {"deadline_warning", "deadline_overdue"} <= set(told.values_list("template", flat=True))
    # Run again at the same moment: nothing twice.
    before = Notification.objects.count()
    assert sweep_co_handling(now=at("2026-10-14 09:00")).alerts == 0
    assert Notification.objects.count() == before

    with time_machine.travel(at("2026-10-14 10:00"), tick=False):
        late = api("lawyer").post(
            f"/cases/{number}/co-handling/{legal_task['id']}/answer",
            {"answer": "条款约定明确，可依约处理。"},
        )
        assert late.json()["late"] is True
        listed = api("handler").get(f"/cases/{number}/co-handling").json()
    assert [t["state"] for t in listed] == ["answered", "answered"]
    assert CoHandlingTask.objects.get(pk=legal_task["id"]).next_alert_at is None
    actions = list(case.events.values_list("action", flat=True))
    for action in ("co_handling_requested", "co_handling_approved", "co_handling_answered"):
        assert action in actions


def test_the_sweep_command_raises_co_handling_alerts(org: Any, api: Any, case: Case) -> None:
    DeadlinePolicy.objects.update(co_handling_needs_approval=False, co_handling_amount=2)
    case.refresh_from_db()
    with time_machine.travel(at("2026-09-29 12:00"), tick=False):
        task = (
            api("handler")
            .post(
                f"/cases/{case.number}/co-handling",
                {"department": "quality", "request": "请协助核实"},
            )
            .json()
        )
    assert task["state"] == "open"  # no approval under this policy
    assert task["due_at"].startswith("2026-10-08")  # 2 working days across the holiday
    with time_machine.travel(at("2026-10-10 09:00"), tick=False):
        call_command("sweep_deadlines", verbosity=0)
    assert CoHandlingTask.objects.get(pk=task["id"]).escalation_level >= 1


def test_handover_refused_then_acknowledged(org: Any, api: Any, case: Case) -> None:
    number = case.number
    resolution_due = case.resolution_due
    with time_machine.travel(at("2026-09-30 09:00"), tick=False):
        sent = api("handler").post(
            f"/cases/{number}/handovers", {"department": "quality", "reason": "属产品质量问题"}
        )
        assert sent.status_code == 201, sent.content
        first = sent.json()
        assert first["state"] == "pending"
        # Until acknowledged the sender owns the case and its clocks.
        case.refresh_from_db()
        assert case.assigned_department == org.after_sales
        assert [u.username for u in owners(case, "resolution")] == ["handler"]
        assert seen(api, "quality_head", number) == 200  # the receiver reads what it is asked
        # A second handover while one waits: refused.
        assert (
            api("handler")
            .post(f"/cases/{number}/handovers", {"department": "install", "reason": "x"})
            .status_code
            == 409
        )
        # The sender cannot acknowledge for the receiver.
        wrong = api("handler").post(
            f"/cases/{number}/handovers/{first['id']}/acknowledgement", {"acknowledge": True}
        )
        assert wrong.status_code == 403
        no_reason = api("quality_head").post(
            f"/cases/{number}/handovers/{first['id']}/acknowledgement", {"acknowledge": False}
        )
        assert no_reason.status_code == 400
        refused = api("quality_head").post(
            f"/cases/{number}/handovers/{first['id']}/acknowledgement",
            {"acknowledge": False, "reason": "非本部门职责，应由售后处理"},
        )
        assert refused.json()["state"] == "refused"
        assert seen(api, "quality_head", number) == 404
    case.refresh_from_db()
    assert case.assigned_department == org.after_sales
    assert case.handler == org["handler"]

    with time_machine.travel(at("2026-10-08 09:00"), tick=False):
        again = (
            api("head")
            .post(
                f"/cases/{number}/handovers",
                {"department": "quality", "reason": "检测报告证实为质量问题", "handler": "quality"},
            )
            .json()
        )
        ok = api("quality_head").post(
            f"/cases/{number}/handovers/{again['id']}/acknowledgement", {"acknowledge": True}
        )
        assert ok.status_code == 200, ok.content
        assert ok.json()["acknowledged_by"]["username"] == "quality_head"
    case.refresh_from_db()
    assert case.assigned_department == org.quality
    assert case.handler == org["quality"]
    assert case.resolution_due == resolution_due  # the clocks keep running, not restarted
    assert [u.username for u in owners(case, "resolution")] == ["quality"]
    assert seen(api, "handler", number) == 404  # the sender's department no longer holds it
    moved = case.events.get(action="handover")
    assert moved.changes["assigned_department"] == ["售后服务部", "质量管理部"]
    assert HandoverRequest.objects.filter(case=case).count() == 2


def test_handover_waits_for_the_general_manager_where_the_policy_says_so(
    org: Any, api: Any, case: Case
) -> None:
    DeadlinePolicy.objects.update(handover_needs_approval=True)
    with time_machine.travel(at("2026-09-30 09:00"), tick=False):
        sent = (
            api("handler")
            .post(
                f"/cases/{case.number}/handovers", {"department": "quality", "reason": "质量问题"}
            )
            .json()
        )
        assert sent["state"] == "pending_approval"
        early = api("quality_head").post(
            f"/cases/{case.number}/handovers/{sent['id']}/acknowledgement", {"acknowledge": True}
        )
        assert early.status_code == 404  # not shown to the receiver before approval
        assert (
            api("supervisor")
            .post(f"/cases/{case.number}/handovers/{sent['id']}/approval", {"approve": True})
            .status_code
            == 403
        )
        approved = api("gm").post(
            f"/cases/{case.number}/handovers/{sent['id']}/approval", {"approve": True}
        )
        assert approved.json()["state"] == "pending"
        assert approved.json()["approved_by"]["username"] == "gm"


def test_bad_input_is_refused_with_a_reason_and_stores_nothing(
    org: Any, api: Any, case: Case
) -> None:
    with time_machine.travel(at("2026-09-29 12:00"), tick=False):
        for body, code in (
            ({"department": "nowhere", "request": "x"}, "unknown_department"),
            ({"department": "after-sales", "request": "x"}, "own_department"),
            ({"department": "quality", "request": "   "}, "required"),
            ({"department": "quality", "request": "x", "assignee": "handler"}, "not_in_department"),
            ({"department": "quality", "request": "x", "attachments": [999999]},
             "unknown_attachment"),
        ):  # fmt: skip
            answer = api("handler").post(f"/cases/{case.number}/co-handling", body)
            assert answer.status_code == 400, (body, answer.content)
            assert answer.json()["code"] == code
        # An intake agent may not ask; a department outside the case does not see it.
        assert (
            api("agent")
            .post(f"/cases/{case.number}/co-handling", {"department": "quality", "request": "x"})
            .status_code
            == 403
        )
        assert (
            api("quality")
            .post(f"/cases/{case.number}/co-handling", {"department": "legal", "request": "x"})
            .status_code
            == 404
        )
        too_long = api("handler").post(
            f"/cases/{case.number}/co-handling", {"department": "quality", "request": "长" * 4001}
        )
        assert too_long.status_code == 422
    assert CoHandlingTask.objects.count() == 0
    assert not case.events.filter(action__startswith="co_handling").exists()


def test_every_history_action_of_this_app_fits_its_column() -> None:
    from kesu.cases.models import CaseEvent
    from kesu.cases.services.transitions import HANDOVER
    from kesu.decisions.services import cohandling, handover

    length = CaseEvent._meta.get_field("action").max_length or 0
    actions = [
        cohandling.REQUESTED, cohandling.APPROVED, cohandling.REFUSED, cohandling.ANSWERED,
        cohandling.ESCALATED, handover.REQUESTED, handover.APPROVED, handover.REFUSED, HANDOVER,
    ]  # fmt: skip
    assert all(len(action) <= length for action in actions)
