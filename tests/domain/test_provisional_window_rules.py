"""W2 as pure rules: new material reopens a provisionally closed case only inside its window,
a new linked case follows only once the case is closed or the window has run out, and never
both (property-tested over every state, window and role set)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.vocabulary import Action, Role, State
from kesu.domain.workflow import (
    EVERYONE_WHO_HANDLES,
    CaseFacts,
    allowed_actions,
    opens_follow_up_case,
    reopening_for_new_material,
)

roles = st.frozensets(st.sampled_from(list(Role)), min_size=1)


@given(st.sampled_from(list(State)), st.booleans(), roles, st.booleans())
def test_w2_new_material_continues_the_case_or_a_new_case_follows_never_both(
    state: State, window_open: bool, held: frozenset[Role], in_department: bool
) -> None:
    facts = CaseFacts(state=state, window_open=window_open, in_case_department=in_department)
    reopening = reopening_for_new_material(facts, held)
    if reopening is not None:
        assert state is State.PROVISIONALLY_CLOSED
        assert window_open
        assert reopening.action is Action.REOPEN
        assert reopening.target is State.IN_PROGRESS
        assert reopening.acting_role in EVERYONE_WHO_HANDLES
        assert not opens_follow_up_case(facts)
    if opens_follow_up_case(facts):
        assert state in {State.CLOSED, State.PROVISIONALLY_CLOSED}
        assert not (state is State.PROVISIONALLY_CLOSED and window_open)


@given(st.booleans())
def test_w2_a_repeat_call_hastens_a_provisional_closure_only_inside_the_window(
    window_open: bool,
) -> None:
    facts = CaseFacts(state=State.PROVISIONALLY_CLOSED, window_open=window_open)
    offered = Action.HASTEN in allowed_actions(facts, frozenset({Role.INTAKE_AGENT}))
    assert offered is window_open
