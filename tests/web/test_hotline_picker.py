"""Hotline entry: the pinyin category picker's markup, the severity suggestion's data, the
follow-up of a closed case (R-06) and the promised date in both languages."""

from __future__ import annotations

import re
from typing import Any

import time_machine

from kesu.cases.models import Case
from tests.cases.test_follow import REASON, closed_case
from tests.conftest import at
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM


def test_the_picker_lists_every_category_with_its_pinyin_keys(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("agent").get("/cases/new/").content.decode()
    assert '<select name="category"' in page  # still the posted field (and the no-JS picker)
    option = re.search(r'<li role="option"[^>]*data-code="after_sales_repair_delay"[^>]*>', page)
    assert option is not None
    assert 'data-initials="wxbjs"' in option.group(0)
    assert 'data-pinyin="weixiubujishi"' in option.group(0)
    assert 'data-name="维修不及时"' in option.group(0)
    assert "售后服务 › 维修不及时" in page or " › 维修不及时" in page  # shown with its path
    assert 'data-template="建议：{severity}（{reason}）"' in page
    assert 'data-group-size="5"' in page
    assert 'data-group-reason="5人以上群诉"' in page


def test_a_follow_up_is_registered_from_the_prefilled_form(org: Any) -> None:
    earlier = closed_case(org)
    client = logged_in("agent")
    data = HOTLINE_FORM | {"follows": earlier.number, "follow_reason": REASON,
                           "idempotency_key": "a" * 32}  # fmt: skip
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        form = client.get(f"/cases/new/?follows={earlier.number}").content.decode()
        assert 'name="follow_reason"' in form
        response = client.post("/cases/new/", data)
    assert response.status_code == 302, response.content.decode()
    later = Case.objects.exclude(pk=earlier.pk).get()
    assert later.follows_id == earlier.pk
    assert later.follow_reason == REASON


def test_a_follow_up_of_an_open_case_is_refused_in_words(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        client = logged_in("agent")
        first = client.post("/cases/new/", HOTLINE_FORM)
        assert first.status_code == 302
        number = Case.objects.get().number
        data = HOTLINE_FORM | {"follows": number, "follow_reason": REASON,
                               "idempotency_key": "b" * 32}  # fmt: skip
        response = client.post("/cases/new/", data)
        english = logged_in("agent", "en").post("/cases/new/", data | {"idempotency_key": "c" * 32})
    assert response.status_code == english.status_code == 400
    assert f"案件 {number} 尚未结案" in response.content.decode()
    assert f"Case {number} is not closed" in english.content.decode()
    assert Case.objects.count() == 1


def test_the_promised_date_is_read_out_in_each_language(org: Any) -> None:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        chinese = logged_in("agent")
        done = chinese.get(chinese.post("/cases/new/", HOTLINE_FORM).url).content.decode()
        english = logged_in("agent", "en")
        url = f"/cases/new/?done={Case.objects.get().number}"
        done_en = english.get(url).content.decode()
    assert re.search(r"我们将于2026年12月\d{1,2}日前答复", done)
    assert re.search(r"we will answer by \d{1,2} Dec 2026\.", done_en)
