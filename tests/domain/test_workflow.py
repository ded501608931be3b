"""The lifecycle table: who may do what in which state, and what the table guarantees."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.vocabulary import Action, CaseKind, Role, State
from kesu.domain.workflow import TRANSITIONS, CaseFacts, allowed_actions, decide, reachable_states

AGENT = frozenset({Role.INTAKE_AGENT})
SUPERVISOR = frozenset({Role.SUPERVISOR})
HANDLER = frozenset({Role.HANDLER})


def test_every_state_is_reachable_from_registration() -> None:
    assert reachable_states() == frozenset(State)


def test_the_happy_path() -> None:
    path = [
        (State.REGISTERED, Action.ACCEPT, AGENT, State.ACCEPTED),
        (State.ACCEPTED, Action.ASSIGN, SUPERVISOR, State.ASSIGNED),
        (State.ASSIGNED, Action.LOG_CONTACT, HANDLER, State.IN_PROGRESS),
        (State.IN_PROGRESS, Action.SUBMIT_PLAN, HANDLER, State.PLAN_SUBMITTED),
        (State.PLAN_SUBMITTED, Action.APPROVE_PLAN, SUPERVISOR, State.PLAN_APPROVED),
        (State.PLAN_APPROVED, Action.ANSWER, HANDLER, State.ANSWERED),
        (State.ANSWERED, Action.CONFIRM, AGENT, State.CLOSED),
    ]
    for source, action, roles, target in path:
        facts = CaseFacts(state=source, in_case_department=True)
        assert decide(facts, action, roles).target is target


def test_a_handler_cannot_approve_their_own_plan() -> None:
    facts = CaseFacts(state=State.PLAN_SUBMITTED, in_case_department=True)
    with pytest.raises(TransitionNotAllowed) as refused:
        decide(facts, Action.APPROVE_PLAN, HANDLER)
    assert refused.value.reason == "role"


def test_department_roles_act_only_on_their_departments_cases() -> None:
    outside = CaseFacts(state=State.ASSIGNED, in_case_department=False)
    assert allowed_actions(outside, HANDLER) == []
    with pytest.raises(TransitionNotAllowed):
        decide(outside, Action.LOG_CONTACT, HANDLER)


def test_rejected_plan_goes_back_to_the_department() -> None:
    facts = CaseFacts(state=State.PLAN_SUBMITTED)
    assert decide(facts, Action.REJECT_PLAN, SUPERVISOR).target is State.IN_PROGRESS


def test_unsatisfied_customer_sends_the_case_back() -> None:
    facts = CaseFacts(state=State.ANSWERED)
    assert decide(facts, Action.NOT_SATISFIED, AGENT).target is State.IN_PROGRESS


def test_provisional_closure_window() -> None:
    inside = CaseFacts(state=State.PROVISIONALLY_CLOSED, window_open=True, in_case_department=True)
    after = CaseFacts(state=State.PROVISIONALLY_CLOSED, window_open=False, in_case_department=True)
    assert decide(inside, Action.LOG_CONTACT, HANDLER).target is State.IN_PROGRESS
    assert Action.FINALIZE not in allowed_actions(inside, SUPERVISOR)
    assert decide(after, Action.FINALIZE, SUPERVISOR).target is State.CLOSED
    with pytest.raises(TransitionNotAllowed) as refused:
        decide(after, Action.LOG_CONTACT, HANDLER)
    assert refused.value.reason == "guard"


def test_clock_pause_and_resume_alternate() -> None:
    running = CaseFacts(state=State.IN_PROGRESS, in_case_department=True)
    paused = CaseFacts(state=State.IN_PROGRESS, clock_paused=True, in_case_department=True)
    assert Action.PAUSE_CLOCK in allowed_actions(running, HANDLER)
    assert Action.RESUME_CLOCK not in allowed_actions(running, HANDLER)
    assert Action.RESUME_CLOCK in allowed_actions(paused, HANDLER)


def test_only_non_complaints_convert() -> None:
    enquiry = CaseFacts(state=State.REGISTERED, kind=CaseKind.ENQUIRY)
    complaint = CaseFacts(state=State.REGISTERED, kind=CaseKind.COMPLAINT)
    assert Action.CONVERT_TO_COMPLAINT in allowed_actions(enquiry, AGENT)
    assert Action.CONVERT_TO_COMPLAINT not in allowed_actions(complaint, AGENT)


def test_finished_cases_offer_nothing() -> None:
    # A customer unhappy with a closed case gets a new, linked case, not a reopening.
    for state in (State.CLOSED, State.DECLINED, State.WITHDRAWN):
        facts = CaseFacts(state=state, in_case_department=True)
        assert allowed_actions(facts, SUPERVISOR | AGENT | HANDLER) == []


def test_nobody_approves_their_own_plan() -> None:
    own = CaseFacts(state=State.PLAN_SUBMITTED, own_plan=True)
    with pytest.raises(TransitionNotAllowed) as refused:
        decide(own, Action.APPROVE_PLAN, SUPERVISOR)
    assert refused.value.reason == "guard"
    assert decide(CaseFacts(state=State.PLAN_SUBMITTED), Action.APPROVE_PLAN, SUPERVISOR)


def test_an_unreachable_customer_can_be_provisionally_closed_before_first_contact() -> None:
    facts = CaseFacts(state=State.ASSIGNED)
    assert (
        decide(facts, Action.PROVISIONALLY_CLOSE, SUPERVISOR).target is State.PROVISIONALLY_CLOSED
    )
    # Without a department nobody would take the case up again after the window.
    assert Action.PROVISIONALLY_CLOSE not in allowed_actions(
        CaseFacts(state=State.ACCEPTED), SUPERVISOR
    )


def test_administrators_and_analysts_never_act() -> None:
    for state in State:
        facts = CaseFacts(state=state, in_case_department=True)
        assert allowed_actions(facts, frozenset({Role.ADMINISTRATOR, Role.ANALYST})) == []


facts_strategy = st.builds(
    CaseFacts,
    state=st.sampled_from(State),
    kind=st.sampled_from(CaseKind),
    clock_paused=st.booleans(),
    window_open=st.booleans(),
    in_case_department=st.booleans(),
    own_plan=st.booleans(),
)
roles_strategy = st.frozensets(st.sampled_from(Role), max_size=3)


@given(facts_strategy, roles_strategy, st.sampled_from(Action))
def test_allowed_actions_are_exactly_the_decisions_that_succeed(
    facts: CaseFacts, roles: frozenset[Role], action: Action
) -> None:
    offered = action in allowed_actions(facts, roles)
    try:
        decision = decide(facts, action, roles)
    except TransitionNotAllowed:
        assert not offered
    else:
        assert offered
        assert decision.acting_role in roles
        assert decision.source is facts.state


@given(facts_strategy, roles_strategy)
def test_terminal_states_offer_nothing(facts: CaseFacts, roles: frozenset[Role]) -> None:
    if facts.state in {State.CLOSED, State.DECLINED, State.WITHDRAWN}:
        assert allowed_actions(facts, roles) == []


def test_every_transition_names_roles_and_sources() -> None:
    for transition in TRANSITIONS:
        assert transition.roles
        assert transition.moves
