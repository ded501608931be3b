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
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kesu.cases.models import Case, DeclineReason, ResponsibilityShare
from kesu.cases.services import deadlines as case_deadlines
from kesu.cases.services import notices, plan_approval
from kesu.cases.services.events import diff, plain, record_event, snapshot
from kesu.cases.signals import closing_details
from kesu.core.clock import local
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.core.labels import label
from kesu.domain import clocks as domain_clocks
from kesu.domain import deadlines
from kesu.domain.clocks import ClockName, ClockRefused, PauseReason
from kesu.domain.deadlines import Period
from kesu.domain.presets.terms import HANDLING_METHODS
from kesu.domain.responsibility import (
    MAX_PARTY_NAME,
    MAX_SHARES,
    Share,
    SharesRefused,
    check_shares,
)
from kesu.domain.vocabulary import Action, CaseKind, Role, State, TimeUnit
from kesu.domain.workflow import (
    DEPARTMENT_BOUND,
    CaseFacts,
    Decision,
    allowed_actions,
    decide,
    opens_follow_up_case,
    reopening_for_new_material,
)
from kesu.org.access import Authority
from kesu.org.models import Department, User

MAX_NOTE = 4000
CENTS = Decimal("0.01")
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
    "return_visited_at", "assigned_at", "delivered_at", "result_method", "result_amount",
    "loss_amount", "plan_approval_action",
    "plan_premium_share", "plan_approver_role", "plan_approval_rule_zh",
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
    # The handling result with the answer: method, money, and who is responsible.
    result_method: str = ""
    result_amount: Decimal | None = None
    loss_amount: Decimal | None = None
    shares: tuple[Share, ...] = ()
    #: submit_plan: what the plan asks approval for (an approval-matrix action code, default
    #: "plan"), the surrender total over total premiums (0..1), whether the subject is a manager.
    approval_action: str = ""
    premium_share: Decimal | None = None
    subject_is_manager: bool = False


def facts_of(case: Case, authority: Authority, now: datetime) -> tuple[CaseFacts, frozenset[Role]]:
    """The case as the workflow sees it, and the acting user's roles that count on it."""
    roles = authority.roles_on(case.assigned_department, case.handler_id)
    facts = CaseFacts(
        state=State(case.state),
        kind=CaseKind(case.kind),
        clock_paused=case.clock_paused_at is not None,
        window_open=_window_open(case, now),
        in_case_department=bool(roles & DEPARTMENT_BOUND),
        own_plan=case.plan_submitted_by_id in authority.user_ids,
        plan_approver=Role(case.plan_approver_role) if case.plan_approver_role else None,
    )
    return facts, roles


def _window_open(case: Case, now: datetime) -> bool:
    return case.provisional_until is not None and now < case.provisional_until


def opens_follow_up(case: Case, now: datetime) -> bool:
    """Whether the customer coming back about `case` now opens a new, linked case (closed, or
    the provisional window has run out)."""
    facts = CaseFacts(state=State(case.state), window_open=_window_open(case, now))
    return opens_follow_up_case(facts)


def continues_in_window(case: Case, now: datetime) -> bool:
    """Whether new contact or material about `case` now reopens it (provisional window open)."""
    return case.state == State.PROVISIONALLY_CLOSED and _window_open(case, now)


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
        _apply(case, decision, EFFECTS[action], data, authority, now, details=_details(data))
    return case


def reopen_with_new_material(
    *, case: Case, authority: Authority, now: datetime, note: str, details: dict[str, Any]
) -> bool:
    """Reopen a provisionally closed case because new material arrived inside its window
    (seed 004 恒康天安 第五条(五)); returns whether it did. Runs inside the caller's transaction
    with `case` locked, so the material and the reopening are stored together."""
    facts, roles = facts_of(case, authority, now)
    decision = reopening_for_new_material(facts, roles)
    if decision is None:
        return False
    material = TransitionInput(note=note[:MAX_NOTE])
    _apply(case, decision, _restart_handling, material, authority, now, details=details)
    return True


