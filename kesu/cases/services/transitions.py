"""Moving a case through its lifecycle. `perform_transition` is the one entry point: it locks the
case row, asks the domain workflow whether the acting user may take the action, applies the
action's effect, and writes the history event — all in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kesu.cases.models import Case, DeclineReason
from kesu.cases.services import deadlines as case_deadlines
from kesu.cases.services import notices
from kesu.cases.services.events import diff, plain, record_event, snapshot
from kesu.core.clock import local
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.core.labels import label
from kesu.deadlines.models import DeadlinePolicy
from kesu.deadlines.services import work_calendar
from kesu.domain import deadlines
from kesu.domain.deadlines import ClockRule
from kesu.domain.presets.terms import HANDLING_METHODS
from kesu.domain.vocabulary import Action, CaseKind, Role, State, TimeUnit
from kesu.domain.workflow import (
    DEPARTMENT_BOUND,
    CaseFacts,
    Decision,
    allowed_actions,
    decide,
    outranks,
)
from kesu.org.access import Authority
from kesu.org.models import Department, User

MAX_NOTE = 4000
PAUSE_REASONS = ("waiting_customer", "appraisal", "co_handling")
CONTACT_METHODS = ("phone", "sms", "email", "visit", "letter", "wechat")
HANDLING_METHOD_CODES = frozenset(term.code for term in HANDLING_METHODS)
#: Fields whose before/after the history records for every transition.
TRACKED = [
    "state", "kind", "assigned_department", "handler", "decline_reason", "plan", "plan_method",
    "plan_amount", "answer", "policy", "acceptance_due", "first_contact_due", "resolution_due",
    "first_contact_at", "last_contact_at", "clock_paused_at", "clock_pause_reason",
    "provisional_until", "closed_at", "next_due", "resolution_unit", "plan_submitted_by",
    "hastened_count", "investigation_due", "investigated_at", "return_visit_due",
    "return_visited_at",
]  # fmt: skip


@dataclass(frozen=True)
class TransitionInput:
    """Everything an action may need; each action checks the fields it uses."""

    note: str = ""
    reason_code: str = ""
    department: str = ""
    handler: str = ""
    promised_days: int | None = None
    method: str = ""
    plan: str = ""
    amount: Decimal | None = None
    answer: str = ""
    extension_amount: int | None = None
    extension_unit: TimeUnit = TimeUnit.WORKING_DAYS


def facts_of(case: Case, authority: Authority, now: datetime) -> tuple[CaseFacts, frozenset[Role]]:
    """The case as the workflow sees it, and the acting user's roles that count on it."""
    roles = authority.roles_on(case.assigned_department, case.handler_id)
    facts = CaseFacts(
        state=State(case.state),
        kind=CaseKind(case.kind),
        clock_paused=case.clock_paused_at is not None,
        window_open=case.provisional_until is not None and now < case.provisional_until,
        in_case_department=bool(roles & DEPARTMENT_BOUND),
        own_plan=case.plan_submitted_by_id in authority.user_ids,
    )
    return facts, roles


def actions_for(case: Case, authority: Authority, now: datetime) -> list[Action]:
    """What the acting user may do with `case` now — what pages and the API offer."""
    facts, roles = facts_of(case, authority, now)
    return allowed_actions(facts, roles)


def perform_transition(
    *, case_id: int, authority: Authority, action: Action, data: TransitionInput, now: datetime
) -> Case:
    """Take `action` on the case; refused with `TransitionNotAllowed` (HTTP 409) if the table,
    the role or a guard does not allow it, with `ServiceError` (HTTP 400) for bad input."""
    if len(data.note) > MAX_NOTE:
        raise ServiceError(
            "too_long", _("The note is too long (at most 4000 characters)."), field="note"
        )
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("assigned_department", "policy", "category")
            .filter(pk=case_id)
            .first()
        )
        if case is None:
            raise NotFound("not_found", _("Case not found."))
        facts, roles = facts_of(case, authority, now)
        decision = decide(facts, action, roles)
        before = snapshot(case, TRACKED)
        lender = authority.lender(decision.acting_role, case.assigned_department, case.handler_id)
        EFFECTS[action](case, decision, data, authority, now)
        case.state = decision.target
        if decision.target not in case_deadlines.RUNNING:
            case.clock_paused_at, case.clock_pause_reason = None, ""  # nothing left to pause
        case.next_due = case_deadlines.next_due(case)
        case.next_alert_at = case_deadlines.next_alert_at(case)
        case.save()
        record_event(
            case=case,
            authority=authority,
            action=action,
            at=now,
            role=decision.acting_role,
            on_behalf_of=lender,
            from_state=decision.source,
            to_state=decision.target,
            changes=diff(before, snapshot(case, TRACKED)),
            data=_details(data),
            note=data.note.strip(),
        )
    return case


