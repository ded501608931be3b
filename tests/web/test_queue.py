"""The case queue: filters validated, masking per role, urgency marks, keyset pages, HTMX."""

from __future__ import annotations

import re
from typing import Any

import time_machine

from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, assigned, register
from tests.web.client import logged_in


def test_queue_lists_cases_with_masking_per_role(org: Any) -> None:
    register(org["agent"], at("2026-11-23 09:00"), complainant_name="王丽")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        agent_page = logged_in("agent").get("/cases/").content.decode()
        analyst_page = logged_in("analyst").get("/cases/").content.decode()
    assert "13812345678" in agent_page
    assert "王丽" in agent_page
    assert "138****5678" in analyst_page
    assert "13812345678" not in analyst_page
    assert "王丽" not in analyst_page


def test_filters_apply_and_bad_values_are_form_errors(org: Any) -> None:
    first = register(org["agent"], at("2026-11-20 09:00"), subject_product="空调A")
    second = assigned(org, "2026-11-23", subject_product="冰箱B")
    client = logged_in("supervisor")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = client.get("/cases/", {"state": "assigned"}).content.decode()
        assert second.number in page
        assert first.number not in page
        page = client.get("/cases/", {"department": "after-sales"}).content.decode()
        assert second.number in page
        assert first.number not in page
        page = client.get("/cases/", {"received_to": "2026-11-21"}).content.decode()
        assert first.number in page
        assert second.number not in page
        response = client.get(
            "/cases/",
            {"state": "nonsense", "received_from": "2026-13-40", "severity": "x", "cursor": "!!"},
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="alert"' in page
    assert first.number in page  # the invalid filters filter nothing


def test_overdue_and_due_soon_rows_stand_out(org: Any) -> None:
    late = register(org["agent"], at("2026-11-02 09:00"))  # acceptance clock long run out
    fresh = assigned(org, "2026-11-23")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("supervisor").get("/cases/").content.decode()
        overdue_only = logged_in("supervisor").get("/cases/", {"overdue": "yes"}).content.decode()
    row = re.search(
        rf'<tr class="late">\s*(<td>(<input[^>]*>)?</td>\s*)?'  # the bulk-assign checkbox cell
        rf'<td class="nowrap"><a href="/cases/{late.number}/"',
        page,
    )
    assert row is not None
    assert "剩余" in page  # the resolution clock of the fresh case: working days left
    assert fresh.number in page
    assert late.number in overdue_only
    assert fresh.number not in overdue_only


def test_remaining_and_overdue_working_days_are_written_out(org: Any) -> None:
    case = assigned(org, "2026-10-09")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("supervisor").get("/cases/").content.decode()
    assert case.number in page
    assert re.search(r"超期\d+个工作日", page)


def test_keyset_pages_and_query_budget(org: Any, django_assert_max_num_queries: Any) -> None:
    for index in range(55):
        register(org["agent"], at("2026-11-23 09:00"), complainant_name=f"客户{index}")
    client = logged_in("agent")
    with (
        time_machine.travel(at("2026-11-24 10:00"), tick=False),
        django_assert_max_num_queries(14),
    ):
        page = client.get("/cases/").content.decode()
    assert "客户54" in page
    assert "客户4<" not in page
    link = re.search(r'href="/cases/\?cursor=([^"]+)" hx-get', page)
    assert link is not None
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        second = client.get("/cases/", {"cursor": link.group(1)}).content.decode()
    assert "客户4<" in second
    assert "客户54" not in second


def test_htmx_gets_only_the_table(org: Any) -> None:
    register(org["agent"], at("2026-11-23 09:00"))
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = logged_in("agent").get(
            "/cases/", {"q": "空调"}, HTTP_HX_REQUEST="true", follow=True
        )
    page = response.content.decode()
    assert "<table>" in page
    assert "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_a_handler_sees_only_their_department(org: Any) -> None:
    mine = assigned(org, "2026-11-23")
    other = register(org["agent"], at("2026-11-23 09:30"))
    act(other, org["agent"], Action.ACCEPT, at("2026-11-23 10:00"))
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("quality").get("/cases/").content.decode()
        own = logged_in("handler").get("/cases/").content.decode()
    assert mine.number not in page
    assert mine.number in own
    assert other.number not in own


def test_pages_load_no_asset_from_the_internet(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    client = logged_in("supervisor")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        pages = [client.get(url).content.decode() for url in
                 ("/", "/cases/", "/cases/new/", f"/cases/{case.number}/")]  # fmt: skip
    for page in pages:
        assert "/static/vendor/htmx.min.js" in page
        assert "/static/kesu.css" in page
        assert not re.search(r'(src|href)="https?://', page)


def test_the_due_soon_filter(org: Any) -> None:
    late = register(org["agent"], at("2026-11-02 09:00"), complainant_name="超期客户")
    fresh = register(org["agent"], at("2026-11-24 09:00"), complainant_name="新客户")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("supervisor").get("/cases/", {"overdue": "soon"}).content.decode()
    assert fresh.number in page  # acceptance due at the end of 25 Nov
    assert late.number not in page


def test_the_queue_filters_by_handler_page_and_api(org: Any, api: Any) -> None:
    mine = assigned(org, "2026-11-20", subject_product="空调A")
    unnamed = assigned(org, "2026-11-23", handler=None, subject_product="冰箱B")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = logged_in("supervisor").get("/cases/", {"handler": "handler"}).content.decode()
        listed = api("supervisor").get("/cases", handler="handler").json()["items"]
        bad = logged_in("supervisor").get("/cases/", {"handler": "nobody"})
    assert mine.number in page
    assert unnamed.number not in page
    assert [item["number"] for item in listed] == [mine.number]
    assert bad.status_code == 200
    assert 'class="alert"' in bad.content.decode()  # not a handler: a form error, no 500
