"""Saved filters (我的筛选): saved through the service with the filter normalised (no cursor),
listed above the queue as links for their owner only, deleted by the owner only, and every
refusal a message in the user's language."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client

from kesu.core.errors import ServiceError
from kesu.web import services
from kesu.web.models import SavedFilter
from tests.conftest import at
from tests.factories import register
from tests.web.client import logged_in

NOW = "2026-11-24 10:00"


def test_saving_from_the_queue_lists_the_filter_as_a_link(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    register(org["agent"], at("2026-11-23 09:00"))
    client = logged_in("supervisor")
    with time_machine.travel(at(NOW), tick=False):
        page = client.get("/cases/", {"state": "registered", "sort": "due"}).content.decode()
        assert 'name="query" value="state=registered&amp;sort=due" form="save-filter"' in page
        response = client.post(
            "/cases/filters/",
            {"name": " 待受理 ", "query": "state=registered&sort=due&cursor=abc&q="},
            follow=True,
        )
    saved = SavedFilter.objects.get()
    assert (saved.owner, saved.name, saved.query) == (
        org["supervisor"],
        "待受理",
        "state=registered&sort=due",
    )
    page = response.content.decode()
    assert "已保存筛选“待受理”。" in page
    with time_machine.travel(at(NOW), tick=False), django_assert_max_num_queries(16):
        page = client.get("/cases/", {"state": "registered", "sort": "due"}).content.decode()
    assert 'href="/cases/?state=registered&amp;sort=due" aria-current="true">待受理</a>' in page
    with time_machine.travel(at(NOW), tick=False):
        other = logged_in("manager").get("/cases/").content.decode()
    assert "待受理" not in other  # private to its owner


def test_validation_refuses_with_specific_messages(org: Any) -> None:
    owner = org["supervisor"]
    now = at(NOW)
    services.save_filter(owner=owner, name="重大", query="severity=major", now=now)
    cases = [
        ("", "severity=major", "required"),
        ("x" * 41, "severity=major", "too_long"),
        ("重大", "severity=minor", "duplicate_name"),
    ]
    for name, query, code in cases:
        with pytest.raises(ServiceError) as refused:
            services.save_filter(owner=owner, name=name, query=query, now=now)
        assert refused.value.code == code
    services.save_filter(owner=org["manager"], name="重大", query="", now=now)  # per user
    for index in range(services.MAX_SAVED_FILTERS - 1):
        services.save_filter(owner=owner, name=f"f{index}", query="", now=now)
    with pytest.raises(ServiceError) as refused:
        services.save_filter(owner=owner, name="one too many", query="", now=now)
    assert refused.value.code == "too_many"
    assert "30" in str(refused.value.message)


@pytest.mark.parametrize("query", ["received_from=2026-13-40", "sort=sideways"])
def test_the_page_refuses_to_save_a_filter_that_does_not_parse(org: Any, query: str) -> None:
    client = logged_in("supervisor")
    with time_machine.travel(at(NOW), tick=False):
        page = client.post("/cases/filters/", {"name": "坏的", "query": query}, follow=True)
    assert "筛选条件有误，请先更正再保存。" in page.content.decode()
    assert not SavedFilter.objects.exists()


def test_a_refusal_on_the_page_is_a_message_in_chinese(org: Any) -> None:
    client = logged_in("supervisor")
    with time_machine.travel(at(NOW), tick=False):
        page = client.post("/cases/filters/", {"name": "", "query": ""}, follow=True)
    assert page.status_code == 200
    assert "请为筛选命名" in page.content.decode()


def test_only_the_owner_deletes_and_csrf_is_required(org: Any) -> None:
    mine = services.save_filter(owner=org["supervisor"], name="我的", query="", now=at(NOW))
    with time_machine.travel(at(NOW), tick=False):
        response = logged_in("manager").post(f"/cases/filters/{mine.pk}/delete/", follow=True)
        assert SavedFilter.objects.filter(pk=mine.pk).exists()
        assert response.status_code == 200
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(org["supervisor"])
        assert strict.post(f"/cases/filters/{mine.pk}/delete/").status_code == 403
        assert SavedFilter.objects.filter(pk=mine.pk).exists()
        response = logged_in("supervisor").post(
            f"/cases/filters/{mine.pk}/delete/", {"back": "severity=major"}
        )
    assert response.status_code == 302
    assert response["Location"] == "/cases/?severity=major"
    assert not SavedFilter.objects.filter(pk=mine.pk).exists()