def _details(data: TransitionInput) -> dict[str, Any]:
    """The action's parameters for the record (method, reason, extension …), note excluded."""
    details = {
        name: plain(value)
        for name, value in asdict(data).items()
        if name not in {"note", "plan", "answer", "extension_unit"} and value not in ("", None)
    }
    if data.extension_amount:  # the unit only means something with an amount
        details["extension_unit"] = TimeUnit(data.extension_unit).value
    return details


Effect = Callable[[Case, Decision, TransitionInput, Authority, datetime], None]


def _require(value: str, field: str, message: str | Promise) -> str:
    if not value.strip():
        raise ServiceError("required", message, field=field)
    return value.strip()


def _accept(case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime) -> None:
    promised = None
    if data.promised_days is not None:
        if not 1 <= data.promised_days <= 180:
            raise ServiceError(
                "invalid_promise",
                _("The promised deadline must be 1 to 180 working days."),
                field="promised_days",
            )
        promised = ClockRule(data.promised_days, TimeUnit.WORKING_DAYS)
    case.accepted_at = now
    case_deadlines.set_handling_dues(case, accepted_at=now, promised=promised)
    # the customer is told the case number and the promised deadline.
    notices.tell_customer(case, "case_acknowledged", due=case.resolution_due)


def _decline(case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime) -> None:
    code = _require(data.reason_code, "reason_code", _("Choose the reason for declining."))
    reason = DeclineReason.objects.filter(code=code, is_active=True).first()
    if reason is None:
        raise ServiceError(
            "unknown_reason",
            _("Unknown decline reason: %(code)s.") % {"code": code},
            field="reason_code",
        )
    case.decline_reason = reason
    case.closed_at = now


def _convert(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime
) -> None:
    case.kind = CaseKind.COMPLAINT
    case.policy = case_deadlines.matching_policy(case)
    if case.accepted_at is None:
        case_deadlines.set_acceptance_due(case)
    else:
        case_deadlines.set_handling_dues(case, accepted_at=case.accepted_at)


def _assign(
    case: Case, decision: Decision, data: TransitionInput, authority: Authority, now: datetime
) -> None:
    code = _require(data.department, "department", _("Choose the responsible department."))
    department = Department.objects.filter(code=code, is_active=True).first()
    if department is None:
        raise ServiceError(
            "unknown_department",
            _("Unknown department: %(code)s.") % {"code": code},
            field="department",
        )
    if decision.acting_role in DEPARTMENT_BOUND and not authority.covers(
        department, role=decision.acting_role
    ):
        raise ServiceError(
            "outside_department",
            _("A department head can assign only within their own department."),
            field="department",
        )
    handler = None
    if data.handler:
        handler = (
            User.objects.filter(username=data.handler, is_active=True)
            .select_related("department")
            .first()
        )
        if (
            handler is None
            or handler.department is None
            or not handler.department.path.startswith(department.path)
        ):
            raise ServiceError(
                "handler_not_in_department",
                _("The handler must be an active member of the responsible department."),
                field="handler",
            )
    case.assigned_department = department
    case.handler = handler
    notices.tell_assigned(case, now=now)


