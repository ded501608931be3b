"""Arrival tests: complaints about one product from several phones, through `receive`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kesu.domain.vocabulary import Channel
from kesu.intake.services.arrival import Arrival, receive
from kesu.org.access import authority_of
from kesu.org.models import User
from tests.factories import registration

PRODUCT = "华联KFR-35GW 挂式空调"
#: One fault told by different customers in their own words (written by hand).
REWORDINGS = (
    "华联KFR-35GW空调买了不到一个月，外机噪音特别大，晚上吵得睡不着觉，要求换货。",
    "我家新买的KFR-35GW空调外机噪音很大，晚上根本睡不着，希望给换一台。",
    "空调外机声音太吵了，晚上睡不着觉，刚买一个月不到，要求换货！",
    "我再反映一次：空调外机噪音大，夜里吵得没法睡，要求换新机。",
    "买的35GW空调，外机运转噪音非常大，影响休息，要求更换。",
    "新空调外机噪声大到晚上睡不着，买了还不到一个月，请求换货处理",
    "空调外机一开就嗡嗡响，噪音很大，晚上睡不着觉，要求换货",
)
#: Other faults of the same product: not the same issue.
OTHER_ISSUES = (
    "空调安装师傅多收了200元材料费，没有给发票，要求退还。",
    "空调遥控器坏了，按键没反应，要求寄一个新的遥控器。",
    "空调室内机漏水，把墙面泡坏了，要求赔偿墙面损失。",
)


def phone(i: int) -> str:
    return f"1390000{i:04d}"


def arrive(user: User, now: datetime, *, attach: bool = False, key: str | None = None,
           **fields: Any) -> Arrival:  # fmt: skip
    data = registration(channel=Channel.HOTLINE, **fields)
    return receive(
        data, authority=authority_of(user, now=now), now=now, idempotency_key=key,
        attach_repeats=attach,
    )  # fmt: skip
