"""The portal's pages without a browser: a double-tapped submit makes one case, a bad file stores
nothing, tracking needs the code, additions land in the history and tell the owner, the rating
is stored once and counted."""

from __future__ import annotations

from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kesu.cases.models import Case, CaseRating
from kesu.domain.vocabulary import Action, State
from kesu.notify.models import Notification
from tests.cases.test_attachments import PNG
from tests.conftest import at
from tests.factories import act
from tests.portal.conftest import PHONE, handle_to_answer, last_code, public

FORM = {
    "name": "林小姐",
    "phone": PHONE,
    "facts": "新买的冰箱不制冷。",
    "product": "BCD-520 冰箱",
    "order_number": "JD20261120001",
    "amount": "4599",
    "demand": "换货",
    "privacy_consent": "on",
    "token": "3f1c9a0d6b2e4f7a8c5d1e2f3a4b5c6d",
}


def photo(name: str = "冰箱.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_a_double_tapped_submit_makes_one_case_with_its_photo(org: Any) -> None:
    client = public()
    first = client.post("/portal/complain/", FORM | {"evidence": photo()})
    second = client.post("/portal/complain/", FORM | {"evidence": photo()})
    assert first.status_code == second.status_code == 302
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert [a.original_name for a in case.attachments.all()] == ["冰箱.png"]
    done = client.get(first["Location"])
    assert case.number in done.content.decode()
    assert "受理" in done.content.decode()


def test_a_file_of_the_wrong_type_stores_nothing(org: Any) -> None:
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 8, content_type="application/x-msdownload")
    answer = public("en").post("/portal/complain/", FORM | {"evidence": bad})
    assert answer.status_code == 200
    assert "cannot be attached" in answer.content.decode()
    assert not Case.objects.exists()


def test_consent_is_required_on_the_form(org: Any) -> None:
    form = {k: v for k, v in FORM.items() if k != "privacy_consent"}
    answer = public("en").post("/portal/complain/", form)
    assert "Please read and agree to the privacy notice." in answer.content.decode()
    assert not Case.objects.exists()


def _tracked_client(sms: list[tuple[str, str]], number: str, language: str = "zh-hans") -> Any:
    client = public(language)
    step = client.post("/portal/track/", {"number": number, "phone": PHONE})
    assert step.status_code == 200
    opened = client.post(
        "/portal/track/", {"number": number, "phone": PHONE, "code": last_code(sms)}
    )
    assert opened.status_code == 302
    assert opened["Location"] == "/portal/case/"
    return client


def test_the_case_page_needs_the_code(org: Any, sms: list[tuple[str, str]]) -> None:
    public().post("/portal/complain/", FORM)
    assert public().get("/portal/case/")["Location"] == "/portal/track/"
    number = Case.objects.get().number
    page = _tracked_client(sms, number).get("/portal/case/")
    assert page.status_code == 200
    assert number in page.content.decode()


def test_added_information_lands_in_the_history_and_tells_the_owner(
    org: Any, sms: list[tuple[str, str]]
) -> None:
    with time_machine.travel(at("2026-11-24 09:00"), tick=False):
        public().post("/portal/complain/", FORM)
    case = Case.objects.get()
    act(case, org["agent"], Action.ACCEPT, at("2026-11-24 10:00"))
    act(case, org["supervisor"], Action.ASSIGN, at("2026-11-24 10:30"), department="after-sales",
        handler="handler")  # fmt: skip
    client = _tracked_client(sms, case.number)
    added = client.post(
        "/portal/case/add/", {"text": "补充：购买发票见附件。", "evidence": photo("发票.png")}
    )
    assert added.status_code == 302
    event = case.events.filter(action="customer_addition").get()
    assert event.note == "补充：购买发票见附件。"
    assert event.data["source"] == "portal"
    assert case.attachments.filter(original_name="发票.png").exists()
    told = Notification.objects.filter(case=case, recipient=org["handler"])
    notice = told.get(template="customer_added_information", channel="in_app")
    assert notice.subject == f"客户补充了信息：案件 {case.number}"
    assert f"客户在客户门户为案件 {case.number} 补充了信息：补充：购买发票见附件。" in notice.body
    assert not told.filter(template="case_hastened").exists()  # not mistaken for chasing


def test_rating_after_the_answer_is_stored_once(org: Any, sms: list[tuple[str, str]]) -> None:
    with time_machine.travel(at("2026-11-24 09:00"), tick=False):
        public().post("/portal/complain/", FORM)
    case = handle_to_answer(org, Case.objects.get())
    assert case.state == State.ANSWERED
    client = _tracked_client(sms, case.number, "en")
    rated = client.post("/portal/case/rate/", {"result": 4, "process": 5, "comment": "Quick."})
    assert rated.status_code == 302
    rating = CaseRating.objects.get(case=case)
    assert (rating.result, rating.process, rating.comment, rating.source) == (
        4,
        5,
        "Quick.",
        "portal",
    )
    assert case.events.filter(action="rating").exists()
    again = client.post("/portal/case/rate/", {"result": 1, "process": 1})
    assert again.status_code == 400
    assert "already been rated" in again.content.decode()
    assert CaseRating.objects.count() == 1


def test_rating_before_the_answer_is_refused(org: Any, sms: list[tuple[str, str]]) -> None:
    public().post("/portal/complain/", FORM)
    client = _tracked_client(sms, Case.objects.get().number, "en")
    refused = client.post("/portal/case/rate/", {"result": 4, "process": 5})
    assert refused.status_code == 400
    assert not CaseRating.objects.exists()


def test_the_lock_page_says_when_to_come_back(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_CODE_TRIES = 2
    public().post("/portal/complain/", FORM)
    number = Case.objects.get().number
    client = public()
    client.post("/portal/track/", {"number": number, "phone": PHONE})
    first = client.post("/portal/track/", {"number": number, "phone": PHONE, "code": "99999x"})
    assert first.status_code == 200
    locked = client.post("/portal/track/", {"number": number, "phone": PHONE, "code": "99999x"})
    assert locked.status_code == 429
    assert "30 分钟" in locked.content.decode()
