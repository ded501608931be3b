"""The only code that writes cases. Each public function runs in one transaction and writes its
history event in that same transaction (see `events.record_event`)."""

from kesu.cases.services.attachments import add_attachment
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.services.transitions import TransitionInput, perform_transition

__all__ = [
    "Registration",
    "TransitionInput",
    "add_attachment",
    "perform_transition",
    "register_case",
]
