"""When a running clock warns its owner, and how a breach climbs the hierarchy (督办, R-19).

Pure: the caller passes the clock (its start and due moment), the calendar, the ladder and the
alerts already fired; the answer is the list of alerts due now and the next moment to look
again — which the Django layer stores, indexed, so a sweep touches only cases with something
to say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kesu.domain.calendars import WorkCalendar
from kesu.domain.deadlines import ClockRule, add_working_hours, extend
from kesu.domain.vocabulary import Role, TimeUnit


class AlertKind(StrEnum):
    WARNING_SHARE = "warning_share"  # a share (75 %) of the allowed time has passed
    WARNING_DAY_BEFORE = "warning_day_before"  # one working day left
    ESCALATION = "escalation"  # the clock ran out: level 1 the owner, then up the hierarchy


@dataclass(frozen=True)
class Step:
    """One rung of the escalation ladder: who is told, how long after the breach."""

    level: int
    role: Role | None  # None: the case's owner (its handler, else the department head)
    after: ClockRule


@dataclass(frozen=True)
class Ladder:
    warning_share: float  # 0 < share < 1; 0 switches the share warning off
    steps: tuple[Step, ...]
    warn_day_before: bool = True


def _wh(hours: int) -> ClockRule:
    return ClockRule(hours, TimeUnit.WORKING_HOURS)


def _wd(days: int) -> ClockRule:
    return ClockRule(days, TimeUnit.WORKING_DAYS)


#: Handler → department head → complaint supervisor → customer-service manager → general manager.
STANDARD = Ladder(
    warning_share=0.75,
    steps=(
        Step(1, None, _wh(0)),
        Step(2, Role.DEPARTMENT_HEAD, _wd(1)),
        Step(3, Role.SUPERVISOR, _wd(2)),
        Step(4, Role.CS_MANAGER, _wd(3)),
        Step(5, Role.GENERAL_MANAGER, _wd(5)),
    ),
)
#: Major cases 重大投诉 climb faster (seed 004: major cases get a tracker and faster handling).
MAJOR = Ladder(
    warning_share=0.5,
    steps=(
        Step(1, None, _wh(0)),
        Step(2, Role.DEPARTMENT_HEAD, _wh(4)),
        Step(3, Role.SUPERVISOR, _wd(1)),
        Step(4, Role.CS_MANAGER, _wd(2)),
        Step(5, Role.GENERAL_MANAGER, _wd(3)),
    ),
)


@dataclass(frozen=True)
class Clock:
    name: str  # "acceptance", "first_contact", "resolution"
    started_at: datetime
    due_at: datetime


@dataclass(frozen=True)
class Alert:
    clock: str
    kind: AlertKind
    level: int  # 0 for warnings
    role: Role | None
    at: datetime  # when it falls due
    due_at: datetime  # the due moment it is about (a moved deadline gets fresh alerts)

    @property
    def key(self) -> tuple[str, str, int, datetime]:
        return (self.clock, self.kind.value, self.level, self.due_at)


def schedule(calendar: WorkCalendar, clock: Clock, ladder: Ladder) -> list[Alert]:
    """Every alert a clock will raise, in time order."""
    alerts = []
    span = clock.due_at - clock.started_at
    if span.total_seconds() > 0 and 0 < ladder.warning_share < 1:
        share_at = clock.started_at + span * ladder.warning_share
        alerts.append(Alert(clock.name, AlertKind.WARNING_SHARE, 0, None, share_at, clock.due_at))
    day_before = _one_working_day_before(calendar, clock.due_at)
    if ladder.warn_day_before and day_before > clock.started_at:
        alerts.append(
            Alert(clock.name, AlertKind.WARNING_DAY_BEFORE, 0, None, day_before, clock.due_at)
        )
    for step in ladder.steps:
        at = clock.due_at if step.after.amount == 0 else _after(calendar, clock.due_at, step.after)
        alerts.append(
            Alert(clock.name, AlertKind.ESCALATION, step.level, step.role, at, clock.due_at)
        )
    return sorted(alerts, key=lambda a: (a.at, a.level))


def _after(calendar: WorkCalendar, moment: datetime, rule: ClockRule) -> datetime:
    if rule.unit is TimeUnit.WORKING_HOURS:
        return add_working_hours(calendar, moment, rule.amount).at
    return extend(calendar, moment, rule).at


def _one_working_day_before(calendar: WorkCalendar, due: datetime) -> datetime:
    """The same time of day on the working day before the due day."""
    day = due.date()
    for _ in range(30):
        day = day.fromordinal(day.toordinal() - 1)
        if calendar.is_working_day(day):
            return datetime.combine(day, due.timetz())
    return due  # pragma: no cover — no working day in a month


@dataclass(frozen=True)
class Plan:
    due_now: list[Alert]
    next_at: datetime | None


def plan(
    calendar: WorkCalendar,
    clocks: Iterable[Clock],
    ladder: Ladder,
    fired: Iterable[tuple[str, str, int, datetime]],
    now: datetime,
) -> Plan:
    """The alerts due at `now` that have not fired yet, and when the next one falls due.

    Warnings whose moment passed after the clock already ran out are dropped: an overdue
    case gets escalations, not a late "one day left".
    """
    done = set(fired)
    due_now: list[Alert] = []
    upcoming: list[datetime] = []
    for clock in clocks:
        for alert in schedule(calendar, clock, ladder):
            if alert.key in done:
                continue
            if alert.kind is not AlertKind.ESCALATION and now >= clock.due_at:
                continue
            if alert.at <= now:
                due_now.append(alert)
            else:
                upcoming.append(alert.at)
    return Plan(due_now=due_now, next_at=min(upcoming, default=None))
