"""Accountability 责任追究 with rectification 整改 (R-23), through the pages a user clicks: a
finding with evidence, the penalty proposed and approved by the routed role, the 整改通知书
issued, reported, returned, reported again and verified — every step in the history — and what
everyone else does not see: the penalty on the case page, in the API, in the history, in their
notifications."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from kesu.approvals.services import RuleInput, load_approval_preset, save_rule
from kesu.cases.services.attachments import add_attachment
from kesu.decisions import accountability_selectors as selectors
from kesu.decisions.models import Finding, FindingState, PenaltyTier, Rectification
from kesu.decisions.routing import penalty_approver
from kesu.decisions.services.accountability import (
    FindingInput,
    decide_penalty,
    load_penalty_presets,
    record_finding,
    sweep_rectifications,
)
from kesu.domain.approvals import ApprovalAction
from kesu.domain.vocabulary import Role
from kesu.notify.models import Notification
from kesu.org.access import authority_of
from tests.cases.test_attachments import PNG
from tests.conftest import Api, at
from tests.factories import assigned

DAY = "2026-11-23"  # a Monday
SECRET = ("一级", "30-100", "45.00", "经济处罚", "罚款")


@pytest.fixture
def world(org: Any) -> dict[str, Any]:
    assert load_penalty_presets() == 8
    assert load_penalty_presets() == 0  # idempotent
    case = assigned(org, DAY)
    photo = add_attachment(
        case_id=case.pk,
        upload=SimpleUploadedFile("录音.png", PNG, content_type="image/png"),
        authority=authority_of(org["handler"], now=at(f"{DAY} 11:30")),
        now=at(f"{DAY} 11:30"),
    )
    return {"case": case, "photo": photo}


def client(user: Any) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_catalogue_models_seed_002_as_written(org: Any) -> None:
    load_penalty_presets()
    tiers = {t.code: t for t in PenaltyTier.objects.all()}
    assert (tiers["tier_1"].fine_min, tiers["tier_1"].fine_max) == (Decimal(30), Decimal(100))
    assert tiers["tier_2"].fine_min == tiers["tier_2"].fine_max == Decimal(200)
    assert tiers["tier_2"].performance_points == 5
    assert tiers["tier_2"].company_notice
    assert tiers["tier_3"].sanction == "reprimand"
    assert tiers["tier_3"].performance_points == 10
    assert tiers["tier_4"].fine_min == Decimal(1000)
    assert tiers["tier_4"].forfeits_performance_pay
    assert tiers["tier_4"].sanction == "demerit"
    assert tiers["tier_5"].fine_min is None
    assert tiers["tier_5"].legal_referral
    assert tiers["sales_notice_complaint"].fine_min == Decimal(100)


@pytest.mark.django_db
def test_routing_sends_a_manager_s_penalty_above_the_office() -> None:
    # No approval matrix in force: the seed's default.
    assert penalty_approver(Decimal(50), False) == "cs_manager"
    assert penalty_approver(None, True) == "general_manager"


@pytest.mark.django_db
def test_the_matrix_in_force_routes_penalties_when_its_role_may_approve_them() -> None:
    # Seed 002's table: a manager's penalty goes to the general manager (followed); anyone
    # else's to the department head, who holds no approve_penalty here: the default stands,
    # so the finding never waits for someone who could not decide it.
    load_approval_preset("gm_results")
    assert penalty_approver(None, True) == "general_manager"
    assert penalty_approver(Decimal(50), False) == "cs_manager"
    save_rule(
        RuleInput(
            key="penalty_all_gm",
            action=ApprovalAction.PENALTY,
            approver_role=Role.GENERAL_MANAGER,
            position=0,  # before the preset's rules (they start at 10)
        )
    )
    assert penalty_approver(Decimal(50), False) == "general_manager"


def test_finding_to_verified_rectification_every_step_in_the_history(
    org: Any, world: dict[str, Any]
) -> None:
    case, photo = world["case"], world["photo"]
    tier = PenaltyTier.objects.get(code="tier_1")
    base = f"/cases/{case.number}/accountability/"
    with time_machine.travel(at(f"{DAY} 14:00"), tick=False):
        discipline = client(org["discipline"])
        # Outside the range: refused with the reason, nothing stored.
        bad = discipline.post(
            base,
            {
                "department": org.after_sales.pk,
                "person": org["handler"].pk,
                "grounds": "三次爽约",
                "evidence": [photo.pk],
                "tier": tier.pk,
                "amount": "150",
            },
        )
        assert bad.status_code == 400
        assert "30" in bad.content.decode()
        assert not Finding.objects.exists()
        made = discipline.post(
            base,
            {
                "department": org.after_sales.pk,
                "person": org["handler"].pk,
                "grounds": "承办人三次爽约未上门",
                "evidence": [photo.pk],
                "tier": tier.pk,
                "amount": "45",
            },
        )
        assert made.status_code == 302
    finding = Finding.objects.get()
    assert finding.approver_role == "cs_manager"
    assert finding.amount == Decimal(45)
    assert list(finding.evidence.all()) == [photo]
    ask = Notification.objects.get(
        recipient=org["manager"], template="finding_to_decide", channel="in_app"
    )
    assert not any(word in ask.body for word in SECRET)
    with time_machine.travel(at(f"{DAY} 15:00"), tick=False):
        discipline, manager = client(org["discipline"]), client(org["manager"])
        # The proposer's side may not decide; the routed manager does.
        assert (
            discipline.post(
                f"/accountability/findings/{finding.pk}/decide/", {"decision": "approve"}
            ).status_code
            == 403
        )
        assert (
            manager.post(
                f"/accountability/findings/{finding.pk}/decide/",
                {"decision": "approve", "note": "同意"},
            ).status_code
            == 302
        )
        issued = discipline.post(
            f"/accountability/findings/{finding.pk}/rectification/",
            {"requirement": "建立上门预约回访制度", "days": "3"},
        )
        assert issued.status_code == 302
    item = Rectification.objects.get()
    assert item.due_at == at("2026-11-26 23:59:59")  # three working days after Monday
    told = Notification.objects.get(
        recipient=org["head"], template="rectification_issued", channel="in_app"
    )
    assert "建立上门预约回访制度" in told.body
    page = f"/rectifications/{item.pk}/"
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        discipline, head = client(org["discipline"]), client(org["head"])
        assert head.get(page).status_code == 200
        assert head.post(f"{page}report/", {"report": "已培训"}).status_code == 302
        # Not sufficient: back to the department, with the reason and a new due day.
        assert discipline.post(f"{page}verify/", {"outcome": "returned"}).status_code == 400
        assert (
            discipline.post(
                f"{page}verify/", {"outcome": "returned", "reason": "缺少培训记录"}
            ).status_code
            == 302
        )
    item.refresh_from_db()
    assert item.state == "returned"
    assert item.returns == 1
    assert item.due_at == at("2026-11-27 23:59:59")
    with time_machine.travel(at("2026-11-25 10:00"), tick=False):
        discipline, head = client(org["discipline"]), client(org["head"])
        assert (
            head.post(
                f"{page}report/", {"report": "已培训并制定预约制度", "evidence": "培训签到表"}
            ).status_code
            == 302
        )
        assert discipline.post(f"{page}verify/", {"outcome": "verified"}).status_code == 302
    item.refresh_from_db()
    assert item.state == "verified"
    actions = list(case.events.order_by("at", "id").values_list("action", flat=True))
    assert actions[-7:] == [
        "finding_recorded",
        "finding_decided",
        "rectification_issued",
        "rectification_reported",
        "rectification_returned",
        "rectification_reported",
        "rectification_verified",
    ]
    discipline, head = client(org["discipline"]), client(org["head"])
    # Both forms print, in Chinese, read back from the PDF.
    notice = PdfReader(BytesIO(head.get(f"{page}notice.pdf").content))
    text = "".join(p.extract_text() for p in notice.pages)
    assert "整改通知书" in text
    assert "建立上门预约回访制度" in text
    assert "培训签到表" in text
    assert not any(word in text for word in SECRET)
    decision = PdfReader(
        BytesIO(discipline.get(f"/accountability/findings/{finding.pk}/decision.pdf").content)
    )
    text = "".join(p.extract_text() for p in decision.pages)
    assert "责任追究决定书" in text
    assert "45.00" in text
    assert "张伟" in text

    # Everyone else: no penalty on the case page, in the API, in the history, in notifications.
    for name in ("supervisor", "head", "handler", "agent", "analyst"):
        who = client(org[name])
        html = who.get(f"/cases/{case.number}/").content.decode()
        assert not any(word in html for word in SECRET), name
        assert who.get(base).status_code in (403, 404), name
        events = Api(org[name]).get(f"/cases/{case.number}/events")
        if events.status_code == 200:
            assert not any(word in events.content.decode() for word in SECRET), name
        assert Api(org[name]).get(f"/cases/{case.number}/findings").status_code in (403, 404)
        for note in Notification.objects.filter(recipient=org[name]):
            assert not any(word in note.body + note.subject for word in SECRET), name
    html = client(org["manager"]).get(base).content.decode()
    assert "45" in html
    assert "一级" in html


def test_a_manager_s_penalty_goes_to_the_general_manager(org: Any, world: dict[str, Any]) -> None:
    now = at(f"{DAY} 14:00")
    tier = PenaltyTier.objects.get(code="tier_3")
    finding = record_finding(
        case=world["case"],
        data=FindingInput(
            department_id=org.after_sales.pk,
            grounds="主管管理不力",
            tier_id=tier.pk,
            person_id=org["head"].pk,
        ),
        authority=authority_of(org["discipline"], now=now),
        now=now,
    )
    assert finding.subject_is_manager
    assert finding.approver_role == "general_manager"
    assert finding.amount == Decimal(300)
    manager = client(org["manager"])
    assert (
        manager.post(
            f"/accountability/findings/{finding.pk}/decide/", {"decision": "approve"}
        ).status_code
        == 403
    )
    gm = client(org["gm"])
    assert (
        gm.post(
            f"/accountability/findings/{finding.pk}/decide/",
            {"decision": "reject", "note": "证据不足"},
        ).status_code
        == 302
    )
    assert Finding.objects.get().state == FindingState.REJECTED


def test_repeat_offences_per_person_and_department(
    org: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    tier = PenaltyTier.objects.get(code="tier_2")
    for i, (person, name) in enumerate(
        [(org["handler"], ""), (org["handler"], ""), (None, "外包师傅老王"), (org["installer"], "")]
    ):
        now = at(f"{DAY} 14:0{i}")
        finding = record_finding(
            case=world["case"],
            data=FindingInput(
                department_id=(org.install if person == org["installer"] else org.after_sales).pk,
                grounds="态度冷淡",
                tier_id=tier.pk,
                person_id=person.pk if person else None,
                person_name=name,
            ),
            authority=authority_of(org["discipline"], now=now),
            now=now,
        )
        decide_penalty(
            finding_id=finding.pk,
            approve=True,
            note="",
            authority=authority_of(org["manager"], now=now),
            now=now,
        )
    reader = authority_of(org["discipline"], now=at(f"{DAY} 15:00"))
    with django_assert_max_num_queries(2):
        offences = selectors.repeat_offences(
            reader,
            start=at("2026-01-01 00:00"),
            end=at("2027-01-01 00:00"),
        )
    assert offences.people[0] == {
        "person": "张伟",
        "user_id": org["handler"].pk,
        "department": "售后服务部",
        "count": 2,
    }
    assert {r["department"]: r["count"] for r in offences.departments} == {
        "售后服务部": 3,
        "安装维修科": 1,
    }
    page = client(org["discipline"])
    with django_assert_max_num_queries(16):
        html = page.get("/accountability/").content.decode()
    assert "外包师傅老王" in html
    assert client(org["supervisor"]).get("/accountability/").status_code == 403


def test_an_overdue_rectification_is_warned_then_escalated_once(
    org: Any, world: dict[str, Any]
) -> None:
    now = at(f"{DAY} 14:00")
    tier = PenaltyTier.objects.get(code="tier_2")
    finding = record_finding(
        case=world["case"],
        data=FindingInput(
            department_id=org.after_sales.pk,
            grounds="态度冷淡",
            tier_id=tier.pk,
            person_name="外包师傅老王",
        ),
        authority=authority_of(org["discipline"], now=now),
        now=now,
    )
    from kesu.decisions.services.accountability import issue_rectification

    issue_rectification(
        finding_id=finding.pk,
        requirement="整改",
        days=1,
        authority=authority_of(org["discipline"], now=now),
        now=now,
    )
    assert sweep_rectifications(now=at(f"{DAY} 20:00")).warned == 0
    first = sweep_rectifications(now=at("2026-11-24 09:00"))
    assert (first.warned, first.escalated) == (1, 0)
    late = sweep_rectifications(now=at("2026-11-25 09:00"))
    assert (late.warned, late.escalated) == (0, 1)
    again = sweep_rectifications(now=at("2026-11-25 10:00"))
    assert (again.warned, again.escalated) == (0, 0)
    assert world["case"].events.filter(action="rectification_overdue").count() == 1
    assert Notification.objects.filter(
        recipient=org["discipline"], template="rectification_overdue"
    ).exists()


def test_the_api_records_and_decides_and_refuses_with_reasons(
    org: Any, world: dict[str, Any], api: Any
) -> None:
    case, tier = world["case"], PenaltyTier.objects.get(code="tier_1")
    body = {
        "department": org.after_sales.pk,
        "person": org["handler"].pk,
        "grounds": "三次爽约",
        "evidence": [world["photo"].pk],
        "tier": tier.pk,
    }
    path = f"/cases/{case.number}/findings"
    # A range needs an amount inside it.
    refused = api("discipline").post(path, body | {"amount": "120"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "amount_out_of_range"
    assert api("discipline").post(path, body | {"grounds": ""}).status_code == 422
    assert api("supervisor").post(path, body | {"amount": "40"}).status_code == 403
    made = api("discipline").post(path, body | {"amount": "40"})
    assert made.status_code == 201, made.content
    finding = made.json()
    assert (finding["approver_role"], finding["amount"], finding["evidence"]) == (
        "cs_manager",
        "40.00",
        ["录音.png"],
    )
    decision = f"/findings/{finding['id']}/decision"
    assert api("manager").post(decision, {"decision": "reject"}).status_code == 400
    assert api("manager").post(decision, {"decision": "approve"}).status_code == 200
    assert api("manager").post(decision, {"decision": "approve"}).status_code == 409
    issued = api("discipline").post(
        f"/findings/{finding['id']}/rectification", {"requirement": "整改"}
    )
    assert issued.status_code == 201
    number = issued.json()["id"]
    assert [r["id"] for r in api("head").get("/rectifications").json()] == [number]
    assert api("quality_head").get("/rectifications").json() == []
    assert api("quality_head").get(f"/rectifications/{number}").status_code == 404
    report = api("head").post(f"/rectifications/{number}/report", {"report": "已整改"})
    assert report.status_code == 200
    assert report.json()["state"] == "reported"
    assert (
        api("head")
        .post(f"/rectifications/{number}/verification", {"outcome": "verified"})
        .status_code
        == 403
    )
    done = api("discipline").post(f"/rectifications/{number}/verification", {"outcome": "verified"})
    assert done.json()["state"] == "verified"
    offences = api("gm").get("/repeat-offences?days=30").json()
    assert offences["people"] == [{"name": "张伟", "department": "售后服务部", "count": 1}]
    assert api("analyst").get("/repeat-offences").status_code == 403
    tiers = api("manager").get("/penalty-tiers").json()
    assert [t["code"] for t in tiers][:5] == ["tier_1", "tier_2", "tier_3", "tier_4", "tier_5"]


def test_the_pages_speak_english_and_lists_stay_bounded(
    org: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    now = at(f"{DAY} 14:00")
    tier = PenaltyTier.objects.get(code="tier_2")
    from kesu.decisions.services.accountability import issue_rectification

    for i in range(3):
        finding = record_finding(
            case=world["case"],
            data=FindingInput(
                department_id=org.after_sales.pk,
                grounds="态度冷淡",
                tier_id=tier.pk,
                person_name=f"师傅{i}",
            ),
            authority=authority_of(org["discipline"], now=now),
            now=now,
        )
        issue_rectification(
            finding_id=finding.pk,
            requirement="整改",
            days=2,
            authority=authority_of(org["discipline"], now=now),
            now=now,
        )
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.force_login(org["head"])
    english.cookies.load({"django_language": "en"})
    with django_assert_max_num_queries(14):
        page = english.get("/rectifications/")
    assert page.status_code == 200
    assert "Rectifications" in page.content.decode()
    one = Rectification.objects.first()
    assert one is not None
    detail = english.get(f"/rectifications/{one.pk}/").content.decode()
    assert "Rectification report" in detail
    english.force_login(org["discipline"])
    body = english.get(f"/cases/{world['case'].number}/accountability/").content.decode()
    assert "New accountability finding" in body
    with django_assert_max_num_queries(16):
        assert english.get("/accountability/").status_code == 200
