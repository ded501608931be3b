"""Severity rules of seed 004: what makes a complaint major 重大."""

from __future__ import annotations

from collections.abc import Iterable

from kesu.domain.vocabulary import Severity

GROUP_COMPLAINT_SIZE = 5  # 五人以上 (含五人) 的群诉


def suggest_severity(
    *, stated: Severity, major_criteria: Iterable[str], complainant_count: int
) -> Severity:
    """The severity a case should have: major when any major criterion holds, else as stated.

    Five or more complainants on one issue make a group complaint 群诉, which is major.
    """
    if complainant_count >= GROUP_COMPLAINT_SIZE or any(True for _ in major_criteria):
        return Severity.MAJOR
    return stated
