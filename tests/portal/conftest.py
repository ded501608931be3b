"""Shared by the portal tests: a recording SMS gateway, a clean portal cache, a portal case
handled by staff up to the answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from kesu.cases.models import Case
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act
from tests.notify.sms import RecordingSmsGateway

PHONE = "13900001111"
COMPLAINT = {
    "name": "林小姐",
    "phone": PHONE,
    "facts": "新买的冰箱不制冷，已报修两次未解决。",
    "product": "BCD-520 冰箱",
    "order_number": "JD20261120001",
    "amount": "4599",
    "demand": "要求换货",
    "privacy_consent": True,
}


@pytest.fixture
def sms(settings: Any) -> Iterator[list[tuple[str, str]]]:
    settings.KESU_SMS_GATEWAY = "tests.notify.sms.RecordingSmsGateway"
    RecordingSmsGateway.sent.clear()
    yield RecordingSmsGateway.sent
    RecordingSmsGateway.sent.clear()


def last_code(sent: list[tuple[str, str]]) -> str:
    """The six-digit code in the last SMS."""
    found = re.findall(r"\b(\d{6})\b", sent[-1][1])
    assert found, sent[-1]
    return found[-1]


def public(language: str = "zh-hans", address: str = "10.0.0.1") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=address)


def handle_to_answer(org: Any, case: Case, day: str = "2026-11-24") -> Case:
    """Staff accept, assign, contact, plan, approve and answer the case on `day`."""
    steps = [
        ("agent", Action.ACCEPT, {}),
        ("supervisor", Action.ASSIGN, {"department": "after-sales", "handler": "handler"}),
        ("handler", Action.LOG_CONTACT, {"method": "phone", "note": "内部备注：客户情绪激动"}),
        ("handler", Action.SUBMIT_PLAN, {"plan": "上门换货", "method": "repair"}),
        ("supervisor", Action.APPROVE_PLAN, {}),
        ("handler", Action.ANSWER, {"answer": "经核实，同意为您换货，12月5日送达。"}),
    ]
    for minute, (user, action, data) in enumerate(steps):
        case = act(case, org[user], action, at(f"{day} 14:{minute:02d}"), **data)
    return case
