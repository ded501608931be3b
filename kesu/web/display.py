"""How the workspace writes things: remaining working time, money, due times, coded terms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext

from kesu.cases.models import ATTACH, Case, CaseEvent
from kesu.cases.selectors import Timeline
from kesu.core.clock import local
from kesu.core.formatting import (  # noqa: F401 - the workspace writes values through display
    bilingual,
    is_english,
    long_date,
    punctuation,
    term_name,
    yuan,
)
from kesu.core.labels import (
    CLOCK_LABELS,
    CONTACT_METHOD_LABELS,
    DATA_LABELS,
    NEW_MATERIAL_LABELS,
    PAUSE_REASON_LABELS,
    event_label,
    label,
)
from kesu.deadlines.models import rules_of
from kesu.deadlines.services import work_calendar
from kesu.domain.approvals import ACTION_NAMES, ApprovalAction
from kesu.domain.calendars import WorkCalendar
from kesu.domain.clocks import CaseClocks, ClockName, ClockState, met
from kesu.domain.deadlines import add_working_days, remaining_working_days
from kesu.domain.presets.terms import HANDLING_METHODS, MAJOR_CRITERIA, RELATIONS
from kesu.domain.responsibility import PartyKind
from kesu.domain.vocabulary import CaseKind, Channel, Role, Severity, State, TimeUnit

#: Clocks a policy may leave out; the case page lists them only where they apply.
OPTIONAL_CLOCKS = frozenset({ClockName.INVESTIGATION, ClockName.RETURN_VISIT})


@dataclass(frozen=True)
class Due:
    """One clock of a case as the page shows it."""

    name: str
    label: str
    at: datetime | None
    running: bool
    late: bool
    soon: bool
    remaining: str
    outcome: str = ""  # a stopped clock: met in time, or late by how much


def outcome_text(calendar: WorkCalendar, state: ClockState) -> str:
    """按时 / 超时2个工作日 for a clock that stopped (D17): the record says whether it was met."""
    if state.due is None or state.stopped is None:
        return ""
    if met(state):
        return gettext("met in time")
    late_by = remaining_working_days(calendar, local(state.due), local(state.stopped))
    if late_by <= 0:
        return gettext("late")
    return ngettext("late by %(n)s working day", "late by %(n)s working days", late_by) % {
        "n": late_by
    }


def remaining_text(days: int, *, late: bool) -> str:
    """剩余3个工作日 / 今日到期 / 超期2个工作日."""
    if late:
        if days >= 0:
            return gettext("overdue")
        return ngettext("%(n)s working day overdue", "%(n)s working days overdue", -days) % {
            "n": -days
        }
    if days == 0:
        return gettext("due today")
    return ngettext("%(n)s working day left", "%(n)s working days left", days) % {"n": days}


def calendar_for(now: datetime, dues: Iterable[datetime | None]) -> WorkCalendar:
    """One calendar covering today and every due time shown (one cached load)."""
    years = {local(now).year} | {local(due).year for due in dues if due is not None}
    return work_calendar(range(min(years), max(years) + 1))


def end_of_next_working_day(now: datetime) -> datetime:
    """ "Due soon" means before this moment (the home page and the queue agree on it)."""
    today = local(now)
    calendar = calendar_for(now, [])
    day = add_working_days(calendar, today.date(), 1).due
    return datetime.combine(day, time(23, 59, 59), tzinfo=today.tzinfo)


def clock_name(clock: str) -> str:
    """A deadline's name standing alone ("Acceptance"); messages use it mid-sentence."""
    return capfirst(str(CLOCK_LABELS[clock]))


def due_of(
    case: Case,
    clock: ClockName,
    calendar: WorkCalendar,
    now: datetime,
    clocks: CaseClocks | None = None,
) -> Due:
    clocks = clocks or case.clocks()
    state = clocks[clock]
    at = state.due
    # A finished or paused case has no running clock (`next_due` is empty then).
    running = case.next_due is not None and state.running
    if at is None:
        return Due(clock, clock_name(clock), None, False, False, False, "")
    if not running:
        outcome = outcome_text(calendar, state)
        return Due(clock, clock_name(clock), local(at), False, False, False, "", outcome)
    late = at < now
    days = remaining_working_days(calendar, local(now), local(at))
    return Due(
        name=clock,
        label=clock_name(clock),
        at=local(at),
        running=True,
        late=late,
        soon=not late and days <= 1,
        remaining=remaining_text(days, late=late),
    )


