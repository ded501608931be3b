"""Exceptions the domain raises; the API maps each one to a stable error `code`."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule violation. `code` is stable and machine-readable."""

    code = "domain_error"


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"

    def __init__(self, action: str, state: str, reason: str) -> None:
        super().__init__(f"{action} is not allowed in state {state}: {reason}")
        self.action = action
        self.state = state
        self.reason = reason


class InvalidNumberPattern(DomainError):
    code = "invalid_number_pattern"


class InvalidDuration(DomainError):
    code = "invalid_duration"

    def __init__(self, message: str, amount: object = None) -> None:
        super().__init__(message)
        self.amount = amount  # the amount that cannot be counted
