"""A known set of cases around October 2026, the month with the National Day 调休 Saturday
(10 October is a working day, 1–7 October are not), built through the real services; every
figure of the month is counted by hand in the tests."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kesu.cases.models import Case
from kesu.cases.services.portal import rate_case
from kesu.domain.vocabulary import Action, Channel, Severity
from kesu.stats.selectors import month
from tests.conftest import at
from tests.factories import act, assigned, register

OCTOBER = month(2026, 10)
#: The figures are read on this day (after the month): as at the month's end.
NOW = at("2026-11-20 12:00")


def handle(case: Case, org: Any, day: str, *, answer_day: str, method: str = "repair",
           amount: str = "0", loss: str = "0") -> Case:  # fmt: skip
    """Contact and plan on `day`, approved and answered on `answer_day`."""
    case = act(case, org["handler"], Action.LOG_CONTACT, at(f"{day} 12:00"),
               method="phone", note="已联系客户。")  # fmt: skip
    case = act(case, org["handler"], Action.SUBMIT_PLAN, at(f"{day} 12:01"),
               plan="上门维修", method=method)  # fmt: skip
    case = act(case, org["supervisor"], Action.APPROVE_PLAN, at(f"{day} 12:02"))
    return act(case, org["handler"], Action.ANSWER, at(f"{answer_day} 12:03"),
               answer="已处理。", result_method=method, result_amount=Decimal(amount),
               loss_amount=Decimal(loss))  # fmt: skip


@dataclass
class October:
    before: Case  # 30 Sep 23:30 local (15:30 UTC): not October
    closed: Case  # 9 Oct, answered 12 Oct (over the 调休 Saturday), confirmed, rated 5/5
    declined: Case  # 10 Oct (the 调休 Saturday), declined the same day
    quality: Case  # 15 Oct, with 质量管理部, never answered
    late: Case  # 8 Oct, answered 30 Oct, rated 2/3
    major: Case  # 31 Oct 23:30 local (15:30 UTC): regulator, major, hastened
    follow: Case  # 20 Oct, follows `closed` (re-complaint), same phone (repeat)
    withdrawn: Case  # 28 Oct, withdrawn on 2 Nov (after the month: open at its end)
    after: Case  # 1 Nov 00:10 local (31 Oct 16:10 UTC): not October


def build(org: Any) -> October:
    before = register(org["agent"], at("2026-09-30 23:30"), complainant_phone="13900000001")
    closed = assigned(org, "2026-10-09", complainant_phone="13900000001",
                      subject_product="华联KFR-35GW 挂式空调")  # fmt: skip
    closed = handle(closed, org, "2026-10-09", answer_day="2026-10-12", amount="300",
                    loss="1000")  # fmt: skip
    closed = act(closed, org["agent"], Action.CONFIRM, at("2026-10-12 12:04"), note="满意。")
    rate_case(case=closed, result=5, process=5, now=at("2026-10-13 09:00"))
    declined = register(org["agent"], at("2026-10-10 09:00"), complainant_phone="13900000002")
    declined = act(declined, org["agent"], Action.DECLINE, at("2026-10-10 10:00"),
                   reason_code="not_specific")  # fmt: skip
    quality = register(org["agent"], at("2026-10-15 09:00"), complainant_phone="13900000003",
                       category_code="product_quality_defect",
                       subject_product="华联XQB80 洗衣机")  # fmt: skip
    quality = act(quality, org["agent"], Action.ACCEPT, at("2026-10-15 10:00"))
    quality = act(quality, org["supervisor"], Action.ASSIGN, at("2026-10-15 11:00"),
                  department="quality")  # fmt: skip
    late = assigned(org, "2026-10-08", complainant_phone="13900000004",
                    subject_product="华联KFR-35GW 挂式空调")  # fmt: skip
    late = handle(late, org, "2026-10-09", answer_day="2026-10-30", method="exchange",
                  amount="2000", loss="500")  # fmt: skip
    rate_case(case=late, result=2, process=3, now=at("2026-10-31 09:00"))
    major = register(org["agent"], at("2026-10-31 23:30"), complainant_phone="13900000005",
                     channel=Channel.REGULATOR, severity=Severity.MAJOR,
                     major_criteria=["group_complaint"],
                     category_code="product_quality_safety")  # fmt: skip
    major = act(major, org["agent"], Action.HASTEN, at("2026-10-31 23:40"), note="客户再次来电。")
    follow = register(org["agent"], at("2026-10-20 09:00"), complainant_phone="13900000001",
                      follows_number=closed.number, follow_reason="维修后仍有异响。")  # fmt: skip
    withdrawn = register(org["agent"], at("2026-10-28 09:00"), complainant_phone="13900000006")
    withdrawn = act(withdrawn, org["agent"], Action.WITHDRAW, at("2026-11-02 09:00"),
                    note="客户撤诉。")  # fmt: skip
    after = register(org["agent"], at("2026-11-01 00:10"), complainant_phone="13900000007")
    return October(before, closed, declined, quality, late, major, follow, withdrawn, after)
