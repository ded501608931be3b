"""The library's pages as users meet them: marking a typical case (stored masked, on the
history), the library and its search, reply templates edited on the settings pages and offered
(filled from the case) in the answer form and on the hotline form."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kesu.cases.models import Case, CaseEvent, Category
from kesu.domain.vocabulary import Action
from kesu.library.models import LibraryEntry, ReplyTemplate
from tests.conftest import Org, at
from tests.factories import act, assigned, register
from tests.web.client import logged_in

pytestmark = pytest.mark.django_db


def plan_approved(org: Org) -> Case:
    case = assigned(
        org,
        "2026-11-02",
        subject_product="华联JSQ30 燃气热水器",
        facts="家住浦东新区，热水器连接处漏水，地板泡坏。",
        complainant_name="王丽",
        complainant_phone="13812345678",
    )
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-02 15:00"), note="已联系客户。")
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-03 09:00"), plan="上门更换接头。")
    return act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-03 10:00"))


def test_a_supervisor_marks_a_typical_case_masked_and_on_the_record(org: Org) -> None:
    case = plan_approved(org)
    client = logged_in("supervisor")
    assert client.get(f"/cases/{case.number}/library/").status_code == 200
    response = client.post(
        f"/cases/{case.number}/library/",
        {
            "title": "热水器漏水 一次上门解决",
            "summary": "王丽（13812345678）反映热水器漏水，当天联系。",
            "lessons": "接头老化是常见原因，上门带配件。",
            "excellent": "on",
        },
    )
    assert response.status_code == 302
    entry = LibraryEntry.objects.get(case=case)
    assert "13812345678" not in entry.summary
    assert "王丽" not in entry.summary
    assert "138****5678" in entry.summary
    assert entry.excellent
    assert entry.category_id == case.category_id
    assert CaseEvent.objects.filter(case=case, action="library_marked").count() == 1
    # The analyst (masked reader) sees the entry in the library, found by its words.
    page = logged_in("analyst").get("/library/", {"q": "接头"}).content.decode()
    assert "热水器漏水 一次上门解决" in page
    assert "13812345678" not in page


def test_only_curators_mark_and_only_staff_read(org: Org) -> None:
    case = register(org["agent"], at("2026-11-02 09:00"))
    assert logged_in("agent").get(f"/cases/{case.number}/library/").status_code == 403
    assert logged_in("admin").get("/library/").status_code == 403
    assert logged_in("handler").get("/library/").status_code == 200


def test_the_library_search_finds_the_pudong_water_heater(org: Org) -> None:
    target = plan_approved(org)
    decoy = register(
        org["agent"], at("2026-11-05 09:00"), facts="空调漏水，浦东。", subject_product="空调"
    )
    page = logged_in("supervisor").get("/library/", {"q": "热水器 漏水 浦东"}).content.decode()
    assert target.number in page
    assert decoy.number not in page


def test_queue_search_box_uses_full_text_search(org: Org) -> None:
    target = plan_approved(org)
    decoy = register(org["agent"], at("2026-11-05 09:00"), facts="空调漏水，浦东。")
    client = logged_in("supervisor")
    response = client.post("/cases/search/", {"q": "热水器 漏水 浦东"})
    page = client.get(response["Location"]).content.decode()
    assert target.number in page
    assert decoy.number not in page


def test_templates_edited_in_settings_fill_the_answer(org: Org) -> None:
    case = plan_approved(org)
    category = Category.objects.get(code="after_sales_repair_delay")
    editor = logged_in("supervisor")
    response = editor.post(
        "/manage/replies/new/",
        {
            "kind": "reply",
            "title": "上门维修答复",
            "category": str(category.pk),
            "body": "{name}您好，您的投诉{number}（{product}）已处理完毕。",
            "sort_order": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template = ReplyTemplate.objects.get()
    ReplyTemplate.objects.create(
        kind="reply", title="别的类别", body="x", category=None, is_active=False
    )
    handler = logged_in("handler")
    page = handler.get(f"/cases/{case.number}/").content.decode()
    assert 'id="reply-template"' in page
    assert "上门维修答复" in page
    assert "别的类别" not in page  # inactive: not offered
    filled = handler.get(
        f"/cases/{case.number}/reply/", {"template": template.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f"王丽您好，您的投诉{case.number}（华联JSQ30 燃气热水器）已处理完毕。" in filled
    assert 'name="answer"' in filled
    # The analyst is not an editor; a handler cannot open the settings page either.
    assert logged_in("handler").get("/manage/replies/").status_code == 403


def test_the_hotline_offers_faq_answers(org: Org) -> None:
    faq = ReplyTemplate.objects.create(
        kind="faq", title="保修期多长", body="{name}您好，整机保修三年。", is_active=True
    )
    agent = logged_in("agent")
    page = agent.get("/cases/new/").content.decode()
    assert 'id="hotline-template"' in page
    assert "保修期多长" in page
    answer = agent.get(
        "/cases/reply/", {"template": faq.pk, "complainant_name": "张先生"}
    ).content.decode()
    assert "张先生您好，整机保修三年。" in answer


def test_library_page_in_english(org: Org) -> None:
    with translation.override("en"):
        page = logged_in("supervisor", "en").get("/library/").content.decode()
    assert "Typical cases" in page
    assert "Case library" in page


def test_the_library_page_reads_a_bounded_number_of_queries(
    org: Org, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        register(org["agent"], at(f"2026-11-1{n} 09:00"), facts=f"热水器漏水，浦东{n}号。")
    client = logged_in("supervisor")
    client.get("/library/", {"q": "热水器 漏水"})  # warm the session and the menus
    with django_assert_max_num_queries(16):
        page = client.get("/library/", {"q": "热水器 漏水"}).content.decode()
    assert page.count("浦东") >= 5
