"""Every list is read by a selector (issue 14 item 5): the reference lists every layer offers, the
case history with the names it mentions, the caller's other cases and the follow-up links, the
hotline look-up's last steps and the navigation's unread badge, each in a fixed number of
queries however much there is."""

from __future__ import annotations

import re
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kesu.cases import selectors
from kesu.cases.models import Category, DeclineReason
from kesu.cases.services.events import EventRow, record_events
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from kesu.org.access import authority_of
from kesu.org.models import Department
from tests.cases.test_follow import REASON, closed_case
from tests.conftest import at
from tests.factories import act, assigned, register
from tests.web.client import logged_in

NOW = "2026-11-24 10:00"


def _codes(rows: list[dict[str, Any]]) -> list[str]:
    return [row["code"] for row in rows]


def test_a_switched_off_entry_leaves_every_offer_but_stays_in_the_settings(
    org: Any, api: Any
) -> None:
    """The workspace's select boxes, the API's lists and the settings pages read the same
    lists: what a manager switches off is offered nowhere, yet stays listed for them."""
    Category.objects.filter(code="after_sales_repair_delay").update(is_active=False)
    DeclineReason.objects.filter(code="duplicate").update(is_active=False)
    Department.objects.filter(code="quality").update(is_active=False)
    agent, manager = api("agent"), logged_in("manager")
    with time_machine.travel(at(NOW), tick=False):
        queue = manager.get("/cases/").content.decode()
        hotline = logged_in("agent").get("/cases/new/").content.decode()
        settings = {
            page: manager.get(f"/manage/{page}/").content.decode()
            for page in ("categories", "reasons", "departments")
        }
        categories = _codes(agent.get("/categories").json())
        reasons = _codes(agent.get("/decline-reasons").json())
        departments = _codes(agent.get("/departments").json())
    assert "after_sales_repair" in categories
    assert "after_sales_repair_delay" not in categories
    assert "duplicate" not in reasons
    assert reasons  # the other reasons are still offered
    assert departments[0] == "hq"
    assert sorted(departments) == ["after-sales", "cs", "hq", "install"]  # not quality
    assert 'value="after_sales_repair_delay"' not in queue + hotline
    assert 'value="after_sales_repair"' in queue
    assert '<option value="after-sales">\u3000售后服务部</option>' in queue  # indented
    assert '<option value="quality">\u3000质量管理部</option>' not in queue
    assert "after_sales_repair_delay" in settings["categories"]
    assert "duplicate" in settings["reasons"]
    assert "质量管理部" in settings["departments"]


def test_the_history_names_whom_it_told_and_why_in_three_queries_however_long(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    case = register(org["agent"], at("2026-11-23 09:00"))
    case = act(case, org["agent"], Action.DECLINE, at("2026-11-23 09:30"), reason_code="duplicate")
    authority = authority_of(org["gm"], now=at("2026-11-23 10:00"))
    record_events(
        [
            EventRow(
                case=case,
                action="escalate",
                at=at(f"2026-11-23 1{step % 10}:00"),
                data={"recipients": ["handler", "head"] if step % 2 else ["manager"]},
            )
            for step in range(30)
        ],
        authority=authority,
    )
    with django_assert_max_num_queries(3):
        timeline = selectors.case_timeline(case)
    assert len(timeline.events) == 32
    assert timeline.names == {
        "handler": "张伟",
        "head": "刘强",
        "manager": "赵敏",
        "duplicate": DeclineReason.objects.get(code="duplicate").name_zh,
    }
    with time_machine.travel(at(NOW), tick=False):
        page = logged_in("agent").get(f"/cases/{case.number}/").content.decode()
    assert "张伟、刘强" in page
    assert DeclineReason.objects.get(code="duplicate").name_zh in page


def test_a_history_that_mentions_nobody_asks_no_names(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    case = assigned(org, "2026-11-23")
    with django_assert_max_num_queries(1):
        timeline = selectors.case_timeline(case)
    assert [event.action for event in timeline.events] == ["register", "accept", "assign"]
    assert timeline.names == {}


def test_follow_links_show_only_what_the_reader_may_see(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    earlier = closed_case(org)
    later = register(
        org["agent"], at("2026-11-24 09:00"), follows_number=earlier.number, follow_reason=REASON
    )
    agent = authority_of(org["agent"], now=at(NOW))
    quality = authority_of(org["quality"], now=at(NOW))
    with django_assert_max_num_queries(2):
        links = selectors.follow_links(earlier, agent)
    assert (links.follows, links.followed_by) == (None, [later])
    assert selectors.follow_links(later, agent).follows == earlier
    assert selectors.followed_case(later, quality) is None  # not the quality department's case
    assert selectors.follow_links(earlier, quality).followed_by == []


def test_the_callers_other_cases_are_not_shown_to_a_masked_reader(org: Any) -> None:
    first = register(org["agent"], at("2026-11-20 09:00"))
    second = register(org["agent"], at("2026-11-21 09:00"))
    agent = authority_of(org["agent"], now=at(NOW))
    analyst = authority_of(org["analyst"], now=at(NOW))
    assert selectors.related_cases(second, agent, 10) == [first]
    assert selectors.related_cases(second, agent, 0) == []
    assert selectors.visible_cases(analyst).filter(pk=first.pk).exists()
    assert selectors.related_cases(second, analyst, 10) == []  # would tie cases by phone


def test_the_hotline_look_up_reads_every_last_step_at_once(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    cases = [
        assigned(org, f"2026-11-{day:02d}", complainant_phone="13900001111") for day in range(2, 7)
    ]
    agent = logged_in("agent")
    with time_machine.travel(at(NOW), tick=False), django_assert_max_num_queries(10):
        page = agent.post("/cases/lookup/", {"phone": "13900001111"}).content.decode()
    for case in cases:
        assert f"/cases/{case.number}/" in page
    assert page.count("分派") >= len(cases)  # each row's last step: the assignment


def test_the_unread_badge_is_counted_once_and_only_where_it_shows(org: Any) -> None:
    case = assigned(org, "2026-11-23")  # tells the handler about the assignment
    assert Notification.objects.filter(recipient=org["handler"], read_at__isnull=True).exists()
    handler = logged_in("handler")
    asked: dict[str, list[str]] = {}
    with time_machine.travel(at(NOW), tick=False):
        # Each request resets the connection's query log: read it before the next one.
        with CaptureQueriesContext(connection) as queries:
            home = handler.get("/").content.decode()
        asked["page"] = [q["sql"] for q in queries.captured_queries]
        with CaptureQueriesContext(connection) as queries:
            lookup = handler.post("/cases/lookup/", {"phone": "13812345678"}).content.decode()
        asked["fragment"] = [q["sql"] for q in queries.captured_queries]
        case_page = handler.get(f"/cases/{case.number}/").content.decode()
    assert len([sql for sql in asked["page"] if "notify_notification" in sql]) == 1
    assert re.search(r'class="badge unread-count">1<', home)
    assert f"/cases/{case.number}/" in lookup
    assert not [sql for sql in asked["fragment"] if "notify_notification" in sql]
    assert "unread-count" not in case_page  # opening the case read its notice before the count
