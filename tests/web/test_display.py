"""How the workspace writes dates, money, remaining time and punctuation, in each language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation

from kesu.web import display
from tests.conftest import at


def test_dates_amounts_and_remaining_time_in_chinese() -> None:
    with translation.override("zh-hans"):
        assert display.long_date(date(2026, 12, 1)) == "2026年12月1日"
        assert display.long_date(at("2026-12-01 00:30")) == "2026年12月1日"  # local calendar
        assert display.yuan(Decimal("1234")) == "¥1,234.00"
        assert display.remaining_text(3, late=False) == "剩余3个工作日"
        assert display.remaining_text(0, late=False) == "今日到期"
        assert display.remaining_text(-2, late=True) == "超期2个工作日"
        assert display.punctuation().open == "（"
        assert display.long_date(None) == ""


def test_dates_amounts_and_remaining_time_in_english() -> None:
    with translation.override("en"):
        assert display.long_date(date(2026, 12, 1)) == "1 Dec 2026"
        assert display.long_date(at("2026-09-05 08:00")) == "5 Sep 2026"
        assert display.yuan(Decimal("1234.5")) == "¥1,234.50"
        assert display.remaining_text(1, late=False) == "1 working day left"
        assert display.remaining_text(3, late=False) == "3 working days left"
        assert display.remaining_text(0, late=False) == "due today"
        assert display.remaining_text(-1, late=True) == "1 working day overdue"
        assert display.remaining_text(0, late=True) == "overdue"
        assert display.punctuation().open == " ("
        assert display.punctuation().enumeration == ", "


def test_the_case_page_lists_only_the_clocks_its_policy_has(org: Any) -> None:
    from kesu.deadlines.models import DeadlinePolicy
    from tests.factories import assigned
    from tests.web.client import logged_in

    # A policy without an investigation clock (the insurer's default has one, W5).
    DeadlinePolicy.objects.filter(code="platform_default").update(
        investigation_amount=None, investigation_unit=""
    )
    case = assigned(org, "2026-11-23")
    assert case.policy is not None
    assert case.policy.investigation_amount is None
    page = logged_in("supervisor").get(f"/cases/{case.number}/").content.decode()
    table = page.split("办理时限", 1)[1].split("</table>", 1)[0]
    assert "首次联系" in table
    assert "调查" not in table
    DeadlinePolicy.objects.filter(pk=case.policy.pk).update(
        investigation_amount=5, investigation_unit="working_days"
    )
    page = logged_in("supervisor").get(f"/cases/{case.number}/").content.decode()
    assert "调查" in page.split("办理时限", 1)[1].split("</table>", 1)[0]
