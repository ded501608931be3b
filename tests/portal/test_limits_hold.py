"""The portal's limits hold for as long as they say (security review follow-up to issue 16).

Counters, wrong-code tries and locks are rows with their own expiry in the database every
worker shares: a later hit never shortens a window, nothing is culled to make room, and a
stranger's wrong codes lock out the stranger's address — not the customer who owns the case.
Bodies larger than the portal accepts are refused before they are read; the rating has a
limit too; leaving the portal forgets the submitted case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import RequestFactory

from kesu.cases.models import Case
from kesu.core import throttle
from kesu.core.errors import TooManyRequests
from tests.conftest import at
from tests.portal.conftest import COMPLAINT, PHONE, handle_to_answer, last_code, public
from tests.portal.test_portal_api import post
from tests.portal.test_portal_pages import FORM

START = at("2026-11-24 09:00")


def test_a_window_is_not_shortened_by_later_hits(settings: Any, db: Any) -> None:
    """One hour means one hour: waiting five minutes after the last hit does not reset it."""
    settings.KESU_PORTAL_RATE_LIMITS = {"demo": (2, 3600)}
    start = 1_800_000_000.0  # a window starts here (a multiple of 3600)
    with time_machine.travel(start + 1, tick=False):
        throttle.hit("demo", "10.0.0.1", now=start + 1)
        throttle.hit("demo", "10.0.0.1", now=start + 2)
    with time_machine.travel(start + 400, tick=False), pytest.raises(TooManyRequests):
        throttle.hit("demo", "10.0.0.1", now=start + 400)
    with time_machine.travel(start + 3600, tick=False):
        throttle.hit("demo", "10.0.0.1", now=start + 3600)  # the next window


def test_ipv6_addresses_of_one_network_share_a_limit(settings: Any) -> None:
    """A /64 is one subscriber's: rotating the last 64 bits does not buy new tries."""
    request = RequestFactory().get("/portal/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    other = RequestFactory().get("/portal/", REMOTE_ADDR="2001:db8:1:2:bbbb::9")
    elsewhere = RequestFactory().get("/portal/", REMOTE_ADDR="2001:db8:1:3::1")
    settings.KESU_PROXY_COUNT = 0
    assert throttle.client_address(request) == throttle.client_address(other)
    assert throttle.client_address(request) != throttle.client_address(elsewhere)
    v4 = RequestFactory().get("/portal/", REMOTE_ADDR="203.0.113.9")
    assert throttle.client_address(v4) == "203.0.113.9"


def _wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_wrong_codes_spread_over_time_still_lock(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_CODE_TRIES = 3
    with time_machine.travel(START, tick=False):
        number = post(public(), "/complaints", COMPLAINT).json()["number"]
        client = public("en")
        post(client, "/codes", {"number": number, "phone": PHONE})
        wrong = _wrong(last_code(sms))
        tries = [post(client, "/track", {"number": number, "phone": PHONE, "code": wrong})]
    for minutes in (6, 12):
        with time_machine.travel(START + timedelta(minutes=minutes), tick=False):
            tries.append(
                post(client, "/track", {"number": number, "phone": PHONE, "code": wrong})
            )
    assert [t.status_code for t in tries] == [400, 400, 429]
    with time_machine.travel(START + timedelta(minutes=20), tick=False):
        again = post(client, "/track", {"number": number, "phone": PHONE, "code": wrong})
    assert again.status_code == 429  # locked for 30 minutes, not 5


def test_a_stranger_s_wrong_codes_do_not_lock_out_the_customer(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_CODE_TRIES = 3
    with time_machine.travel(START, tick=False):
        number = post(public(), "/complaints", COMPLAINT).json()["number"]
        stranger = public("en", address="198.51.100.7")
        tries = [
            post(stranger, "/track", {"number": number, "phone": PHONE, "code": "123456"})
            for _ in range(4)
        ]
        assert [t.status_code for t in tries] == [400, 400, 429, 429]
        # The stranger is told to wait when asking for a code, not silently ignored …
        asked = post(stranger, "/codes", {"number": number, "phone": PHONE})
        assert asked.status_code == 429
        assert not sms
        # … while the customer, from their own phone's address, still gets in.
        customer = public("en", address="10.0.0.1")
        assert post(customer, "/codes", {"number": number, "phone": PHONE}).status_code == 202
        code = last_code(sms)
        seen = post(customer, "/track", {"number": number, "phone": PHONE, "code": code})
    assert seen.status_code == 200
    assert seen.json()["number"] == number


def test_many_addresses_guessing_one_case_lock_the_case(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_CODE_TRIES = 2
    settings.KESU_PORTAL_CODE_TRIES_PER_CASE = 5
    with time_machine.travel(START, tick=False):
        number = post(public(), "/complaints", COMPLAINT).json()["number"]
        answers = [
            post(
                public("en", address=f"198.51.100.{n}"),
                "/track",
                {"number": number, "phone": PHONE, "code": "123456"},
            ).status_code
            for n in range(5)
        ]
        assert answers == [400, 400, 400, 400, 429]
        late = post(public("en", address="10.0.0.1"), "/codes", {"number": number, "phone": PHONE})
    assert late.status_code == 429


def test_the_rating_has_a_limit_per_address(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_RATE_LIMITS = settings.KESU_PORTAL_RATE_LIMITS | {
        "rate_address": (1, 10**9)
    }
    client = public()
    client.post("/portal/complain/", FORM)
    case = handle_to_answer(org, Case.objects.get())
    client.post("/portal/track/", {"number": case.number, "phone": PHONE})
    client.post("/portal/track/", {"number": case.number, "phone": PHONE, "code": last_code(sms)})
    bad = {"result": "9", "process": "9", "comment": ""}
    assert client.post("/portal/case/rate/", bad).status_code == 400
    assert client.post("/portal/case/rate/", bad).status_code == 429


def test_the_complaint_limit_counts_refused_forms_too(org: Any, settings: Any) -> None:
    """Counted before the form (and its files) is looked at: bad forms are no free tries."""
    settings.KESU_PORTAL_RATE_LIMITS = settings.KESU_PORTAL_RATE_LIMITS | {
        "complaint_address": (1, 10**9)
    }
    client = public(address="10.7.7.7")
    no_consent = {k: v for k, v in FORM.items() if k != "privacy_consent"}
    assert client.post("/portal/complain/", no_consent).status_code == 200  # the form again
    assert client.post("/portal/complain/", no_consent).status_code == 429
    assert not Case.objects.exists()


def test_a_body_larger_than_the_portal_takes_is_refused_before_reading(
    org: Any, settings: Any
) -> None:
    settings.KESU_PORTAL_MAX_BODY_BYTES = 1000
    answer = public().post(
        "/portal/complain/",
        FORM | {"facts": "冰箱" * 1000},
    )
    assert answer.status_code == 413
    api = post(public(), "/complaints", COMPLAINT | {"facts": "冰箱" * 1000})
    assert api.status_code == 413
    assert api.json()["code"] == "body_too_large"
    assert not Case.objects.exists()


def test_leaving_forgets_the_submitted_case(org: Any) -> None:
    client = public()
    client.post("/portal/complain/", FORM)
    assert client.get("/portal/complain/done/").status_code == 200
    client.post("/portal/case/leave/")
    assert client.get("/portal/complain/done/").status_code == 302


def test_a_counter_does_not_give_away_the_address_it_counts(settings: Any, db: Any) -> None:
    """An anonymous reporter's address is counted, not kept: the counter's name is keyed with a
    secret outside the database, so trying every address against a copy finds nothing."""
    import hashlib

    from kesu.core.models import Counter

    settings.KESU_PORTAL_RATE_LIMITS = {"report_address": (10, 3600)}
    throttle.hit("report_address", "203.0.113.9", now=1_800_000_000.0)
    name = Counter.objects.get().name
    assert hashlib.sha256(b"203.0.113.9").hexdigest()[:32] not in name
    assert "203.0.113.9" not in name