def case_dues(case: Case, calendar: WorkCalendar, now: datetime) -> list[Due]:
    """The case page's deadlines table: every clock, except an optional one (investigation,
    return visit) that the case's policy does not set and that never got a due time."""
    dues = []
    clocks = case.clocks()
    rules = rules_of(case.policy)
    for clock in ClockName:
        due = due_of(case, clock, calendar, now, clocks)
        if clock in OPTIONAL_CLOCKS and due.at is None and rules.rule(clock) is None:
            continue
        dues.append(due)
    return dues


def next_due_of(case: Case, calendar: WorkCalendar, now: datetime) -> Due | None:
    """The clock a queue shows: the earliest one still running (what `next_due` indexes).
    Only that clock's remaining time is worked out."""
    if case.next_due is None:
        return None
    clocks = case.clocks()
    running = [clock for clock in ClockName if clocks[clock].running]
    if not running:
        return None
    earliest = min(running, key=lambda clock: clocks[clock].due or case.received_at)
    return due_of(case, earliest, calendar, now, clocks)


def urgency(case: Case, calendar: WorkCalendar, now: datetime) -> str:
    """ "late" when a running clock has run out, "soon" when one ends within a working day."""
    if case.next_due is None:
        return ""
    if case.next_due < now:
        return "late"
    if remaining_working_days(calendar, local(now), local(case.next_due)) <= 1:
        return "soon"
    return ""


def _coded(value: str) -> str | None:
    """The label of a stored code (state, unit, channel, method, reason …), if it is one."""
    for enum in (State, TimeUnit, Channel, CaseKind, Severity):
        try:
            return str(label(enum(value)))
        except ValueError:
            continue
    for table in (CONTACT_METHOD_LABELS, PAUSE_REASON_LABELS, CLOCK_LABELS):
        if value in table:
            return str(table[value])
    for terms in (HANDLING_METHODS, RELATIONS, MAJOR_CRITERIA):
        for term in terms:
            if term.code == value:
                return term_name(term)
    return None


def _value(value: Any) -> str:
    """A before/after value as people read it: local times, labels of codes, "—" for nothing."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return punctuation().enumeration.join(_value(item) for item in value)
    if isinstance(value, str):
        coded = _coded(value)
        if coded is not None:
            return coded
        if len(value) >= 16 and value[4:5] == "-" and "T" in value:
            try:
                return local(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
            except ValueError:
                return value
    return str(value)


#: Fields holding money: shown as ¥1,234.00, never as the stored "200" or "200.00".
MONEY_FIELDS = frozenset(
    {"plan_amount", "subject_amount", "amount", "result_amount", "loss_amount"}
)
#: Bookkeeping the history does not show: the earliest clock (shown by the page's deadlines),
#: the unit a clock is counted in (the extension that set it says it in words), and a
#: request's fingerprint and a file's checksum (kept in the record, not in the main line).
HIDDEN_CHANGES = frozenset({"state", "next_due", "resolution_unit"})
HIDDEN_DATA = frozenset({"request", "sha256", "size", "extension_unit", "task", "handover"})
#: Old attachment events wrote "name (7828 B, sha256 ff1dad44831d…)" as their note.
_LEGACY_ATTACH_NOTE = re.compile(r"^(?P<name>.*) \((?P<size>\d+) B, sha256 [0-9a-f]+…\)$", re.S)


def amount_in_units(amount: Any, unit: str) -> str:
    """5 working days → 5个工作日 / 5 working days."""
    try:
        count = int(amount)
    except (TypeError, ValueError):
        return _value(amount)
    units = {
        TimeUnit.WORKING_DAYS.value: ngettext("%(n)s working day", "%(n)s working days", count),
        TimeUnit.CALENDAR_DAYS.value: ngettext("%(n)s calendar day", "%(n)s calendar days", count),
        TimeUnit.WORKING_HOURS.value: ngettext("%(n)s working hour", "%(n)s working hours", count),
        TimeUnit.HOURS.value: ngettext("%(n)s hour", "%(n)s hours", count),
    }
    return units.get(unit, units[TimeUnit.WORKING_DAYS.value]) % {"n": count}


def _money(value: Any) -> str:
    if value in (None, ""):
        return "—"
    try:
        return yuan(Decimal(str(value)))
    except ArithmeticError:
        return str(value)


def field_label(name: str) -> str:
    try:
        return str(Case._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


#: Values that are role codes or approval-matrix action codes (R-12), shown by their labels.
ROLE_VALUES = frozenset({"plan_approver_role", "named", "skipped", "approver"})
APPROVAL_ACTION_VALUES = frozenset({"plan_approval_action", "approval_action"})


def _approval_value(name: str, value: Any) -> str | None:
    """A role or approval action named in an approval step, as people read it; None for any
    other field (so a user name that happens to spell a role code is never relabelled)."""
    if isinstance(value, list):
        parts = [_approval_value(name, item) or str(item) for item in value]
        return punctuation().enumeration.join(parts) if parts else "—"
    if value in (None, ""):
        return None
    try:
        if name in ROLE_VALUES:
            return str(label(Role(value)))
        if name in APPROVAL_ACTION_VALUES:
            names = ACTION_NAMES[ApprovalAction(value)]
            return names[1] if (get_language() or "").startswith("en") else names[0]
    except ValueError:
        return None
    return None


def change_rows(changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """`(field label, before, after)` for an event's recorded changes (state shown apart)."""
    rows = []
    for name, pair in changes.items():
        if name in HIDDEN_CHANGES or not isinstance(pair, list) or len(pair) != 2:
            continue
        shown = _money if name in MONEY_FIELDS else _value
        before = _approval_value(name, pair[0]) or shown(pair[0])
        after = _approval_value(name, pair[1]) or shown(pair[1])
        if before == after:  # "200" and "200.00" stored before amounts were normalised
            continue
        rows.append((field_label(name), before, after))
    return rows