def _log_contact(
    case: Case, decision: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Write down what was said."))
    if data.method and data.method not in CONTACT_METHODS:
        raise ServiceError("unknown_method", _("Unknown contact method."), field="method")
    case.first_contact_at = case.first_contact_at or now
    case.last_contact_at = now
    if decision.source is State.PROVISIONALLY_CLOSED:
        # Contact inside the window reopens the case (seed 004): handling starts again.
        case.provisional_until = None
        case_deadlines.restart_resolution(case, now=now)


def _investigate(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Write down the findings."))
    case.investigated_at = case.investigated_at or now  # the investigation clock stops


def _submit_plan(
    case: Case, _d: Decision, data: TransitionInput, authority: Authority, now: datetime
) -> None:
    case.plan = _require(data.plan, "plan", _("Write the handling plan."))
    case.plan_submitted_by = authority.user
    case.investigated_at = case.investigated_at or now  # a plan rests on the findings
    if data.method and data.method not in HANDLING_METHOD_CODES:
        raise ServiceError("unknown_method", _("Unknown handling method."), field="method")
    case.plan_method = data.method
    if data.amount is not None and data.amount < 0:
        raise ServiceError("negative_amount", _("The amount cannot be negative."), field="amount")
    case.plan_amount = data.amount


def _with_reason(message: str | Promise) -> Effect:
    def effect(
        case: Case, _d: Decision, data: TransitionInput, _a: Authority, _now: datetime
    ) -> None:
        _require(data.note, "note", message)

    return effect


def _answer(case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime) -> None:
    case.answer = _require(data.answer, "answer", _("Write the answer given to the customer."))
    case.answered_at = now
    case.last_contact_at = now
    case_deadlines.start_return_visit(case, answered_at=now)
    notices.tell_customer(case, "case_answered", due=case.resolution_due, key=now.isoformat())


def _close(case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime) -> None:
    case.closed_at = now


def _confirm(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime
) -> None:
    """The return visit found the customer satisfied: its clock stops and the case closes."""
    case_deadlines.record_return_visit(case, now=now)
    case.closed_at = now


def _not_satisfied(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Write down why the customer is not satisfied."))
    case.last_contact_at = now
    case_deadlines.record_return_visit(case, now=now)  # the visit happened; the answer failed
    case_deadlines.restart_resolution(case, now=now)


def _provisionally_close(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Give the reason for the provisional closure."))
    last_contact = case.last_contact_at or now
    case.provisional_until = deadlines.add_months(
        local(last_contact), settings.KESU_PROVISIONAL_CLOSURE_MONTHS
    )


def _reopen(case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime) -> None:
    _require(data.note, "note", _("Give the reason for reopening."))
    case.provisional_until = None
    case_deadlines.restart_resolution(case, now=now)


def _withdraw(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Record why the customer withdrew."))
    case.closed_at = now


def _pause(case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime) -> None:
    if data.reason_code not in PAUSE_REASONS:
        raise ServiceError(
            "unknown_pause_reason",
            _("Choose why the clock stops: waiting for the customer, appraisal or co-handling."),
            field="reason_code",
        )
    allowed = case.policy.pause_reasons if case.policy else []
    if allowed and data.reason_code not in allowed:
        raise ServiceError(
            "pause_not_allowed",
            _("Under this deadline policy the clock does not stop for this reason."),
            field="reason_code",
        )
    case.clock_paused_at = now
    case.clock_pause_reason = data.reason_code


def _resume(case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime) -> None:
    paused_at = case.clock_paused_at
    assert paused_at is not None  # guaranteed by the CLOCK_PAUSED guard  # noqa: S101
    calendar = work_calendar(range(local(paused_at).year, local(now).year + 1))
    for clock in case_deadlines.open_clocks(case):
        due = deadlines.shift_after_pause(
            calendar,
            local(getattr(case, clock)),
            unit=case_deadlines.unit_of(case, clock),
            paused_at=local(paused_at),
            resumed_at=local(now),
        )
        setattr(case, clock, due.at)
        case.due_provisional = case.due_provisional or due.provisional
    case.clock_paused_at = None
    case.clock_pause_reason = ""


def _extend(
    case: Case, decision: Decision, data: TransitionInput, _a: Authority, _now: datetime
) -> None:
    _require(data.note, "note", _("Give the reason for the extension."))
    amount = data.extension_amount
    if amount is None or not 1 <= amount <= 60:
        raise ServiceError(
            "invalid_extension",
            _("An extension must be 1 to 60 units long."),
            field="extension_amount",
        )
    if case.resolution_due is None:
        raise ServiceError("no_deadline", _("This case has no resolution deadline to extend."))
    _check_extension_rule(case.policy, decision.acting_role, amount, TimeUnit(data.extension_unit))
    due_local = local(case.resolution_due)
    moved = deadlines.extend(
        work_calendar([due_local.year]), due_local, ClockRule(amount, TimeUnit(data.extension_unit))
    )
    case.resolution_due = moved.at
    case.due_provisional = case.due_provisional or moved.provisional
    case.resolution_unit = case.resolution_unit or case_deadlines.unit_of(case, "resolution_due")


def _hasten(case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime) -> None:
    _require(data.note, "note", _("Write down what the customer said this time."))
    case.hastened_count += 1
    case.last_hastened_at = now
    case.last_contact_at = now
    notices.tell_owners(case, "case_hastened", data.note.strip(), now)


def _recalculate(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, _now: datetime
) -> None:
    """Due times again from the policy that matches now and the stored calendar as it is now
    (e.g. after next year's 调休 was published, or a policy was corrected)."""
    _require(data.note, "note", _("Give the reason for recalculating."))
    case.policy = case_deadlines.matching_policy(case)
    case_deadlines.set_acceptance_due(case)
    if case.accepted_at is not None:
        resolution_start, answered_at = case.resolution_started_at, case.answered_at
        case_deadlines.set_handling_dues(case, accepted_at=case.accepted_at)
        if resolution_start and resolution_start != case.accepted_at:
            case_deadlines.restart_resolution(case, now=resolution_start)
        case.answered_at = answered_at
        _reapply_extensions(case, since=resolution_start or case.accepted_at)
        if answered_at is not None and case.return_visited_at is None:
            case_deadlines.start_return_visit(case, answered_at=answered_at)


def _reapply_extensions(case: Case, *, since: datetime) -> None:
    """Extensions approved during the current resolution period still count after a
    recalculation (they were decided by people, not derived from the policy)."""
    granted = case.events.filter(action=Action.EXTEND_DEADLINE, at__gte=since).order_by("at", "id")
    for event in granted:
        amount, unit = event.data.get("extension_amount"), event.data.get("extension_unit")
        if not amount or case.resolution_due is None:
            continue
        due_local = local(case.resolution_due)
        moved = deadlines.extend(
            work_calendar([due_local.year]), due_local, ClockRule(int(amount), TimeUnit(unit))
        )
        case.resolution_due = moved.at


def _check_extension_rule(
    policy: DeadlinePolicy | None, role: Role, amount: int, unit: TimeUnit
) -> None:
    """The policy's extension rule: who may approve, and how far (e.g. CBIRC: 30 days, senior
    management)."""
    if policy is None:
        return
    if policy.extension_approver and not outranks(role, Role(policy.extension_approver)):
        raise Forbidden(
            "extension_needs_higher_approval",
            _("Under this deadline policy an extension must be approved by %(role)s or above.")
            % {"role": label(Role(policy.extension_approver))},
        )
    if policy.max_extension_amount is not None:
        limit_unit = TimeUnit(policy.max_extension_unit or TimeUnit.CALENDAR_DAYS)
        if unit != limit_unit or amount > policy.max_extension_amount:
            raise ServiceError(
                "extension_too_long",
                _("Under this deadline policy an extension may be at most %(n)s %(unit)s.")
                % {"n": policy.max_extension_amount, "unit": label(limit_unit)},
                field="extension_amount",
            )


def _nothing(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, _now: datetime
) -> None:
    """The state change and the event are the whole effect."""


EFFECTS: dict[Action, Effect] = {
    Action.ACCEPT: _accept,
    Action.DECLINE: _decline,
    Action.CONVERT_TO_COMPLAINT: _convert,
    Action.ASSIGN: _assign,
    Action.LOG_CONTACT: _log_contact,
    Action.RECORD_INVESTIGATION: _investigate,
    Action.SUBMIT_PLAN: _submit_plan,
    Action.APPROVE_PLAN: _nothing,
    Action.REJECT_PLAN: _with_reason(gettext_lazy("Say why the plan is sent back.")),
    Action.ANSWER: _answer,
    Action.CONFIRM: _confirm,
    Action.NOT_SATISFIED: _not_satisfied,
    Action.PROVISIONALLY_CLOSE: _provisionally_close,
    Action.FINALIZE: _close,
    Action.REOPEN: _reopen,
    Action.WITHDRAW: _withdraw,
    Action.PAUSE_CLOCK: _pause,
    Action.RESUME_CLOCK: _resume,
    Action.EXTEND_DEADLINE: _extend,
    Action.HASTEN: _hasten,
    Action.RECALCULATE_DEADLINES: _recalculate,
}
