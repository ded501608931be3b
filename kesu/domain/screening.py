"""Acceptance screening 受理审查 (R-05, seed 004) as pure rules: which decline reasons of the
active regulatory preset a registered case *may* meet, each with the facts that triggered it.

Nothing here decides: the findings are offered to the person who accepts or declines the case
(seed 004《电信用户申诉处理暂行办法》第十条 lists when the appeals body does not accept a
complaint; 《投诉举报管理制度》五 when a food and drug complaint is not accepted). The rules get
values (the event date, the day the complaint was received in the organisation's time zone, the
complaint's words, the customer's earlier cases) and return values.

Time bars count calendar months: "more than five months" after an event on 20 January is any
day after 20 June; an event on 31 August has its five months end on 31 January, and one on
30 September on 28 (29) February — the month's last day stands in for a day it does not have.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Fact(StrEnum):
    """What kind of fact triggered a finding (the page words each one)."""

    EVENT_TOO_OLD = "event_too_old"  # the event date is more than N months before receipt
    WORDS = "words"  # the complaint's own words name the cue (起诉, 调解书, …)
    EARLIER_CASE_CLOSED = "earlier_case_closed"  # the same customer's matter was handled
    EARLIER_CASE_OPEN = "earlier_case_open"  # the same customer's matter is being handled


@dataclass(frozen=True)
class TimeBar:
    """Not accepted when the event lies more than `months` calendar months before receipt."""

    reason_code: str  # a decline reason (presets.terms.DECLINE_REASONS)
    months: int


@dataclass(frozen=True)
class WordCheck:
    """Offered when the complaint's words contain one of `cues` (case-insensitive)."""

    reason_code: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class ScreeningRules:
    """One preset's screening: its time bars, its word cues and whether an earlier case of the
    same customer about the same matter is offered (closed: `settled_reason`; still open:
    `duplicate_reason`)."""

    preset_code: str
    time_bars: tuple[TimeBar, ...] = ()
    word_checks: tuple[WordCheck, ...] = ()
    settled_reason: str | None = None
    duplicate_reason: str | None = None


@dataclass(frozen=True)
class EarlierCase:
    number: str
    closed_on: date | None  # None while it is still being handled
    same_matter: str  # what links it: "order" (same order/policy number) or "product"


@dataclass(frozen=True)
class CaseFacts:
    received_on: date  # the day the complaint was received, in the organisation's time zone
    event_date: date | None
    text: str  # facts and demand as the customer gave them
    earlier: tuple[EarlierCase, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A decline reason the case may meet and why: `fact` with its values (dates, the cue word,
    the earlier case's number)."""

    reason_code: str
    fact: Fact
    event_date: date | None = None
    received_on: date | None = None
    months: int | None = None
    cue: str = ""
    case_number: str = ""
    closed_on: date | None = None
    same_matter: str = ""


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; a day the target month lacks becomes its last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def beyond_months(event: date, received: date, months: int) -> bool:
    """True when `received` is *more than* `months` calendar months after `event` (the day the
    months end is still inside the bar)."""
    return received > add_months(event, months)


def screen(rules: ScreeningRules, facts: CaseFacts) -> tuple[Finding, ...]:
    """Every finding of `rules` on `facts`, time bars first; one finding per reason (the
    strictest fact kept for a reason met twice)."""
    findings: list[Finding] = []
    seen: set[str] = set()

    def offer(finding: Finding) -> None:
        if finding.reason_code not in seen:
            seen.add(finding.reason_code)
            findings.append(finding)

    if facts.event_date is not None:
        for bar in sorted(rules.time_bars, key=lambda b: -b.months):
            if beyond_months(facts.event_date, facts.received_on, bar.months):
                offer(
                    Finding(
                        bar.reason_code,
                        Fact.EVENT_TOO_OLD,
                        event_date=facts.event_date,
                        received_on=facts.received_on,
                        months=bar.months,
                    )
                )
    for earlier in facts.earlier:
        reason = rules.duplicate_reason if earlier.closed_on is None else rules.settled_reason
        if reason is None:
            continue
        kind = Fact.EARLIER_CASE_OPEN if earlier.closed_on is None else Fact.EARLIER_CASE_CLOSED
        offer(
            Finding(
                reason,
                kind,
                case_number=earlier.number,
                closed_on=earlier.closed_on,
                same_matter=earlier.same_matter,
            )
        )
    lowered = facts.text.casefold()
    for check in rules.word_checks:
        cue = next((c for c in check.cues if c.casefold() in lowered), None)
        if cue is not None:
            offer(Finding(check.reason_code, Fact.WORDS, cue=cue))
    return tuple(findings)
