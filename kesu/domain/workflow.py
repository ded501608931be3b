"""The complaint lifecycle as data: which action moves a case from which state, and who may.

A case is registered, then accepted (with a promised deadline) or declined; accepted cases are
assigned to a department, handled (contact, investigation, plan), the plan is approved by a
supervisor or sent back, the customer is answered and confirms (closed) or is not satisfied
(back to the department). Provisional closure 暂结案 keeps a case for 3 months: contact, a repeat
call or new material (evidence, a follow-up) inside the window reopens that same case; none closes
it, and only after the window does a new case follow it. The table below is the only place these
moves live (who may take each action comes from the permission table, `kesu.domain.permissions`);
pages and the API offer exactly `allowed_actions(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kesu.domain import permissions
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.permissions import DEPARTMENT_BOUND
from kesu.domain.permissions import Permission as P
from kesu.domain.permissions import holders as by
from kesu.domain.vocabulary import Action, CaseKind, Role, State

S = State
R = Role

# The role groups the permission table is written with (who may take each action is
# `permissions.GRANTS`; these names stay for reading the table).
INTAKE, APPROVERS, DEPARTMENT = permissions.INTAKE, permissions.APPROVERS, permissions.DEPARTMENT
FRONT_OFFICE, EVERYONE_WHO_HANDLES = permissions.FRONT_OFFICE, permissions.EVERYONE_WHO_HANDLES

ACTIVE = frozenset(
    {S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.PLAN_SUBMITTED, S.PLAN_APPROVED, S.ANSWERED}
)
OPEN_BEFORE_CLOSURE = ACTIVE | {S.REGISTERED}


class Guard(StrEnum):
    """Facts about the case (beyond its state) that a transition needs."""

    NOT_A_COMPLAINT = "not_a_complaint"
    CLOCK_RUNNING = "clock_running"
    CLOCK_PAUSED = "clock_paused"
    WINDOW_OPEN = "window_open"
    WINDOW_EXPIRED = "window_expired"
    NOT_OWN_PLAN = "not_own_plan"  # four eyes: whoever submitted a plan does not approve it


@dataclass(frozen=True)
class Transition:
    action: Action
    moves: Mapping[State, State]
    roles: frozenset[Role]
    guards: frozenset[Guard] = field(default_factory=frozenset)


def _stay(states: frozenset[State]) -> dict[State, State]:
    return {state: state for state in states}


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.ACCEPT, {S.REGISTERED: S.ACCEPTED}, by(P.ACCEPT)),
    Transition(Action.DECLINE, {S.REGISTERED: S.DECLINED}, by(P.DECLINE)),
    Transition(
        Action.CONVERT_TO_COMPLAINT,
        _stay(OPEN_BEFORE_CLOSURE),
        by(P.CONVERT_TO_COMPLAINT),
        frozenset({Guard.NOT_A_COMPLAINT}),
    ),
    Transition(
        Action.ASSIGN,
        {S.ACCEPTED: S.ASSIGNED, S.ASSIGNED: S.ASSIGNED, S.IN_PROGRESS: S.ASSIGNED},
        by(P.ASSIGN),
    ),
    Transition(
        Action.LOG_CONTACT,
        {S.ASSIGNED: S.IN_PROGRESS} | _stay(ACTIVE - {S.ASSIGNED}),
        by(P.LOG_CONTACT),
    ),
    Transition(
        Action.LOG_CONTACT,
        {S.PROVISIONALLY_CLOSED: S.IN_PROGRESS},
        by(P.LOG_CONTACT),
        frozenset({Guard.WINDOW_OPEN}),
    ),
    Transition(
        Action.RECORD_INVESTIGATION, {S.IN_PROGRESS: S.IN_PROGRESS}, by(P.RECORD_INVESTIGATION)
    ),
    Transition(Action.SUBMIT_PLAN, {S.IN_PROGRESS: S.PLAN_SUBMITTED}, by(P.SUBMIT_PLAN)),
    Transition(
        Action.APPROVE_PLAN,
        {S.PLAN_SUBMITTED: S.PLAN_APPROVED},
        by(P.APPROVE_PLAN),
        frozenset({Guard.NOT_OWN_PLAN}),
    ),
    Transition(Action.REJECT_PLAN, {S.PLAN_SUBMITTED: S.IN_PROGRESS}, by(P.REJECT_PLAN)),
    Transition(Action.ANSWER, {S.PLAN_APPROVED: S.ANSWERED}, by(P.ANSWER)),
    Transition(Action.CONFIRM, {S.ANSWERED: S.CLOSED}, by(P.CONFIRM)),
    Transition(Action.NOT_SATISFIED, {S.ANSWERED: S.IN_PROGRESS}, by(P.NOT_SATISFIED)),
    Transition(
        Action.PROVISIONALLY_CLOSE,
        # The customer refuses every plan or cannot be reached (seed 004): possible once a
        # department has the case, also before anyone managed a first contact. (Before
        # assignment, a customer who cannot be reached is declined: "no way to contact".)
        dict.fromkeys(
            (S.ASSIGNED, S.IN_PROGRESS, S.PLAN_APPROVED, S.ANSWERED),
            S.PROVISIONALLY_CLOSED,
        ),
        by(P.PROVISIONALLY_CLOSE),
    ),
    Transition(
        Action.FINALIZE,
        {S.PROVISIONALLY_CLOSED: S.CLOSED},
        by(P.FINALIZE),
        frozenset({Guard.WINDOW_EXPIRED}),
    ),
    Transition(
        Action.REOPEN,
        {S.PROVISIONALLY_CLOSED: S.IN_PROGRESS},
        by(P.REOPEN),
        frozenset({Guard.WINDOW_OPEN}),
    ),
    # A closed case is not reopened: a customer unhappy with it, or contact after the
    # provisional window, opens a new case linked to it.
    Transition(
        Action.WITHDRAW,
        dict.fromkeys(OPEN_BEFORE_CLOSURE, S.WITHDRAWN),
        by(P.WITHDRAW),
    ),
    Transition(
        Action.PAUSE_CLOCK,
        _stay(ACTIVE),
        by(P.PAUSE_CLOCK),
        frozenset({Guard.CLOCK_RUNNING}),
    ),
    Transition(
        Action.RESUME_CLOCK,
        _stay(ACTIVE),
        by(P.RESUME_CLOCK),
        frozenset({Guard.CLOCK_PAUSED}),
    ),
    Transition(Action.EXTEND_DEADLINE, _stay(ACTIVE), by(P.EXTEND_DEADLINE)),
    # A later event a clock may count from (seed 002: 回访 on the 2nd day after delivery of the
    # repaired product).
    Transition(Action.RECORD_DELIVERY, _stay(ACTIVE), by(P.RECORD_DELIVERY)),
    # Changing a policy or the calendar never moves a due time by itself; a supervisor
    # recalculates a case on purpose, and the history shows before and after.
    Transition(
        Action.RECALCULATE_DEADLINES, _stay(OPEN_BEFORE_CLOSURE), by(P.RECALCULATE_DEADLINES)
    ),
    # A repeat call or letter about a case still open is attached to it, not registered again,
    # and hastens it (催办, R-06): recorded on the case and sent to its owner.
    Transition(Action.HASTEN, _stay(OPEN_BEFORE_CLOSURE), by(P.HASTEN)),
    # Inside the provisional window the customer's call continues the same case (seed 004
    # 恒康天安 第五条(五)「3个月内客户…与公司交涉的，经办人员应当重新或继续处理」).
    Transition(
        Action.HASTEN,
        {S.PROVISIONALLY_CLOSED: S.IN_PROGRESS},
        by(P.HASTEN),
        frozenset({Guard.WINDOW_OPEN}),
    ),
)


@dataclass(frozen=True)
class CaseFacts:
    """What the workflow needs to know about one case, as seen by one acting user."""

    state: State
    kind: CaseKind = CaseKind.COMPLAINT
    clock_paused: bool = False
    window_open: bool = False
    in_case_department: bool = False
    own_plan: bool = False
    #: The role the approval matrix names for the submitted plan (R-12); None = any approver.
    plan_approver: Role | None = None

    def holds(self, guard: Guard) -> bool:
        match guard:
            case Guard.NOT_A_COMPLAINT:
                return self.kind is not CaseKind.COMPLAINT
            case Guard.CLOCK_RUNNING:
                return not self.clock_paused
            case Guard.CLOCK_PAUSED:
                return self.clock_paused
            case Guard.WINDOW_OPEN:
                return self.window_open
            case Guard.WINDOW_EXPIRED:
                return not self.window_open
            case Guard.NOT_OWN_PLAN:
                return not self.own_plan


@dataclass(frozen=True)
class Decision:
    action: Action
    source: State
    target: State
    acting_role: Role


def _role_counts(role: Role, facts: CaseFacts) -> bool:
    return role not in DEPARTMENT_BOUND or facts.in_case_department


#: The actions only the approver the matrix names may take on a submitted plan.
MATRIX_ACTIONS = frozenset({Action.APPROVE_PLAN, Action.REJECT_PLAN})


def _eligible(transition: Transition, facts: CaseFacts, roles: frozenset[Role]) -> frozenset[Role]:
    """The roles that may take `transition`: the table's, narrowed to the matrix's approver
    when the plan names one (approval matrix R-12; a delegate holds the role lent to them)."""
    allowed = transition.roles & roles
    if transition.action in MATRIX_ACTIONS and facts.plan_approver is not None:
        allowed &= {facts.plan_approver}
    return allowed


def decide(facts: CaseFacts, action: Action, roles: frozenset[Role]) -> Decision:
    """The move `action` makes for a user holding `roles`, or `TransitionNotAllowed` saying why."""
    candidates = [t for t in TRANSITIONS if t.action is action and facts.state in t.moves]
    if not candidates:
        raise TransitionNotAllowed(action, facts.state, "state")
    permitted = [
        (t, role)
        for t in candidates
        for role in sorted(_eligible(t, facts, roles))
        if _role_counts(role, facts)
    ]
    if not permitted:
        raise TransitionNotAllowed(action, facts.state, "role")
    for transition, role in permitted:
        if all(facts.holds(guard) for guard in transition.guards):
            return Decision(action, facts.state, transition.moves[facts.state], role)
    raise TransitionNotAllowed(action, facts.state, "guard")


def allowed_actions(facts: CaseFacts, roles: frozenset[Role]) -> list[Action]:
    """Every action `roles` may take on a case with `facts`, in table order, without repeats."""
    allowed: list[Action] = []
    for transition in TRANSITIONS:
        if transition.action in allowed or facts.state not in transition.moves:
            continue
        if not any(_role_counts(role, facts) for role in _eligible(transition, facts, roles)):
            continue
        if all(facts.holds(guard) for guard in transition.guards):
            allowed.append(transition.action)
    return allowed


#: Approvers from lowest to highest authority (an extension rule names the lowest that may
#: approve; anyone higher may too).
APPROVER_RANK: tuple[Role, ...] = (R.SUPERVISOR, R.CS_MANAGER, R.GENERAL_MANAGER)


def outranks(role: Role, required: Role) -> bool:
    """Whether `role` is `required` or above it in `APPROVER_RANK`."""
    if required not in APPROVER_RANK:
        return True
    return role in APPROVER_RANK and APPROVER_RANK.index(role) >= APPROVER_RANK.index(required)


#: Who may add evidence to a case: everyone who handles it (department roles on their cases).
ATTACHING_ROLES = by(P.ATTACH_EVIDENCE)


def may_attach(facts: CaseFacts, roles: frozenset[Role]) -> bool:
    """Evidence can be added by a handling role, in any state (court judgments and media
    reports are appended to closed cases too, R-16)."""
    return any(_role_counts(role, facts) for role in roles & ATTACHING_ROLES)


def opens_follow_up_case(facts: CaseFacts) -> bool:
    """Whether the customer coming back about this case opens a new case linked to it: only
    once it is closed for good, or its provisional window has run out (seed 004「3个月后客户再与
    公司交涉的，应作为新案件重新立案并处理」). Inside the window the same case continues."""
    if facts.state is S.CLOSED:
        return True
    return facts.state is S.PROVISIONALLY_CLOSED and not facts.window_open


def reopening_for_new_material(facts: CaseFacts, roles: frozenset[Role]) -> Decision | None:
    """The reopening that new material (evidence, a follow-up the customer asks for) makes
    inside a provisional window, or None when it reopens nothing. Not a button: it is what
    adding the material does, taken in the capacity of whoever adds it."""
    if facts.state is not S.PROVISIONALLY_CLOSED or not facts.window_open:
        return None
    counting = sorted(r for r in roles & EVERYONE_WHO_HANDLES if _role_counts(r, facts))
    if not counting:
        return None
    return Decision(Action.REOPEN, facts.state, S.IN_PROGRESS, counting[0])


def reachable_states() -> frozenset[State]:
    """States some sequence of actions can reach from REGISTERED (every state should be)."""
    seen = {State.REGISTERED}
    frontier = [State.REGISTERED]
    while frontier:
        state = frontier.pop()
        for transition in TRANSITIONS:
            target = transition.moves.get(state)
            if target is not None and target not in seen:
                seen.add(target)
                frontier.append(target)
    return frozenset(seen)
