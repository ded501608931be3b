"""Phone masking without gaps (security finding 5): every phone string, local or long, shows at
most a prefix and the last four digits, and at least four digits stay hidden."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.privacy import mask_phone, mask_text

PHONE = st.text(alphabet="0123456789+-() ", max_size=30)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@given(PHONE)
def test_a_masked_phone_keeps_its_shape_and_hides_at_least_four_digits(phone: str) -> None:
    masked = mask_phone(phone)
    original = phone.strip()
    assert len(masked) == len(original)
    for before, after in zip(original, masked, strict=True):
        assert after == before or (before.isdigit() and after == "*")
    count, shown = len(_digits(original)), len(_digits(masked))
    assert count - shown >= min(count, 4)  # never the whole number
    assert shown <= 9  # a prefix of at most five digits and the last four


@given(st.text(alphabet="0123456789", min_size=7, max_size=8))
def test_a_local_number_shows_at_most_its_last_four_digits(number: str) -> None:
    masked = mask_phone(number)
    shown = len(number) - masked.count("*")
    assert shown <= 4
    assert masked == "*" * (len(number) - shown) + number[len(number) - shown :]


@given(st.text(alphabet="0123456789 -()", max_size=12).filter(lambda s: len(_digits(s)) < 7))
def test_short_numbers_show_fewer_than_four_digits(phone: str) -> None:
    count = len(_digits(phone))
    assert len(_digits(mask_phone(phone))) <= max(count - 4, 0)


def test_the_formats_the_review_checked() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("6234567") == "****567"  # was shown in full
    assert mask_phone("62345678") == "****5678"  # was 623*5678
    assert mask_phone("0757-22345678") == "0757-****5678"
    assert mask_phone("010-62345678") == "010-****5678"
    assert mask_phone("+86 138 1234 5678") == "+86 138 **** 5678"
    assert mask_phone(" 6234567 ") == "****567"


@given(st.text(alphabet="0123456789", min_size=7, max_size=15))
def test_free_text_never_carries_a_whole_number(number: str) -> None:
    text = f"短信发送失败：{number} 无法送达 (wangli@example.com)"
    masked = mask_text(text)
    assert number not in masked
    assert "wangli@" not in masked
    assert "w***@example.com" in masked
