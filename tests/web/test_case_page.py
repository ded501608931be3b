"""The case page and its action forms, walked through the web views as the right users."""

from __future__ import annotations

import re
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kesu.cases.models import Case
from tests.conftest import PHONE_COMPLAINT, at
from tests.factories import assigned, register
from tests.web.client import logged_in

HOTLINE_FORM = {k: v for k, v in PHONE_COMPLAINT.items() if k not in {"subject_purchase_date"}} | {
    "complainant_count": "1",
    "complainant_relation": "self",
    "severity": "general",
    "accept_now": "on",
    "idempotency_key": "0f6d1c6a2b0f4c0e9d8a7b6c5d4e3f21",
}


NOTE_MESSAGE = "请记录沟通内容。"


def post_action(client: Any, number: str, action: str, **fields: str) -> Any:
    data = {"action": action} | {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(f"/cases/{number}/act/", data)


def test_full_walk_through_the_web_views(org: Any) -> None:
    agent, supervisor, handler = (logged_in(u) for u in ("agent", "supervisor", "handler"))
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = agent.post("/cases/new/", HOTLINE_FORM)
        assert response.status_code == 302, response.content.decode()
        done = agent.get(response.url).content.decode()
        case = Case.objects.get()
        assert case.state == "accepted"
        assert f"请告知客户：投诉编号 {case.number}，我们将于" in done
        assert re.search(r"我们将于2026年12月\d+日前答复", done)
        number = case.number
        page = supervisor.get(f"/cases/{number}/").content.decode()
        assert "分派" in page
        assert 'name="assign-department"' in page
        assert 'name="accept-note"' not in page  # only what the user may do now
        steps = [
            (supervisor, "assign", {"department": "after-sales", "handler": "handler"}),
            (handler, "log_contact", {"method": "phone", "note": "已电话联系客户，约定明天上门。"}),
            (handler, "submit_plan", {"plan": "上门维修并赔礼道歉", "method": "repair",
                                      "amount": "200.00"}),
            (supervisor, "approve_plan", {}),
            (handler, "answer", {"answer": "已维修完毕，并致歉。"}),
            (agent, "confirm", {"note": "客户表示满意。"}),
        ]  # fmt: skip
        for client, action, fields in steps:
            response = post_action(client, number, action, **fields)
            assert response.status_code == 302, (action, response.content.decode())
            assert response.url == f"/cases/{number}/"
        page = agent.get(f"/cases/{number}/").content.decode()
    assert Case.objects.get().state == "closed"
    for text in (
        "已结案",
        "已电话联系客户",
        "上门维修并赔礼道歉",
        "¥200.00",
        "¥3,299.00",
        f"案件 {number} 已结案，客户满意。",
    ):
        assert text in page
    assert page.index("案件已登记") < page.index("客户表示满意")  # oldest first


def test_missing_note_or_reason_is_shown_next_to_the_form(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = post_action(logged_in("handler"), case.number, "log_contact", method="phone")
        assert response.status_code == 400
        assert "errorlist" in response.content.decode()
        assert NOTE_MESSAGE in response.content.decode()
        fresh = assigned(org, "2026-11-23", complainant_name="李明")
        supervisor = logged_in("supervisor")
        response = post_action(supervisor, fresh.number, "pause_clock", reason_code="bogus")
        assert response.status_code == 400
        assert "errorlist" in response.content.decode()


def test_decline_needs_a_reason(org: Any) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"))
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = post_action(logged_in("agent"), case.number, "decline")
        assert response.status_code == 400
        page = response.content.decode()
        assert 'name="decline-reason_code"' in page
        assert "errorlist" in page
        response = post_action(
            logged_in("agent"), case.number, "decline", reason_code="out_of_scope"
        )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "declined"


def test_a_refused_action_shows_the_409_message(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = post_action(logged_in("agent"), case.number, "accept")
    assert response.status_code == 409
    assert "「受理」" in response.content.decode()


def test_another_departments_handler_gets_404(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        quality = logged_in("quality")
        assert quality.get(f"/cases/{case.number}/").status_code == 404
        assert post_action(quality, case.number, "log_contact", note="x").status_code == 404
        assert logged_in("handler").get(f"/cases/{case.number}/").status_code == 200


def test_the_case_page_masks_personal_data_for_analysts(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("analyst").get(f"/cases/{case.number}/").content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    assert "此案件当前没有您可办理的操作" in page


def test_evidence_upload_and_download(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    handler = logged_in("handler")
    photo = SimpleUploadedFile("发票.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = handler.post(f"/cases/{case.number}/attachments/", {"file": photo})
        assert response.status_code == 302
        page = handler.get(f"/cases/{case.number}/").content.decode()
        link = re.search(r'href="(/api/v1/cases/[^"]+/attachments/\d+)"', page)
        assert link is not None
        assert "发票.pdf" in page
        download = handler.get(link.group(1))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
        bad = SimpleUploadedFile("x.pdf", b"MZ....", content_type="application/pdf")
        response = handler.post(f"/cases/{case.number}/attachments/", {"file": bad})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_a_stopped_clock_says_whether_it_was_met(org: Any) -> None:
    # New-user review D17: the deadline rows said 已停止 for every clock of a closed case.
    from kesu.domain.vocabulary import Action
    from tests.factories import act

    case = assigned(org, "2026-11-02")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-03 10:00"), note="已联系")
    act(case, org["handler"], Action.RECORD_INVESTIGATION, at("2026-11-16 10:00"), note="查明")
    with time_machine.travel(at("2026-11-16 11:00"), tick=False):
        page = logged_in("supervisor").get(f"/cases/{case.number}/").content.decode()
    rows = {name: page.split(f">{name}<")[1].split("</tr>")[0] for name in ("首次联系", "调查")}
    assert "按时" in rows["首次联系"]
    assert "超时 3 个工作日" in rows["调查"]  # due 11 Nov, recorded 16 Nov
