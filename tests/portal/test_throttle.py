"""The public ways in's guards: fixed-window limits counted in the shared cache, the wait until
the window ends, and the client's address behind a proxy."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from kesu.core import throttle
from kesu.core.errors import TooManyRequests


def test_a_limit_counts_per_key_and_says_how_long_to_wait(settings: Any, db: Any) -> None:
    settings.KESU_PORTAL_RATE_LIMITS = {"demo": (2, 600)}
    start = 1_800_000_000.0  # a window starts here (a multiple of 600)
    throttle.hit("demo", "13900001111", now=start + 1)
    throttle.hit("demo", "13900001111", now=start + 2)
    with pytest.raises(TooManyRequests) as refused:
        throttle.hit("demo", "13900001111", now=start + 100)
    assert refused.value.retry_after == 501
    assert refused.value.status == 429
    throttle.hit("demo", "13900002222", now=start + 100)  # another key has its own count
    throttle.hit("demo", "13900001111", now=start + 600)  # the next window starts afresh


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings: Any) -> None:
    request = RequestFactory().get(
        "/portal/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )
    settings.KESU_PROXY_COUNT = 0
    assert throttle.client_address(request) == "10.0.0.2"
    settings.KESU_PROXY_COUNT = 1
    assert throttle.client_address(request) == "203.0.113.9"
