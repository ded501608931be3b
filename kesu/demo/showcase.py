"""What the demo shows beyond the case walk, so a new user finds every list filled: co-handling
协办 asked of the quality department (waiting for the supervisor's approval) and of the legal
department for a legal opinion (open, on its clock), a deliberation 合议 asked for on a major
case (waiting for an approver), and the return visits 回访 planned for the answered cases.
All through the real services, as the people of the demo organisation."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, timedelta

from kesu.cases.models import Case
from kesu.core.errors import ServiceError
from kesu.decisions.services.cohandling import CoHandlingInput, request_co_handling
from kesu.decisions.services.deliberation import request_deliberation
from kesu.domain.errors import DomainError
from kesu.domain.vocabulary import Severity, State
from kesu.org.access import authority_of
from kesu.org.models import User
from kesu.visits.services import plan_visits

HANDLING = (State.ASSIGNED, State.IN_PROGRESS, State.PLAN_SUBMITTED, State.PLAN_APPROVED)


def show_decisions(users: dict[str, User], now: datetime) -> None:
    """Ask for co-handling and a deliberation on the newest cases in hand, and plan the return
    visits; a step the case's state no longer allows is left out."""
    at = now - timedelta(hours=1)
    in_hand = list(
        Case.objects.filter(state__in=HANDLING, handler__isnull=False)
        .select_related("handler", "assigned_department")
        .order_by("-received_at")[:2]
    )
    for case, ask in zip(in_hand, (_quality, _legal), strict=False):
        person, data = ask(case, users)
        try:
            request_co_handling(
                case_id=case.pk, authority=authority_of(person, now=at), data=data, now=at
            )
        except (ServiceError, DomainError):
            continue
    major = next((c for c in in_hand if c.severity == Severity.MAJOR), None)
    target = major or (in_hand[0] if in_hand else None)
    if target is not None and target.handler is not None:
        with suppress(ServiceError, DomainError):
            request_deliberation(
                case_id=target.pk,
                authority=authority_of(target.handler, now=at),
                reason="客户诉求金额较大且涉及产品安全，建议合议确定处理方案。",
                now=at,
            )
    plan_visits(now=now)


def _quality(case: Case, users: dict[str, User]) -> tuple[User, CoHandlingInput]:
    """The case's handler asks for an expert opinion (after-sales when the case is quality's
    own)."""
    quality = case.assigned_department is None or case.assigned_department.code != "quality"
    data = CoHandlingInput(
        department="quality" if quality else "after-sales",
        request="请出具该批次产品的质量鉴定意见。" if quality else "请安排上门核实故障情况。",
        assignee="quality" if quality else "handler",
    )
    return case.handler or users["handler"], data


def _legal(case: Case, users: dict[str, User]) -> tuple[User, CoHandlingInput]:
    """The supervisor asks 法务部 for a legal opinion (seed 004 第六条(三): media)."""
    data = CoHandlingInput(
        department="legal",
        request="客户称将向媒体反映，请法务部出具法律意见。",
        assignee="lawyer",
        legal_opinion=True,
    )
    return users["supervisor"], data
