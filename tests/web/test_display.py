"""How the workspace writes dates, money, remaining time and punctuation, in each language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