def _apply(  # noqa: PLR0917 — the one place a decided move is carried out
    case: Case,
    decision: Decision,
    effect: Effect,
    data: TransitionInput,
    authority: Authority,
    now: datetime,
    *,
    details: dict[str, Any],
) -> None:
    before = snapshot(case, TRACKED)
    lender = authority.lender(decision.acting_role, case.assigned_department, case.handler_id)
    effect(case, decision, data, authority, now)
    case.state = decision.target
    if decision.target not in case_deadlines.RUNNING:
        case.clock_paused_at, case.clock_pause_reason = None, ""  # nothing left to pause
    case.next_due = case_deadlines.next_due(case)
    case.next_alert_at = case_deadlines.next_alert_at(case)
    case.save()
    if decision.target == State.CLOSED and decision.source != State.CLOSED:
        details = {**details, **closing_details(case, now, authority)}
    record_event(
        case=case,
        authority=authority,
        action=decision.action,
        at=now,
        role=decision.acting_role,
        on_behalf_of=lender,
        from_state=decision.source,
        to_state=decision.target,
        changes=diff(before, snapshot(case, TRACKED)),
        data=details,
        note=data.note.strip(),
    )


def _details(data: TransitionInput) -> dict[str, Any]:
    """The action's parameters for the record (method, reason, extension …), note excluded."""
    details = {
        name: plain(value)
        for name, value in asdict(data).items()
        if name not in {"note", "plan", "answer", "extension_unit", "shares", "subject_is_manager"}
        and value not in ("", None)
    }
    if data.shares:
        details["responsibility"] = [
            {"kind": str(s.kind), "name": s.name, "percent": str(s.percent)} for s in data.shares
        ]
    if data.subject_is_manager:
        details["subject_is_manager"] = True
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
        promised = Period(data.promised_days, TimeUnit.WORKING_DAYS)
    case.accepted_at = now
    case_deadlines.start_clocks(case, promised=promised)
    # the customer is told the case number and what the policy promises (seed 004
    # 第五条(一): contact and handling within 7 working days); a promise made at acceptance is
    # an answer by the promised day.
    if promised is None and case_deadlines.rules(case).promise is ClockName.FIRST_CONTACT:
        notices.tell_customer(case, "case_acknowledged_contact", due=case.first_contact_due)
    else:
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
    notices.tell_declined(case, reason, now=now)  # why, and what the customer can do (P6)


def _convert(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime
) -> None:
    case.kind = CaseKind.COMPLAINT
    case_deadlines.recalculate(case)  # the complaint's policy


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
    case.assigned_at = case.assigned_at or now
    case_deadlines.start_clocks(case)  # a clock may count from the assignment
    notices.tell_assigned(case, now=now, note=data.note.strip())


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
    # Stored with two decimals, so resubmitting "200" for 200.00 records no change.
    case.plan_amount = None if data.amount is None else data.amount.quantize(CENTS)
    plan_approval.route_plan(case, data=_approval_request(data), authority=authority, now=now)
    notices.tell_plan_submitted(case, actor=authority.user, now=now)


def _approval_request(data: TransitionInput) -> plan_approval.PlanApprovalInput:
    return plan_approval.PlanApprovalInput(
        action=data.approval_action,
        premium_share=data.premium_share,
        subject_is_manager=data.subject_is_manager,
    )


def _approve_plan(
    case: Case, _d: Decision, data: TransitionInput, authority: Authority, now: datetime
) -> None:
    notices.tell_plan_decided(
        case, "plan_approved", actor=authority.user, note=data.note.strip(), now=now
    )


def _reject_plan(
    case: Case, _d: Decision, data: TransitionInput, authority: Authority, now: datetime
) -> None:
    reason = _require(data.note, "note", _("Say why the plan is sent back."))
    notices.tell_plan_decided(case, "plan_returned", actor=authority.user, note=reason, now=now)


def _with_reason(message: str | Promise) -> Effect:
    def effect(
        case: Case, _d: Decision, data: TransitionInput, _a: Authority, _now: datetime
    ) -> None:
        _require(data.note, "note", message)

    return effect


def _answer(
    case: Case, _d: Decision, data: TransitionInput, authority: Authority, now: datetime
) -> None:
    case.answer = _require(data.answer, "answer", _("Write the answer given to the customer."))
    _record_result(case, data)
    case.answered_at = now
    case.last_contact_at = now
    case_deadlines.start_clocks(case)  # the return visit, where it counts from the answer
    notices.tell_answer(case, now=now)  # the answer itself, to the customer (P3)
    notices.tell_return_visit(case, actor=authority.user, now=now)


def _money(value: Decimal | None, field: str) -> Decimal | None:
    if value is None:
        return None
    if value < 0:
        raise ServiceError("negative_amount", _("The amount cannot be negative."), field=field)
    return value.quantize(CENTS)


