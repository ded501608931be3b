"""Searches by phone stay out of request lines and logs (issue 20 part 3): the queue's filter
form posts, and the address it leads to carries the search sealed; the hotline's look-up posts;
Kesu's log handler masks any phone number that still reaches it. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
from typing import Any

import time_machine

from kesu.core.logfilter import mask_log_text
from kesu.core.sealed import seal, unseal
from tests.conftest import Org, at
from tests.factories import register
from tests.web.client import logged_in

PHONE = "13812345678"


def test_the_queue_search_posts_and_the_address_carries_no_phone(org: Org) -> None:
    case = register(org["agent"], at("2026-11-23 09:00"))
    client = logged_in("agent")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = client.post("/cases/search/", {"q": PHONE, "severity": "general"})
        assert response.status_code == 303
        location = response["Location"]
        assert PHONE not in location
        assert "5678" not in location
        assert location.startswith("/cases/?")
        assert "qs=" in location
        assert "severity=general" in location
        page = client.get(location).content.decode()
    assert case.number in page  # the search works
    links = [part for part in page.split('href="')[1:] if part.startswith("/cases/?")]
    assert links
    assert all(PHONE not in link for link in links)


def test_htmx_is_sent_to_the_sealed_address(org: Org) -> None:
    client = logged_in("agent")
    response = client.post("/cases/search/", {"q": PHONE}, HTTP_HX_REQUEST="true")
    target = json.loads(response["HX-Location"])
    assert target["target"] == "#queue-table"
    assert PHONE not in target["path"]


def test_an_old_address_with_the_phone_is_sealed_at_once(org: Org) -> None:
    response = logged_in("agent").get("/cases/", {"q": PHONE})
    assert response.status_code == 303
    assert PHONE not in response["Location"]


def test_a_saved_filter_keeps_the_search_sealed(org: Org) -> None:
    client = logged_in("agent")
    location = client.post("/cases/search/", {"q": PHONE})["Location"]
    query = location.split("?", 1)[1]
    client.post("/cases/filters/", {"name": "王丽", "query": query})
    page = client.get(location).content.decode()
    assert f'href="/cases/?{query}" aria-current="true"' in page


def test_the_hotline_look_up_posts(org: Org) -> None:
    register(org["agent"], at("2026-11-23 09:00"))
    client = logged_in("agent")
    assert client.get("/cases/lookup/", {"phone": PHONE}).status_code == 405
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        assert "王丽" in client.post("/cases/lookup/", {"phone": PHONE}).content.decode()


def test_a_sealed_token_opens_only_unchanged() -> None:
    token = seal(PHONE)
    assert PHONE not in token
    assert seal(PHONE) == token
    assert unseal(token) == PHONE
    assert unseal(token[:-3] + "AAA") == ""
    assert unseal("not a token") == ""


def test_kesu_logging_never_writes_a_phone_in_clear() -> None:
    """The request line as the development server logs it, through Kesu's configured handler."""
    handler = logging.getLogger("django.server").handlers[0]
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        (f"GET /cases/?q={PHONE}&tel=0757-22345678 HTTP/1.1", 200, 512), None,
    )  # fmt: skip
    assert handler.filter(record)
    line = handler.format(record)
    assert PHONE not in line
    assert "22345678" not in line
    assert "138****5678" in line
    assert "0757-****5678" in line
    assert "HTTP/1.1" in line
    assert "200" in line


def test_the_root_handler_masks_kesu_messages() -> None:
    root = logging.getLogger().handlers
    console = next(h for h in root if type(h) is logging.StreamHandler)
    record = logging.LogRecord(
        "kesu", logging.WARNING, __file__, 1, "caller %s wrote to %s", (PHONE, "a@b.cn"), None
    )
    console.filter(record)
    assert PHONE not in console.format(record)
    assert "a@b.cn" not in console.format(record)
    assert mask_log_text("2026-12-02 02:21:11 id 1234567") == "2026-12-02 02:21:11 id 1234567"


def test_the_api_searches_by_phone_in_a_body(org: Org, api: Any) -> None:
    case = register(org["agent"], at("2026-11-23 09:00"))
    answer = api("agent").post("/cases/search", {"q": PHONE, "limit": 10})
    assert answer.status_code == 200
    assert [item["number"] for item in answer.json()["items"]] == [case.number]
    assert api("agent").post("/cases/search", {"q": PHONE, "bogus": 1}).status_code == 422
