"""Names people read for the states and triggers of co-handling and handover (kept here: their
values — "answered", "withdrawn" … — coincide with case states, whose labels are in
`kesu.core.labels.LABELS`, a table keyed by value)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kesu.domain.cohandling import HandoverState, LegalTrigger, TaskState

TASK_STATE_LABELS: dict[str, Promise] = {
    TaskState.PENDING_APPROVAL: _("Awaiting approval"),
    TaskState.OPEN: _("With the assisting department"),
    TaskState.ANSWERED: _("Answered"),
    TaskState.REFUSED: _("Not approved"),
    TaskState.WITHDRAWN: _("Withdrawn"),
}
HANDOVER_STATE_LABELS: dict[str, Promise] = {
    HandoverState.PENDING_APPROVAL: _("Awaiting the general manager's approval"),
    HandoverState.PENDING: _("Awaiting the receiver's acknowledgement"),
    HandoverState.ACKNOWLEDGED: _("Acknowledged"),
    HandoverState.REFUSED: _("Refused"),
    HandoverState.WITHDRAWN: _("Withdrawn"),
}
LEGAL_TRIGGER_LABELS: dict[str, Promise] = {
    LegalTrigger.MEDIA: _("media report or journalist involved"),
    LegalTrigger.REGULATOR_EXPLANATION: _("regulator or authority asks for a written explanation"),
    LegalTrigger.CONTRACT_CLAUSE: _("contract clause defective or unclear"),
    LegalTrigger.MAJOR_CASE: _("major, difficult or high-impact case"),
}


def task_state_choices() -> list[tuple[str, Promise]]:
    return [(member.value, TASK_STATE_LABELS[member]) for member in TaskState]


def handover_state_choices() -> list[tuple[str, Promise]]:
    return [(member.value, HANDOVER_STATE_LABELS[member]) for member in HandoverState]
