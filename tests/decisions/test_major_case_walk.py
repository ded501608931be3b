"""Issue 15's walk, end to end on the real database: a major case goes from its lead department
to co-handling with two departments (one late, escalated by the deadline sweep) → deliberation
合议 → a plan approved by the role the insurer's approval matrix names → the answer with its
responsibility split → accountability 责任追究 with a rectification 整改 returned once and then
verified. Every step lands in the case history, the history chain holds, and every form of the
walk prints as a PDF whose text layer carries the case number."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from kesu.cases.models import Case
from kesu.decisions.services import deliberation as deliberations
from kesu.decisions.services.accountability import load_penalty_presets
from kesu.decisions.services.deliberation import Meeting
from kesu.decisions.services.sweep import sweep_co_handling
from kesu.domain.vocabulary import Action, Role, Severity, State
from kesu.domain.workflow import TransitionNotAllowed
from kesu.org.access import authority_of
from kesu.org.services import create_department
from tests.cases.test_attachments import PNG
from tests.conftest import at
from tests.factories import act, assigned

#: Mon 2 Nov 2026: a plain working fortnight (no holiday), so the due days are easy to check.
DAY = "2026-11-02"


def page(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client


def pdf_text(client: Client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    assert answer["Content-Type"] == "application/pdf"
    return "".join(p.extract_text() for p in PdfReader(BytesIO(answer.content)).pages)


@pytest.fixture
def walk_org(org: Any) -> Any:
    call_command("load_presets", approvals="insurer", verbosity=0, stdout=StringIO())
    load_penalty_presets()
    legal = create_department(code="legal", name="法规部", parent=org.hq)
    org.add("lawyer", Role.HANDLER, legal, "钱律")
    return org


def test_a_major_case_walks_every_decision_on_the_record(walk_org: Any, api: Any) -> None:
    org = walk_org
    case = assigned(org, DAY, severity=Severity.MAJOR, facts="热水器漏水，客户称已联系报社记者。")
    number = case.number

    # 1. The lead department asks two departments for help (协办), sharing a photo.
    with time_machine.travel(at(f"{DAY} 11:30"), tick=False):
        photo = api("handler").client.post(
            f"/api/v1/cases/{number}/attachments",
            {"file": SimpleUploadedFile("现场照片.png", PNG, content_type="image/png")},
        )
        assert photo.status_code == 201, photo.content
        tasks = {}
        for department, assignee, text in (
            ("quality", "quality", "请出具质量鉴定意见。"),
            ("legal", "lawyer", "媒体介入，请出具法律意见。"),
        ):
            asked = api("handler").post(
                f"/cases/{number}/co-handling",
                {"department": department, "request": text, "assignee": assignee,
                 "attachments": [photo.json()["id"]]},
            )  # fmt: skip
            assert asked.status_code == 201, asked.content
            tasks[department] = asked.json()["id"]
    with time_machine.travel(at(f"{DAY} 14:00"), tick=False):
        for task in tasks.values():
            approved = api("supervisor").post(
                f"/cases/{number}/co-handling/{task}/decision", {"approve": True}
            )
            assert approved.status_code == 200, approved.content
        assert approved.json()["due_at"].startswith("2026-11-09")  # 5 working days
    with time_machine.travel(at("2026-11-05 10:00"), tick=False):
        on_time = api("quality").post(
            f"/cases/{number}/co-handling/{tasks['quality']}/answer",
            {"answer": "经鉴定，内胆焊缝存在质量缺陷。"},
        )
        assert on_time.json()["late"] is False
    # The legal department misses its day: the sweep escalates it like any clock.
    sweep_co_handling(now=at("2026-11-10 08:00"))
    assert case.events.filter(action="co_handling_escalated").exists()
    with time_machine.travel(at("2026-11-10 10:00"), tick=False):
        late = api("lawyer").post(
            f"/cases/{number}/co-handling/{tasks['legal']}/answer",
            {"answer": "合同条款约定明确，建议协商赔偿。"},
        )
        assert late.json()["late"] is True

    # 2. Deliberation 合议: a major case is convened straight away by the supervisor.
    convened_at = at("2026-11-10 11:00")
    deliberation = deliberations.convene(
        case_id=case.pk,
        authority=authority_of(org["supervisor"], now=convened_at),
        meeting=Meeting(
            meeting_at=at("2026-11-11 14:00"),
            place="三楼会议室",
            participants=["manager", "handler", "quality"],
            evidence=[photo.json()["id"]],
        ),
        now=convened_at,
    )
    after = at("2026-11-11 16:00")
    deliberations.record_minutes(
        deliberation_id=deliberation.pk,
        authority=authority_of(org["supervisor"], now=after),
        minutes="质量部确认缺陷，法规部建议协商赔偿。",
        now=after,
    )
    for username in ("supervisor", "manager", "handler", "quality"):
        deliberations.confirm_opinion(
            deliberation_id=deliberation.pk,
            authority=authority_of(org[username], now=after),
            opinion="同意赔偿五千元并更换热水器。",
            now=after,
        )
    deliberations.record_decision(
        deliberation_id=deliberation.pk,
        authority=authority_of(org["supervisor"], now=after),
        text="赔偿五千元并更换热水器。",
        final=True,
        now=after,
    )

    # 3. The plan goes to the approver the matrix names: ¥5,000 is the customer-service
    # manager's under the insurer's table, not the supervisor's.
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-12 09:00"), note="已联系客户。")
    act(case, org["handler"], Action.RECORD_INVESTIGATION, at("2026-11-12 09:30"), note="查明")
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-12 10:00"),
        plan="赔偿五千元并更换热水器。", approval_action="plan", amount=Decimal(5000))  # fmt: skip
    case.refresh_from_db()
    assert case.plan_approver_role == "cs_manager"
    with pytest.raises(TransitionNotAllowed):
        act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-12 11:00"))
    act(case, org["manager"], Action.APPROVE_PLAN, at("2026-11-12 11:00"), note="同意")

    # 4. The answer carries the result and the responsibility split (seed's 60/40).
    with time_machine.travel(at("2026-11-12 15:00"), tick=False):
        answered = api("handler").act(
            number, "answer", answer="赔偿五千元并更换热水器。", result_method="compensation",
            result_amount="5000", loss_amount="8000",
            responsibility=[{"kind": "supplier", "name": "热水器厂", "percent": "60"},
                            {"kind": "our_company", "percent": 40}],
        )  # fmt: skip
        assert answered.status_code == 200, answered.content
    case.refresh_from_db()
    assert case.state == State.ANSWERED

    # 5. Accountability: the installer's department is held responsible; the penalty is
    # approved by the role the routing names; the rectification is returned once, verified.
    with time_machine.travel(at("2026-11-13 09:00"), tick=False):
        tier = api("discipline").get("/penalty-tiers").json()[0]
        found = api("discipline").post(
            f"/cases/{number}/findings",
            {"department": org.after_sales.pk, "person": org["handler"].pk,
             "grounds": "未按规范安装导致漏水", "evidence": [photo.json()["id"]],
             "tier": tier["id"], "amount": "50"},
        )  # fmt: skip
        assert found.status_code == 201, found.content
        finding = found.json()
        assert finding["approver_role"] == "cs_manager"
        decision = f"/findings/{finding['id']}/decision"
        decided = api("manager").post(decision, {"decision": "approve"})
        assert decided.status_code == 200, decided.content
        issued = api("discipline").post(
            f"/findings/{finding['id']}/rectification", {"requirement": "全员复训安装规范"}
        )
        assert issued.status_code == 201, issued.content
        rectification = issued.json()["id"]
    for day, outcome in (("2026-11-16", "returned"), ("2026-11-18", "verified")):
        with time_machine.travel(at(f"{day} 10:00"), tick=False):
            reported = api("head").post(
                f"/rectifications/{rectification}/report", {"report": "已组织复训"}
            )
            assert reported.status_code == 200, reported.content
            checked = api("discipline").post(
                f"/rectifications/{rectification}/verification",
                {"outcome": outcome, "reason": "缺少培训签到表"},
            )
            assert checked.status_code == 200, checked.content
    assert checked.json()["state"] == "verified"

    # Every step is on the record, in order, and the chain over it holds.
    recorded = list(Case.objects.get(pk=case.pk).events.values_list("action", flat=True))
    expected = [
        "co_handling_requested", "co_handling_approved", "co_handling_answered",
        "co_handling_escalated", "deliberation_convened", "deliberation_minutes",
        "deliberation_opinion", "deliberation_decided", "submit_plan", "approve_plan", "answer",
        "finding_recorded", "finding_decided", "rectification_issued", "rectification_reported",
        "rectification_returned", "rectification_verified",
    ]  # fmt: skip
    positions = [recorded.index(action) for action in expected]
    assert positions == sorted(positions), recorded
    out = StringIO()
    call_command("verify_history", stdout=out)
    assert "BROKEN" not in out.getvalue()

    # Every form of the walk prints, with the case number in its text layer.
    office, discipline = page(org["supervisor"]), page(org["discipline"])
    forms = [
        (office, f"/cases/{number}/print/registration.pdf"),
        (office, f"/cases/{number}/print/handling.pdf"),
        (office, f"/cases/{number}/co-handling/{tasks['quality']}.pdf"),
        (office, f"/cases/{number}/co-handling/{tasks['legal']}.pdf"),
        (office, f"/deliberations/{deliberation.pk}/record.pdf"),
        (discipline, f"/accountability/findings/{finding['id']}/decision.pdf"),
        (discipline, f"/rectifications/{rectification}/notice.pdf"),
    ]
    for client, path in forms:
        assert number in pdf_text(client, path).replace(" ", ""), path