def _record_result(case: Case, data: TransitionInput) -> None:
    """The handling result given with the answer (R-17): how it was resolved, the money paid
    and the loss, and the split of responsibility — whose parts add up to exactly 100 %."""
    if data.result_method and data.result_method not in HANDLING_METHOD_CODES:
        raise ServiceError("unknown_method", _("Unknown handling method."), field="result_method")
    try:
        shares = check_shares(data.shares)
    except SharesRefused as refused:
        raise ServiceError(
            f"responsibility_{refused.code}", shares_message(refused), field="responsibility"
        ) from refused
    case.result_method = data.result_method
    case.result_amount = _money(data.result_amount, "result_amount")
    case.loss_amount = _money(data.loss_amount, "loss_amount")
    if case.pk is not None:
        case.responsibility_shares.all().delete()
    ResponsibilityShare.objects.bulk_create(
        [
            ResponsibilityShare(
                case=case,
                position=index,
                party_kind=share.kind,
                party_name=share.name,
                percent=share.percent,
            )
            for index, share in enumerate(shares)
        ]
    )


def shares_message(refused: SharesRefused) -> str:
    """Why a responsibility split was refused, in the user's language (pages and API)."""
    if refused.code == "not_hundred":
        return _("The responsibility shares must add up to 100%% (they add up to %(total)s%%).") % {
            "total": refused.params.get("total", "?")
        }
    if refused.code == "duplicate_party":
        return _("Each party appears once in the responsibility split.")
    if refused.code == "too_many_parties":
        return _("At most %(n)s parties share the responsibility.") % {"n": MAX_SHARES}
    if refused.code == "name_too_long":
        return _("A party name has at most %(n)s characters.") % {"n": MAX_PARTY_NAME}
    return _("Each share is a percentage above 0 and at most 100, with at most two decimals.")


def _close(case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime) -> None:
    case.closed_at = now


def _confirm(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime
) -> None:
    """The return visit found the customer satisfied: its clock stops and the case closes."""
    case_deadlines.stop_clock(case, ClockName.RETURN_VISIT, now=now)
    case.closed_at = now