#: Parameters already shown among the changes (department and handler by name).
SHOWN_AS_CHANGES = frozenset(
    {"department", "handler", "plan", "answer", "approval_action", "premium_share"}
)


def data_rows(data: dict[str, Any], names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """`(label, value)` for an event's parameters, e.g. (方式, 电话); `names` turns user names
    and decline-reason codes into what people call them."""
    names = names or {}

    def shown(key: str, value: Any) -> str:
        if key == "responsibility" and isinstance(value, list):
            return shares_text(value)
        if isinstance(value, list):
            return punctuation().enumeration.join(names.get(str(item), str(item)) for item in value)
        if key in MONEY_FIELDS:
            return _money(value)
        if key == "extension_amount":
            return amount_in_units(value, str(data.get("extension_unit") or ""))
        if key == "promised_days":
            return amount_in_units(value, TimeUnit.WORKING_DAYS.value)
        if key == "new_material":
            return str(NEW_MATERIAL_LABELS.get(str(value), value))
        approval = _approval_value(key, value)
        if approval is not None:
            return approval
        if key == "subject_is_manager":
            return gettext("yes") if value else gettext("no")
        return names.get(str(value)) or _value(value)

    return [
        (str(DATA_LABELS.get(key, key)), shown(key, value))
        for key, value in data.items()
        if key not in SHOWN_AS_CHANGES | HIDDEN_DATA and value not in (None, "")
    ]


def share_text(kind: str, name: str, percent: Any) -> str:
    """One party's part as people write it: 厂家（华强电器）60% / Supplier (Huaqiang) 60%."""
    try:
        party = str(label(PartyKind(kind)))
    except ValueError:
        party = kind
    if name:
        party += f"{punctuation().open}{name}{punctuation().close}"
    number = Decimal(str(percent)).normalize()
    return f"{party} {number:f}%"


def shares_text(shares: list[Any]) -> str:
    """The split as recorded in the history: a list of {kind, name, percent}."""
    return punctuation().enumeration.join(
        share_text(str(item.get("kind", "")), str(item.get("name", "")), item.get("percent", 0))
        for item in shares
        if isinstance(item, dict)
    )


def _attachment_line(item: CaseEvent) -> tuple[list[tuple[str, str]], str]:
    """An evidence step as people read it: the file name and a human size (the checksum stays
    in the record); the note of an old event, which spelled those out, is not repeated."""
    data, note = item.data or {}, item.note
    name = ((item.changes or {}).get("attachment") or [None, ""])[1] or ""
    size = data.get("size")
    legacy = _LEGACY_ATTACH_NOTE.match(note or "")
    if legacy is not None:
        name, size, note = name or legacy["name"], int(legacy["size"]), ""
    text = str(name)
    if isinstance(size, int):
        text += f"{punctuation().open}{filesizeformat(size)}{punctuation().close}"
    return [(str(DATA_LABELS["attachment"]), text)], note


def timeline(history: Timeline) -> list[dict[str, Any]]:
    """The history's rows as the case page and the printed record show them (no queries:
    `selectors.case_timeline` read the events and the names they mention)."""
    names = history.names
    rows = []
    for item in history.events:
        changes, note = change_rows(item.changes or {}), item.note
        data = data_rows(item.data or {}, names)
        if item.action == ATTACH:
            changes = []
            data, note = _attachment_line(item)
        rows.append(
            {
                "event": item,
                "label": event_label(item.action),
                "from": _value(item.from_state) if item.from_state else "",
                "to": _value(item.to_state) if item.to_state else "",
                "changes": changes,
                "data": data,
                "note": note,
            }
        )
    return rows
