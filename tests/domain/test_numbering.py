"""Case numbers: the seeds' AABBCCDDD and configurable patterns."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.errors import InvalidNumberPattern
from kesu.domain.numbering import DEFAULT_PATTERN, NumberPattern, format_case_number


def test_the_seed_example() -> None:
    assert format_case_number(DEFAULT_PATTERN, date(2026, 11, 22), 99) == "261122099"


def test_the_sequence_widens_past_999_instead_of_wrapping() -> None:
    assert format_case_number(DEFAULT_PATTERN, date(2026, 12, 31), 999) == "261231999"
    assert format_case_number(DEFAULT_PATTERN, date(2026, 12, 31), 1000) == "2612311000"


def test_other_patterns() -> None:
    assert format_case_number("KS-{yyyy}-{seq:6}", date(2026, 1, 5), 42) == "KS-2026-000042"


@pytest.mark.parametrize(
    "pattern",
    [
        "{yy}{mm}{dd}",
        "{mm}{dd}{seq:3}",
        "{yy}{seq}{seq}",
        "{yy}{seq:3}?",
        "{yy}{seq:0}",
        "{yy}{seq:13}",
        "KS/{yy}/{seq}",
    ],
)
def test_ambiguous_or_malformed_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(InvalidNumberPattern):
        NumberPattern.parse(pattern)


patterns = st.sampled_from([DEFAULT_PATTERN, "KS-{yyyy}-{seq:6}", "{seq:4}_{yy}", "{yy}{mm}{seq}"])
registrations = st.tuples(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 10**7)
)


@given(patterns, registrations, registrations)
def test_distinct_year_and_sequence_give_distinct_numbers(
    pattern: str, first: tuple[date, int], second: tuple[date, int]
) -> None:
    (day_a, seq_a), (day_b, seq_b) = first, second
    parsed = NumberPattern.parse(pattern)
    if (day_a.year, seq_a) != (day_b.year, seq_b):
        assert parsed.format(day_a, seq_a) != parsed.format(day_b, seq_b)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 999))
def test_default_numbers_have_nine_digits_and_carry_the_date(day: date, seq: int) -> None:
    number = format_case_number(DEFAULT_PATTERN, day, seq)
    assert len(number) == 9
    assert number[:6] == day.strftime("%y%m%d")
    assert int(number[6:]) == seq