def _not_satisfied(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Write down why the customer is not satisfied."))
    case.last_contact_at = now
    # The visit happened; the answer failed.
    case_deadlines.stop_clock(case, ClockName.RETURN_VISIT, now=now)
    case_deadlines.restart_resolution(case, now=now)
    notices.tell_reopened(case, now=now, note="")


def _provisionally_close(
    case: Case, _d: Decision, data: TransitionInput, _a: Authority, now: datetime
) -> None:
    _require(data.note, "note", _("Give the reason for the provisional closure."))
    last_contact = case.last_contact_at or now
    case.provisional_until = deadlines.add_months(
        local(last_contact), settings.KESU_PROVISIONAL_CLOSURE_MONTHS
    )


def _reopen(case: Case, d: Decision, data: TransitionInput, a: Authority, now: datetime) -> None:
    _require(data.note, "note", _("Give the reason for reopening."))
    _restart_handling(case, d, data, a, now)
    notices.tell_reopened(case, now=now, note="")


def _restart_handling(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime
) -> None:
    """A provisionally closed case is handled again: the window ends, the answer clock restarts."""
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
    try:
        clocks = domain_clocks.pause(
            case.clocks(), case_deadlines.rules(case), PauseReason(data.reason_code), local(now)
        )
    except ClockRefused as error:
        raise ServiceError(
            "pause_not_allowed",
            _("Under this deadline policy the clock does not stop for this reason."),
            field="reason_code",
        ) from error
    case.apply(clocks)


def _resume(case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime) -> None:
    clocks = case.clocks()
    calendar = case_deadlines.calendar_around(clocks.paused_at, now)
    case.apply(domain_clocks.resume(clocks, case_deadlines.rules(case), local(now), calendar))


def _extend(
    case: Case, decision: Decision, data: TransitionInput, _a: Authority, _now: datetime
) -> None:
    note = _require(data.note, "note", _("Give the reason for the extension."))
    if data.extension_amount is None:
        raise ServiceError(
            "invalid_extension",
            _("An extension must be 1 to 60 units long."),
            field="extension_amount",
        )
    clocks = case.clocks()
    try:
        extended = domain_clocks.extend_resolution(
            clocks,
            case_deadlines.rules(case),
            by=Period(data.extension_amount, TimeUnit(data.extension_unit)),
            role=decision.acting_role,
            calendar=case_deadlines.calendar_around(clocks[ClockName.RESOLUTION].due),
        )
    except ClockRefused as error:
        raise extension_refusal(error) from error
    case.apply(extended.clocks)
    if extended.step is not None and extended.step.tell_customer:
        notices.tell_customer(
            case,
            "deadline_extended",
            due=case.resolution_due,
            key=str(extended.clocks.extensions),
            note=note,
        )


def extension_refusal(error: ClockRefused) -> ServiceError:
    """The policy rule an extension broke, as a specific 4xx error in the user's language."""
    params = error.params
    if error.code == "extension_needs_higher_approval":
        return Forbidden(
            error.code,
            _("Under this deadline policy this extension must be approved by %(role)s or above.")
            % {"role": label(Role(str(params["role"])))},
        )
    if error.code == "no_more_extensions":
        message = _(
            "Under this deadline policy the resolution may be extended %(n)s times at most, "
            "and it has been."
        ) % {"n": params["count"]}
    elif error.code == "extension_too_long":
        most = params["most"]
        assert isinstance(most, Period)  # noqa: S101
        message = _("Under this deadline policy this extension may be at most %(n)s %(unit)s.") % {
            "n": most.amount,
            "unit": label(most.unit),
        }
    elif error.code == "extension_beyond_total":
        total, latest = params["total"], params["latest"]
        assert isinstance(total, Period)  # noqa: S101
        assert isinstance(latest, datetime)  # noqa: S101
        message = _(
            "Under this deadline policy the resolution never runs beyond %(n)s %(unit)s in all: "
            "%(day)s at the latest."
        ) % {"n": total.amount, "unit": label(total.unit), "day": date_format(local(latest))}
    elif error.code == "no_deadline":
        message = _("This case has no resolution deadline to extend.")
    else:
        message = _("An extension must be 1 to 60 units long.")
    return ServiceError(error.code, message, field="extension_amount")


def _record_delivery(
    case: Case, _d: Decision, _data: TransitionInput, _a: Authority, now: datetime
) -> None:
    """The repaired or replaced product was handed back: clocks counted from delivery start
    (seed 002 篇二 5.4: 回访 on the 2nd day after delivery)."""
    if case.delivered_at is not None:
        raise ServiceError("already_delivered", _("The delivery of this case is already recorded."))
    case.delivered_at = now
    case_deadlines.start_clocks(case)


def _hasten(case: Case, d: Decision, data: TransitionInput, a: Authority, now: datetime) -> None:
    _require(data.note, "note", _("Write down what the customer said this time."))
    if d.source is State.PROVISIONALLY_CLOSED:  # the customer is back inside the window
        _restart_handling(case, d, data, a, now)
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
    case_deadlines.recalculate(case)


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
    Action.APPROVE_PLAN: _approve_plan,
    Action.REJECT_PLAN: _reject_plan,
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
    Action.RECORD_DELIVERY: _record_delivery,
}


#: States in which the lead department may change (as for 分派 in the transition table).
HANDOVER_STATES = frozenset({State.ACCEPTED, State.ASSIGNED, State.IN_PROGRESS})
HANDOVER = "handover"


def hand_over(
    *,
    case: Case,
    authority: Authority,
    department: Department,
    handler: User | None,
    now: datetime,
    note: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Move `case` to `department` because its receiver acknowledged a handover 转交 (seed 002
    转交处理联系单). The same effect as 分派 — the clocks keep running (a clock that counts from
    the assignment starts if it has not), the new owners are told — but authorised by the
    decisions layer's acknowledgement instead of the assigning roles. Runs inside the caller's
    transaction with `case` locked; writes the case and its history event."""
    if case.state not in HANDOVER_STATES:
        raise ServiceError(
            "handover_not_now", _("The case cannot change department in its present state.")
        )
    before = snapshot(case, TRACKED)
    source = case.state
    case.assigned_department = department
    case.handler = handler
    case.assigned_at = case.assigned_at or now
    if case.state == State.IN_PROGRESS:
        case.state = State.ASSIGNED  # the new department starts its own handling
    case_deadlines.start_clocks(case)
    case.next_due = case_deadlines.next_due(case)
    case.next_alert_at = case_deadlines.next_alert_at(case)
    case.save()
    notices.tell_assigned(case, now=now, note=note.strip())
    record_event(
        case=case,
        authority=authority,
        action=HANDOVER,
        at=now,
        from_state=source,
        to_state=case.state,
        changes=diff(before, snapshot(case, TRACKED)),
        data=details or {},
        note=note.strip()[:MAX_NOTE],
    )
