"""Deliberation 合议 (R-14, seed 004 恒康天安 第七条): the pure rules. A major case, or one its
handler asks for and the complaint supervisor approves, is decided in a meeting the supervisor
schedules and chairs; every participant records and confirms their own opinion (their
signature on the 投诉案件合议记录表); the chair records the decision once all have confirmed —
a final decision, or a preliminary leaning when the meeting cannot agree, and then the final
decision within 15 days of the meeting (第八条(四): 合议会议后15日内给出最终处理意见)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kesu.domain.calendars import WorkCalendar
from kesu.domain.deadlines import END_OF_DAY, add_calendar_days

#: Calendar days from the meeting to the final decision (seed 004 第八条(四)).
DEFAULT_DAYS = 15


class Status(StrEnum):
    REQUESTED = "requested"  # the handler asked; the supervisor has not answered
    REFUSED = "refused"  # the supervisor did not approve the request
    CONVENED = "convened"  # meeting scheduled, participants told
    PRELIMINARY = "preliminary"  # a leaning recorded; the final decision is still due
    DECIDED = "decided"  # the final decision is recorded


#: Deliberations whose clock runs and whose participants see the case.
OPEN = frozenset({Status.REQUESTED, Status.CONVENED, Status.PRELIMINARY})
#: Deliberations that a meeting is (or was) held for.
HELD = frozenset({Status.CONVENED, Status.PRELIMINARY, Status.DECIDED})


class Grounds(StrEnum):
    MAJOR = "major_case"  # 重大投诉案件 (第七条(二)1)
    REQUESTED = "on_request"  # 经办人提请, 咨诉主管审核同意 (第七条(二)2)


class Refused(ValueError):
    """A step the rules do not allow now; `code` names the rule for the messages."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Seat:
    """One participant as the rules see them: who, and whether they confirmed."""

    user_id: int
    confirmed: bool


def final_due(calendar: WorkCalendar, meeting_at: datetime, days: int = DEFAULT_DAYS) -> datetime:
    """The end of the day the final decision is due: `days` calendar days after the meeting's
    day (a period ending on a rest day ends on the next working day, as every calendar-day
    clock here)."""
    due = add_calendar_days(calendar, meeting_at.date(), days).due
    return datetime.combine(due, END_OF_DAY, tzinfo=meeting_at.tzinfo)


def may_convene(status: Status | None, grounds: Grounds) -> None:
    """A major case is convened straight away; a requested one only once it is approved (an
    approved request is held as CONVENED only after the supervisor schedules it)."""
    if grounds is Grounds.MAJOR and status is None:
        return
    if grounds is Grounds.REQUESTED and status is Status.REQUESTED:
        return
    raise Refused("not_convenable")


def may_confirm(status: Status, seats: Iterable[Seat], user_id: int, *, met: bool) -> None:
    """Only a participant confirms, only their own opinion, once, after the meeting began and
    before the final decision."""
    if status not in {Status.CONVENED, Status.PRELIMINARY}:
        raise Refused("not_open")
    if not met:
        raise Refused("before_meeting")
    seat = next((s for s in seats if s.user_id == user_id), None)
    if seat is None:
        raise Refused("not_participant")
    if seat.confirmed:
        raise Refused("already_confirmed")


def may_decide(status: Status, seats: Iterable[Seat], *, final: bool, has_minutes: bool) -> None:
    """The chair records a decision once the minutes are written and every participant has
    confirmed; a preliminary leaning only before a final decision, and only once."""
    if status not in {Status.CONVENED, Status.PRELIMINARY}:
        raise Refused("not_open")
    if not final and status is Status.PRELIMINARY:
        raise Refused("already_preliminary")
    if not has_minutes:
        raise Refused("no_minutes")
    if not all(seat.confirmed for seat in seats):
        raise Refused("unconfirmed")


def is_late(status: Status, due: datetime | None, now: datetime) -> bool:
    """Whether the final decision is overdue."""
    return status in {Status.CONVENED, Status.PRELIMINARY} and due is not None and now > due
