"""Acceptance screening as pure rules: calendar-month time bars (the boundary day is still
inside), word cues and earlier cases, each finding carrying the facts behind it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.presets.screening import SCREENING_PRESETS
from kesu.domain.presets.terms import DECLINE_REASONS
from kesu.domain.screening import (
    CaseFacts,
    EarlierCase,
    Fact,
    ScreeningRules,
    TimeBar,
    add_months,
    beyond_months,
    screen,
)

MIIT = SCREENING_PRESETS["miit_2016_order35"]
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
months = st.integers(min_value=1, max_value=36)


def test_five_months_after_20_may_ends_on_20_october() -> None:
    assert add_months(date(2026, 5, 20), 5) == date(2026, 10, 20)
    assert not beyond_months(date(2026, 5, 20), date(2026, 10, 20), 5)
    assert beyond_months(date(2026, 5, 20), date(2026, 10, 21), 5)


def test_a_month_without_the_day_ends_on_its_last_day() -> None:
    assert add_months(date(2026, 9, 30), 5) == date(2027, 2, 28)
    assert add_months(date(2027, 9, 30), 5) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 8, 31), 5) == date(2027, 1, 31)
    assert not beyond_months(date(2026, 9, 30), date(2027, 2, 28), 5)
    assert beyond_months(date(2026, 9, 30), date(2027, 3, 1), 5)


@given(event=days, n=months)
def test_the_last_day_of_the_bar_is_inside_and_the_next_day_is_beyond(event: date, n: int) -> None:
    end = add_months(event, n)
    assert not beyond_months(event, end, n)
    assert beyond_months(event, end + timedelta(days=1), n)


@given(event=days, n=months)
def test_the_bar_ends_n_calendar_months_later(event: date, n: int) -> None:
    end = add_months(event, n)
    assert (end.year * 12 + end.month) - (event.year * 12 + event.month) == n
    assert end.day == event.day or (end.day < event.day and (end + timedelta(days=1)).day == 1)


@given(event=days, received=days, n=months)
def test_beyond_is_monotonic_in_the_received_day(event: date, received: date, n: int) -> None:
    if beyond_months(event, received, n):
        assert beyond_months(event, received + timedelta(days=1), n)
    if not beyond_months(event, received, n):
        assert not beyond_months(event, received - timedelta(days=1), n)


@given(event=days, received=days)
def test_miit_offers_the_fee_bar_exactly_when_more_than_five_months(
    event: date, received: date
) -> None:
    findings = screen(MIIT, CaseFacts(received_on=received, event_date=event, text=""))
    codes = {f.reason_code for f in findings}
    assert ("fee_dispute_too_old" in codes) == (received > add_months(event, 5))
    assert ("too_old" in codes) == (received > add_months(event, 24))
    for finding in findings:  # each carries the facts that triggered it
        assert finding.fact is Fact.EVENT_TOO_OLD
        assert finding.event_date == event
        assert finding.received_on == received


def test_no_event_date_no_time_bar() -> None:
    assert screen(MIIT, CaseFacts(received_on=date(2026, 12, 1), event_date=None, text="")) == ()


def test_words_and_earlier_cases_are_offered_with_what_triggered_them() -> None:
    facts = CaseFacts(
        received_on=date(2026, 12, 1),
        event_date=date(2026, 11, 1),
        text="我已经向法院起诉了，另外去年已签和解协议",
        earlier=(EarlierCase("261001004", date(2026, 10, 9), "order"),),
    )
    findings = {f.reason_code: f for f in screen(MIIT, facts)}
    assert findings["statutory_route"].fact is Fact.WORDS
    assert findings["statutory_route"].cue == "起诉"
    # The earlier case comes before the words: the fact named is the stronger one.
    assert findings["settled"].fact is Fact.EARLIER_CASE_CLOSED
    assert findings["settled"].case_number == "261001004"
    assert "fee_dispute_too_old" not in findings


def test_an_open_earlier_case_is_offered_as_a_duplicate() -> None:
    facts = CaseFacts(
        received_on=date(2026, 12, 1),
        event_date=None,
        text="",
        earlier=(EarlierCase("261120001", None, "product"),),
    )
    (finding,) = screen(MIIT, facts)
    assert (finding.reason_code, finding.fact) == ("duplicate", Fact.EARLIER_CASE_OPEN)


def test_a_preset_without_checks_offers_nothing() -> None:
    rules = ScreeningRules("none")
    facts = CaseFacts(
        date(2026, 12, 1), date(2000, 1, 1), "起诉", (EarlierCase("1", None, "order"),)
    )
    assert screen(rules, facts) == ()
    assert screen(ScreeningRules("x", time_bars=(TimeBar("too_old", 24),)), facts)[0].months == 24


def test_every_preset_offers_only_known_decline_reasons() -> None:
    known = {term.code for term in DECLINE_REASONS}
    for rules in SCREENING_PRESETS.values():
        codes = {bar.reason_code for bar in rules.time_bars}
        codes |= {check.reason_code for check in rules.word_checks}
        codes |= {c for c in (rules.settled_reason, rules.duplicate_reason) if c}
        assert codes <= known, rules.preset_code


def test_every_screening_preset_is_a_deadline_preset() -> None:
    from kesu.domain.presets.policies import DEADLINE_POLICY_PRESETS

    codes = {preset.code for preset in DEADLINE_POLICY_PRESETS}
    assert set(SCREENING_PRESETS) <= codes


def test_food_and_drug_acceptance_is_decided_within_5_calendar_days() -> None:
    from kesu.domain.presets.policies import DEADLINE_POLICY_PRESETS
    from kesu.domain.vocabulary import TimeUnit

    preset = next(p for p in DEADLINE_POLICY_PRESETS if p.code == "food_drug_complaint")
    assert preset.rules.acceptance.period.amount == 5
    assert preset.rules.acceptance.period.unit is TimeUnit.CALENDAR_DAYS
