"""The notification centre copes with hundreds of notices (D4): 30 to a page, filtered by unread
and by kind, all of a kind marked read at once, a case's notices read when its page is opened,
and a badge that counts exactly what the list can show."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.test import Client

from kesu.cases.models import Case
from kesu.notify.models import Notification
from kesu.notify.services import Message, notify_many
from tests.conftest import at
from tests.factories import assigned

NOTICE_ID = re.compile(r'name="id" value="(\d+)"')
BADGE = re.compile(r'class="badge unread-count">(\d+)<')


def tell(user: Any, template: str, count: int, case: Case | None = None, key: str = "") -> None:
    context = {"number": "261124999", "clock": "首次联系", "due": at("2026-12-15 17:00"),
               "actor": "王建国", "plan": "免费更换", "note": "请尽快"}  # fmt: skip
    with transaction.atomic():
        notify_many(
            [
                Message(template, f"{template}:{key}{n}", context, case=case, recipient=user)
                for n in range(count)
            ]
        )


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def badge(client: Client) -> int:
    found = BADGE.search(client.get("/notifications/?show=all").content.decode())
    return int(found.group(1)) if found else 0


def test_every_unread_notice_is_on_some_page_and_the_badge_counts_them(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    tell(org["supervisor"], "deadline_escalation", 50)
    tell(org["supervisor"], "plan_submitted", 25)
    tell(org["handler"], "case_assigned", 3)  # someone else's
    client = client_for(org["supervisor"])
    assert badge(client) == 75

    seen: list[str] = []
    url = "/notifications/"
    while url:
        with django_assert_max_num_queries(10):  # +1: the navigation counts plans to approve
            page = client.get(url).content.decode()
        seen += NOTICE_ID.findall(page)
        following = re.search(r'href="(/notifications/\?[^"]*)"[^>]*rel="next"', page)
        url = following.group(1).replace("&amp;", "&") if following else ""
    assert len(seen) == len(set(seen)) == 75  # 30 + 30 + 15, each once
    assert "第 3 页，共 3 页" in page


def test_the_kind_filter_and_marking_all_of_a_kind_read(org: Any) -> None:
    tell(org["supervisor"], "plan_submitted", 4)
    tell(org["supervisor"], "deadline_escalation", 3)
    client = client_for(org["supervisor"])

    plans = client.get("/notifications/?kind=plans").content.decode()
    assert len(NOTICE_ID.findall(plans)) == 4
    listed = plans.split('<section class="panel">')[1]
    assert "待审批方案" in listed
    assert "督办" not in listed
    assert ">方案审批 <span class=\"badge\">4</span>" in plans
    assert ">超期与督办 <span class=\"badge\">3</span>" in plans

    response = client.post("/notifications/read/", {"all": "1", "kind": "plans", "show": "unread"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/?show=unread&kind=plans"
    assert not Notification.objects.filter(template="plan_submitted", read_at__isnull=True)
    escalations = Notification.objects.filter(template="deadline_escalation")
    assert escalations.filter(read_at__isnull=True).count() == 3
    assert badge(client) == 3
    assert "没有未读通知" in client.get("/notifications/?kind=plans").content.decode()
    everything = client.get("/notifications/?show=all&kind=plans").content.decode()
    assert len(NOTICE_ID.findall(everything)) == 0  # read ones have no "mark read" button
    assert everything.count('class="notice"') == 4


def test_a_filter_link_gets_only_the_list_back_under_htmx(org: Any) -> None:
    tell(org["supervisor"], "plan_submitted", 2)
    response = client_for(org["supervisor"]).get(
        "/notifications/?kind=plans", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "待审批方案" in html
    assert "HX-Request" in response["Vary"]


def test_a_strange_filter_shows_the_default_list(org: Any) -> None:
    tell(org["supervisor"], "plan_submitted", 2)
    page = client_for(org["supervisor"]).get("/notifications/?kind=nope&show=x&page=99")
    assert page.status_code == 200
    assert len(NOTICE_ID.findall(page.content.decode())) == 2


def test_opening_a_case_reads_its_notices_only(org: Any) -> None:
    case = assigned(org, "2026-11-23")  # the handler is told of the assignment
    tell(org["handler"], "deadline_warning", 2, case=case)
    tell(org["handler"], "case_hastened", 1)  # about nothing in particular: stays unread
    client = client_for(org["handler"])
    assert badge(client) == 4

    page = client.get(f"/cases/{case.number}/").content.decode()
    assert 'class="badge unread-count">1<' in page  # the navigation already counts the rest
    unread = Notification.objects.filter(recipient=org["handler"], read_at__isnull=True)
    assert list(unread.values_list("template", flat=True)) == ["case_hastened"]
    # Someone else opening the case reads nothing of the handler's.
    tell(org["handler"], "deadline_warning", 1, case=case, key="later")
    client_for(org["supervisor"]).get(f"/cases/{case.number}/")
    assert unread.count() == 2


def test_the_api_filters_by_kind_and_reads_one_kind(org: Any, api: Any) -> None:
    tell(org["supervisor"], "plan_submitted", 2)
    tell(org["supervisor"], "deadline_escalation", 3)
    client = api("supervisor")
    page = client.get("/notifications", kind="plans").json()
    assert [n["template"] for n in page["items"]] == ["plan_submitted"] * 2
    assert client.post("/notifications/read-all?kind=plans").json() == {"marked": 2, "unread": 3}
    refused = client.get("/notifications", kind="nope")
    assert refused.status_code == 400
    assert refused.json()["code"] == "unknown_kind"
    assert "nope" in refused.json()["message"]
