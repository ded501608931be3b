"""The handling result with the answer (R-17): method, amount, loss, and the responsibility
split whose parts add up to exactly 100 — the seed's factory 60 % / customer 40 % — on the page,
in the API and in the history; a split that does not add up is refused in the user's language
and nothing is stored."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import time_machine
from django.test import Client

from kesu.cases.models import Case, CaseEvent, ResponsibilityShare
from kesu.domain.vocabulary import Action, State
from tests.conftest import at
from tests.factories import act, assigned

SPLIT = [
    {"kind": "supplier", "name": "华强电器厂", "percent": "60"},
    {"kind": "customer", "percent": 40},
]


def plan_approved(org: Any) -> Case:
    case = assigned(org, "2026-11-02")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-02 15:00"), note="已联系客户。")
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-03 09:00"), plan="返厂维修。")
    return act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-03 10:00"))


def test_the_api_records_the_sixty_forty_split_with_the_answer(org: Any, api: Any) -> None:
    case = plan_approved(org)
    with time_machine.travel(at("2026-11-04 09:00"), tick=False):
        answered = api("handler").act(
            case.number, "answer", answer="已返厂维修，费用按责任比例分摊。",
            result_method="repair", result_amount="800", loss_amount=1200.5,
            responsibility=SPLIT,
        )  # fmt: skip
    assert answered.status_code == 200, answered.content
    body = answered.json()
    assert body["result_method"] == "repair"
    assert Decimal(body["result_amount"]) == Decimal("800.00")
    assert Decimal(body["loss_amount"]) == Decimal("1200.50")
    assert [(s["kind"], s["name"], Decimal(s["percent"])) for s in body["responsibility"]] == [
        ("supplier", "华强电器厂", Decimal(60)),
        ("customer", "", Decimal(40)),
    ]
    event = CaseEvent.objects.get(case=case, action=Action.ANSWER)
    assert event.data["responsibility"][0] == {
        "kind": "supplier", "name": "华强电器厂", "percent": "60",
    }  # fmt: skip
    assert event.changes["loss_amount"] == [None, "1200.50"]
    fetched = api("supervisor").get(f"/cases/{case.number}").json()
    assert len(fetched["responsibility"]) == 2


def test_a_split_not_adding_up_is_refused_in_chinese_and_english(org: Any, api: Any) -> None:
    case = plan_approved(org)
    wrong = [{"kind": "supplier", "percent": 60}, {"kind": "customer", "percent": 30}]
    with time_machine.travel(at("2026-11-04 09:00"), tick=False):
        zh = api("handler").act(case.number, "answer", answer="已处理。", responsibility=wrong)
        en = api("handler", "en").act(case.number, "answer", answer="Done.", responsibility=wrong)
        twice = [{"kind": "customer", "percent": 50}, {"kind": "customer", "percent": 50}]
        duplicate = api("handler").act(case.number, "answer", answer="x", responsibility=twice)
    assert zh.status_code == en.status_code == duplicate.status_code == 400
    assert zh.json()["code"] == "responsibility_not_hundred"
    assert "责任比例合计必须为100%" in zh.json()["message"]
    assert "90" in zh.json()["message"]
    assert "must add up to 100%" in en.json()["message"]
    assert duplicate.json()["code"] == "responsibility_duplicate_party"
    case.refresh_from_db()
    assert case.state == State.PLAN_APPROVED
    assert not case.answer
    assert not ResponsibilityShare.objects.exists()


def test_the_answer_form_takes_the_split_and_the_case_page_shows_it(org: Any) -> None:
    case = plan_approved(org)
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(org["handler"])
    form = {
        "action": "answer", "answer-answer": "已返厂维修。", "answer-result_method": "repair",
        "answer-result_amount": "800", "answer-loss_amount": "1200",
        "answer-share_kind_1": "supplier", "answer-share_name_1": "华强电器厂",
        "answer-share_percent_1": "60", "answer-share_kind_2": "customer",
        "answer-share_percent_2": "30",
    }  # fmt: skip
    with time_machine.travel(at("2026-11-04 09:00"), tick=False):
        refused = client.post(f"/cases/{case.number}/act/", form)
        assert refused.status_code == 400
        assert "责任比例合计必须为100%（现为90%）" in refused.content.decode()
        half = client.post(
            f"/cases/{case.number}/act/", form | {"answer-share_percent_2": ""}
        )  # a party without its share
        assert half.status_code == 400
        assert "请同时填写责任方和比例" in half.content.decode()
        done = client.post(f"/cases/{case.number}/act/", form | {"answer-share_percent_2": "40"})
        assert done.status_code == 302
        page = client.get(f"/cases/{case.number}/").content.decode()
    assert "厂家/供应商（华强电器厂） 60%" in page
    assert "客户 40%" in page
    assert "¥1,200.00" in page
