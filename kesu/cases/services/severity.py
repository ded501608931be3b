"""Raising a case to major 重大 after registration (a group complaint 群诉 formed, R-06): the
severity, the criterion, the escalation ladder that follows from it, and the history event —
in one transaction, under the case's row lock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from kesu.cases.models import Case
from kesu.cases.services import deadlines as case_deadlines
from kesu.cases.services.events import diff, record_event, snapshot
from kesu.domain.vocabulary import Severity
from kesu.org.access import Authority

SEVERITY_RAISED = "severity_raised"
FIELDS = ["severity", "major_criteria"]


def raise_to_major(
    *,
    case_id: int,
    authority: Authority,
    now: datetime,
    criterion: str,
    note: str = "",
    details: dict[str, Any] | None = None,
) -> bool:
    """Make the case major for `criterion` (a code of `terms.MAJOR_CRITERIA`); returns whether
    anything changed. The major escalation ladder applies from now on (warnings and 督办 are
    planned again); the deadlines already running are kept."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("policy").get(pk=case_id)
        criteria = list(case.major_criteria or [])
        if case.severity == Severity.MAJOR and criterion in criteria:
            return False
        before = snapshot(case, FIELDS)
        case.severity = Severity.MAJOR
        if criterion not in criteria:
            criteria.append(criterion)
        case.major_criteria = criteria
        case.next_alert_at = case_deadlines.next_alert_at(case)
        case.save(update_fields=["severity", "major_criteria", "next_alert_at", "updated_at"])
        record_event(
            case=case,
            authority=authority,
            action=SEVERITY_RAISED,
            at=now,
            changes=diff(before, snapshot(case, FIELDS)),
            data=details or {},
            note=note,
        )
    return True
