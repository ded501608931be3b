"""Reads of the decisions app: a case's co-handling tasks and handovers, the co-handling and
handovers waiting for the acting user's department, the legal-opinion suggestion."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from kesu.cases.models import Case
from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.domain.cohandling import (
    OPEN_HANDOVER_STATES,
    CaseSignals,
    HandoverState,
    LegalTrigger,
    TaskState,
    legal_triggers,
)
from kesu.domain.permissions import Permission
from kesu.org.access import Authority
from kesu.org.models import Department

#: The department asked for legal opinions 法规部 (seed 004 第六条(三)); settings may rename it.
LEGAL_DEPARTMENT = "legal"
MAX_LIST = 200


def case_tasks(case: Case) -> list[CoHandlingTask]:
    """Every co-handling task of the case with what the page shows (two queries)."""
    return list(
        CoHandlingTask.objects.filter(case=case)
        .select_related("department", "assignee", "requested_by", "decided_by", "answered_by")
        .prefetch_related("shared")
        .order_by("requested_at", "id")
    )


def case_handovers(case: Case) -> list[HandoverRequest]:
    return list(
        HandoverRequest.objects.filter(case=case)
        .select_related(
            "from_department", "to_department", "requested_by", "approved_by", "handler",
            "acknowledged_by", "refused_by",
        )
        .order_by("requested_at", "id")
    )  # fmt: skip


#: Larger ids cannot exist (and would overflow the database's integer): answered as absent.
MAX_ID = 2**63 - 1


def get_task(case: Case, task_id: int) -> CoHandlingTask | None:
    if not 1 <= task_id <= MAX_ID:
        return None
    return (
        CoHandlingTask.objects.filter(case=case, pk=task_id)
        .select_related("department", "assignee", "requested_by", "decided_by", "answered_by")
        .prefetch_related("shared")
        .first()
    )


def get_handover(case: Case, handover_id: int) -> HandoverRequest | None:
    if not 1 <= handover_id <= MAX_ID:
        return None
    return (
        HandoverRequest.objects.filter(case=case, pk=handover_id)
        .select_related(
            "from_department", "to_department", "requested_by", "approved_by", "handler",
            "acknowledged_by", "refused_by",
        )
        .first()
    )  # fmt: skip


def _own_departments(authority: Authority) -> QuerySet[Department] | None:
    subtree = Q()
    for path in authority.department_paths:
        subtree |= Q(path__startswith=path)
    return Department.objects.filter(subtree) if subtree else None


def department_tasks(authority: Authority, *, open_only: bool = True) -> list[CoHandlingTask]:
    """Co-handling asked of the acting user's departments (R-13 "co-handling for my
    department"), earliest due first; with `open_only` only those waiting for an answer. One
    query (the case, departments and people joined), at most `MAX_LIST` rows."""
    departments = _own_departments(authority)
    if departments is None:
        return []
    tasks = CoHandlingTask.objects.filter(department__in=departments)
    if open_only:
        tasks = tasks.filter(state=TaskState.OPEN)
    else:
        tasks = tasks.exclude(state=TaskState.PENDING_APPROVAL)
    return list(
        tasks.select_related("case", "department", "assignee", "requested_by").order_by(
            "due_at", "id"
        )[:MAX_LIST]
    )


def awaiting_approval(authority: Authority) -> list[CoHandlingTask]:
    """Co-handling requests waiting for the acting approver (empty for anyone else)."""
    if not authority.may(Permission.APPROVE_CO_HANDLING):
        return []
    return list(
        CoHandlingTask.objects.filter(state=TaskState.PENDING_APPROVAL)
        .select_related("case", "department", "assignee", "requested_by")
        .order_by("requested_at", "id")[:MAX_LIST]
    )


def incoming_handovers(authority: Authority) -> list[HandoverRequest]:
    """Handovers waiting for the acting user's department to acknowledge, or (for the general
    manager) for approval."""
    wanted = Q(pk__in=[])
    departments = _own_departments(authority)
    if departments is not None:
        wanted |= Q(state=HandoverState.PENDING, to_department__in=departments)
    if authority.may(Permission.APPROVE_HANDOVER):
        wanted |= Q(state=HandoverState.PENDING_APPROVAL)
    return list(
        HandoverRequest.objects.filter(wanted, state__in=OPEN_HANDOVER_STATES)
        .select_related("case", "from_department", "to_department", "requested_by")
        .order_by("requested_at", "id")[:MAX_LIST]
    )


@dataclass(frozen=True)
class LegalSuggestion:
    """Seed 004 第六条(三): this case may go to the legal department for an opinion."""

    triggers: tuple[LegalTrigger, ...]
    department: Department | None


def legal_suggestion(case: Case) -> LegalSuggestion | None:
    """The triggers the case shows and the legal department to ask (one query when there are
    triggers); None when there are none or the case is closed."""
    if not case.is_open:
        return None
    triggers = legal_triggers(
        CaseSignals(
            facts=case.facts,
            demand=case.demand,
            channel=case.channel,
            severity=case.severity,
            major_criteria=tuple(case.major_criteria or ()),
        )
    )
    if not triggers:
        return None
    code = getattr(settings, "KESU_LEGAL_DEPARTMENT", LEGAL_DEPARTMENT)
    legal = Department.objects.filter(code=code, is_active=True).first()
    return LegalSuggestion(triggers, legal)


def departments_to_ask(case: Case) -> list[Department]:
    """Active departments other than the lead one, in tree order (the request's choices)."""
    return list(
        Department.objects.filter(is_active=True)
        .exclude(pk=case.assigned_department_id)
        .order_by("path")
    )
