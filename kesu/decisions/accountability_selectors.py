"""Reads for the accountability pages and API: findings and penalties (only for the roles
holding SEE_ACCOUNTABILITY), rectifications (also for the responsible department's heads), and
repeat offences. Each list is a fixed number of queries, whatever its length."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from kesu.cases.models import Attachment, Case
from kesu.core.errors import Forbidden, NotFound
from kesu.decisions.models import Finding, FindingState, PenaltyTier, Rectification
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Role
from kesu.org.access import Authority
from kesu.org.models import Department, User

P = Permission
#: Rows on one list page.
PAGE_SIZE = 50


def sees_penalties(authority: Authority) -> bool:
    return authority.may(P.SEE_ACCOUNTABILITY)


def finding_access(authority: Authority) -> None:
    """Refuse (403) a user whose roles do not see penalties."""
    if not sees_penalties(authority):
        raise Forbidden("forbidden", _("Your role may not see accountability findings."))


_require_penalties = finding_access


def penalty_tiers(*, active_only: bool = True) -> QuerySet[PenaltyTier]:
    tiers = PenaltyTier.objects.all()
    return tiers.filter(is_active=True) if active_only else tiers


def _findings() -> QuerySet[Finding]:
    return Finding.objects.select_related(
        "case", "department", "person", "tier", "proposed_by", "decided_by", "rectification"
    ).prefetch_related("evidence")


def case_findings(authority: Authority, case: Case) -> list[Finding]:
    """The findings of one case (the caller has checked the case is visible)."""
    _require_penalties(authority)
    return list(_findings().filter(case=case))


def finding(authority: Authority, finding_id: int) -> Finding:
    _require_penalties(authority)
    found = _findings().filter(pk=finding_id).first()
    if found is None:
        raise NotFound("not_found", _("Finding not found."))
    return found


def recent_findings(authority: Authority, *, state: str = "") -> list[Finding]:
    """The newest findings across cases (the accountability page), at most a page."""
    _require_penalties(authority)
    rows = _findings()
    if state:
        rows = rows.filter(state=state)
    return list(rows[:PAGE_SIZE])


def rectifications_for(authority: Authority) -> QuerySet[Rectification]:
    """The rectifications the user may read: all for the office's roles, their own (and lower)
    departments' for department heads, none for anyone else."""
    rows = Rectification.objects.select_related("case", "department", "issued_by")
    if authority.may(P.SEE_ACCOUNTABILITY) or authority.may(P.VERIFY_RECTIFICATION):
        return rows
    paths = [
        g.department_path
        for g in authority.grants
        if g.role is Role.DEPARTMENT_HEAD and g.department_path
    ]
    if not paths:
        return rows.none()
    match = Q()
    for path in paths:
        match |= Q(department__path__startswith=path)
    return rows.filter(match)


def rectification(authority: Authority, rectification_id: int) -> Rectification:
    found = rectifications_for(authority).filter(pk=rectification_id).first()
    if found is None:
        raise NotFound("not_found", _("Rectification not found."))
    return found


def case_rectifications(authority: Authority, case: Case) -> list[Rectification]:
    return list(rectifications_for(authority).filter(case=case))


def case_evidence(case: Case) -> list[Attachment]:
    return list(Attachment.objects.filter(case=case).order_by("uploaded_at", "id"))


def departments() -> list[Department]:
    return list(Department.objects.filter(is_active=True).order_by("path"))


def people() -> list[User]:
    return list(
        User.objects.filter(is_active=True)
        .exclude(username="system")
        .select_related("department")
        .order_by("department__path", "full_name", "username")
    )


@dataclass(frozen=True)
class Offences:
    """Upheld findings in a period, per person and per department, most first."""

    start: datetime
    end: datetime
    people: list[dict[str, object]]
    departments: list[dict[str, object]]


def repeat_offences(
    authority: Authority, *, start: datetime, end: datetime, minimum: int = 1
) -> Offences:
    """Upheld findings decided in [start, end): two grouped queries."""
    _require_penalties(authority)
    upheld = Finding.objects.filter(
        state=FindingState.APPROVED, decided_at__gte=start, decided_at__lt=end
    )
    by_person = (
        upheld.values(
            "person_id", "person__full_name", "person__username", "person_name", "department__name"
        )
        .annotate(count=Count("id"))
        .filter(count__gte=minimum)
        .order_by("-count", "person_name")
    )
    people_rows = [
        {
            "person": row["person__full_name"] or row["person__username"] or row["person_name"],
            "user_id": row["person_id"],
            "department": row["department__name"],
            "count": row["count"],
        }
        for row in by_person
    ]
    by_department = (
        upheld.values("department_id", "department__name")
        .annotate(count=Count("id"))
        .filter(count__gte=minimum)
        .order_by("-count", "department__name")
    )
    department_rows = [
        {
            "department": row["department__name"],
            "department_id": row["department_id"],
            "count": row["count"],
        }
        for row in by_department
    ]
    return Offences(start, end, people_rows, department_rows)


def counts_by_case(case_ids: Iterable[int]) -> dict[int, int]:
    """Findings per case, for a badge (one query)."""
    rows = (
        Finding.objects.filter(case_id__in=list(case_ids)).values("case_id").annotate(n=Count("id"))
    )
    return {row["case_id"]: row["n"] for row in rows}
