"""Archives (issue 20 part 2) through the API: an archive number on closure (gap-free per
year), the 查阅档案 walk request → approval → time-limited read → expiry, and destruction only
with the general manager's approval, refused under a legal hold."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from kesu.archives.models import Archive
from kesu.cases.models import Case, CaseEvent
from kesu.cases.services.retention import set_legal_hold
from kesu.org.access import authority_of
from kesu.whistleblowing import services as reports
from tests.cases.test_follow import closed_case
from tests.conftest import at

pytestmark = pytest.mark.django_db


def closed_report(org: Any) -> Case:
    receipt = reports.submit_report(
        reports.Submission(facts="财务人员虚报差旅费。", identity=None),
        now=at("2026-11-23 09:00"),
    )
    officer = authority_of(org["discipline"], now=at("2026-11-23 10:00"))
    reports.accept(officer, receipt.case.pk, now=at("2026-11-23 10:00"))
    return reports.close_report(
        officer, receipt.case.pk, outcome="经查属实。", now=at("2026-11-24 10:00")
    )


def test_closed_cases_get_gap_free_archive_numbers(org: Any) -> None:
    first = closed_case(org, "2026-11-23")
    second = closed_case(org, "2026-11-24")
    numbers = [Archive.objects.get(case=c).number for c in (first, second)]
    assert numbers == ["DA2026-00001", "DA2026-00002"]
    event = CaseEvent.objects.get(case=first, action="confirm")  # the closing step
    assert event.data["archive"] == "DA2026-00001"
    assert event.data["confidential"] is False
    assert not Archive.objects.get(case=first).confidential


def test_the_reading_walk_request_approval_read_expiry(org: Any, api: Any) -> None:
    case = closed_report(org)
    archive = Archive.objects.get(case=case)
    assert archive.confidential
    officer, gm, manager = api("discipline"), api("gm"), api("manager")
    with time_machine.travel(at("2026-11-25 09:00"), tick=False):
        assert officer.get(f"/cases/{case.number}").status_code == 404  # closed and sealed
        assert officer.get(f"/whistleblowing/{case.number}").status_code == 404
        listed = officer.get("/archives").json()
        assert [a["number"] for a in listed] == [archive.number]
        bad = officer.post(f"/archives/{archive.number}/requests", {"reason": "复查", "days": 99})
        assert bad.status_code == 422
        asked = officer.post(
            f"/archives/{archive.number}/requests", {"reason": "复查举报处理", "days": 3}
        )
        assert asked.status_code == 201
        request_id = asked.json()["id"]
        assert manager.get("/archive-requests").json()["waiting"] == []  # the president's
        assert manager.post(f"/archive-requests/{request_id}", {"approve": True}).status_code == 404
        assert officer.post(f"/archive-requests/{request_id}", {"approve": True}).status_code == 404
        waiting = gm.get("/archive-requests").json()["waiting"]
        assert [w["id"] for w in waiting] == [request_id]
        approved = gm.post(f"/archive-requests/{request_id}", {"approve": True, "note": "同意"})
        assert approved.json()["state"] == "approved"
        assert approved.json()["expires_at"].startswith("2026-11-28")
        assert officer.get(f"/cases/{case.number}").status_code == 200
        assert officer.get(f"/archives/{archive.number}").json()["readable_until"]
        assert gm.get(f"/cases/{case.number}").status_code == 404  # approving is not reading
    with time_machine.travel(at("2026-11-28 09:01"), tick=False):
        assert officer.get(f"/cases/{case.number}").status_code == 404  # expired
        assert officer.get(f"/archives/{archive.number}").json()["readable_until"] is None
    actions = list(
        CaseEvent.objects.filter(case=case).order_by("seq").values_list("action", flat=True)
    )
    assert actions[-3:] == ["wb_close", "archive_access_asked", "archive_access_approved"]
    closing = CaseEvent.objects.get(case=case, action="wb_close")
    assert closing.data == {"archive": archive.number, "confidential": True}


def test_a_confidential_complaint_archive_is_approved_by_the_manager(org: Any, api: Any) -> None:
    case = closed_case(org)
    number = Archive.objects.get(case=case).number
    assert api("supervisor").get(f"/cases/{case.number}").status_code == 200
    assert api("manager").post(f"/archives/{number}/confidential").json()["confidential"]
    assert api("supervisor").get(f"/cases/{case.number}").status_code == 404
    asked = api("supervisor").post(
        f"/archives/{number}/requests", {"reason": "客户再次来电", "days": 1}
    )
    waiting = api("manager").get("/archive-requests").json()["waiting"]
    assert [w["id"] for w in waiting] == [asked.json()["id"]]
    api("manager").post(f"/archive-requests/{asked.json()['id']}", {"approve": False})
    assert api("supervisor").get(f"/cases/{case.number}").status_code == 404


def test_destruction_needs_the_general_manager_and_no_legal_hold(org: Any, api: Any) -> None:
    case = closed_case(org)
    number = Archive.objects.get(case=case).number
    now = at("2026-11-25 09:00")
    set_legal_hold(
        authority=authority_of(org["manager"], now=now),
        case_id=case.pk,
        hold=True,
        reason="诉讼中",
        now=now,
    )
    refused = api("manager").post(f"/archives/{number}/destruction", {"reason": "超过保管期"})
    assert refused.status_code == 409
    set_legal_hold(
        authority=authority_of(org["manager"], now=now),
        case_id=case.pk,
        hold=False,
        reason="结案",
        now=now,
    )
    asked = api("manager").post(f"/archives/{number}/destruction", {"reason": "超过保管期"})
    assert asked.status_code == 201
    destruction_id = asked.json()["id"]
    assert (
        api("manager")
        .post(f"/archive-destructions/{destruction_id}", {"approve": True})
        .status_code
        == 404
    )
    done = api("gm").post(f"/archive-destructions/{destruction_id}", {"approve": True})
    assert done.json()["state"] == "approved"
    case.refresh_from_db()
    assert case.complainant_phone == ""
    assert "王" in case.complainant_name
    assert "丽" not in case.complainant_name
    assert Archive.objects.get(number=number).destroyed_at is not None
    assert Case.objects.filter(pk=case.pk).exists()  # never deleted
    assert CaseEvent.objects.filter(case=case, action="archive_destroyed").exists()


def test_a_general_manager_named_in_a_report_does_not_decide_reading_its_archive(
    org: Any, api: Any
) -> None:
    """Recusal (seed 004 第十三条) reaches the archive: the general manager named in a report
    neither sees the request to read its file nor approves it; another general manager does."""
    receipt = reports.submit_report(
        reports.Submission(facts="总经理授意虚增采购价格。", identity=None),
        now=at("2026-11-23 09:00"),
    )
    officer = authority_of(org["discipline"], now=at("2026-11-23 10:00"))
    reports.accept(officer, receipt.case.pk, now=at("2026-11-23 10:00"))
    reports.name_person(officer, receipt.case.pk, username="gm", now=at("2026-11-23 11:00"))
    case = reports.close_report(
        officer, receipt.case.pk, outcome="已移交。", now=at("2026-11-24 10:00")
    )
    archive = Archive.objects.get(case=case)
    from kesu.domain.vocabulary import Role

    org.add("gm2", Role.GENERAL_MANAGER, org.hq, "副总经理")
    with time_machine.travel(at("2026-11-25 09:00"), tick=False):
        asked = api("discipline").post(
            f"/archives/{archive.number}/requests", {"reason": "复查", "days": 3}
        )
        assert asked.status_code == 201, asked.content
        request_id = asked.json()["id"]
        assert api("gm").get("/archive-requests").json()["waiting"] == []
        refused = api("gm").post(f"/archive-requests/{request_id}", {"approve": True})
        assert refused.status_code == 404
        waiting = api("gm2").get("/archive-requests").json()["waiting"]
        assert [w["id"] for w in waiting] == [request_id]
        assert (
            api("gm2").post(f"/archive-requests/{request_id}", {"approve": True}).json()["state"]
            == "approved"
        )
