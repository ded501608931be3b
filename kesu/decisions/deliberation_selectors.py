"""Reads of deliberations 合议 for pages and prints. A deliberation is seen by whoever sees its
case (`cases.selectors.visible_cases`, which lets an open deliberation's participants see the
case); nothing is read per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.selectors import visible_cases
from kesu.core.errors import NotFound
from kesu.decisions.models import Deliberation, DeliberationSeat
from kesu.domain.deliberation import Status
from kesu.domain.permissions import EVERYONE_WHO_HANDLES
from kesu.org.access import Authority, holding
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME


@dataclass(frozen=True)
class ArchiveFilters:
    """The archive's filters: status, a case number (or its beginning), late ones only (no
    final decision by its day)."""

    status: Status | None = None
    number: str = ""
    late_only: bool = False


def case_deliberations(case: Case) -> list[Deliberation]:
    """A case's deliberations, newest first, with their chair (one query)."""
    return list(case.deliberations.select_related("chair", "requested_by"))


def get_deliberation(authority: Authority, deliberation_id: int) -> Deliberation:
    """One deliberation with its case, chair, seats and evidence, or NotFound when its case is
    out of sight (the same answer as for one that does not exist)."""
    deliberation = (
        Deliberation.objects.filter(pk=deliberation_id, case__in=visible_cases(authority))
        .select_related("case", "case__assigned_department", "chair", "requested_by",
                        "answered_by")
        .prefetch_related("evidence")
        .first()
    )  # fmt: skip
    if deliberation is None:
        raise NotFound("not_found", _("Deliberation not found."))
    return deliberation


def seats(deliberation: Deliberation) -> list[DeliberationSeat]:
    """The participants in the order they were seated (the chair first)."""
    return list(deliberation.seats.select_related("user").order_by("pk"))


def archive(
    authority: Authority, filters: ArchiveFilters, *, now: datetime
) -> QuerySet[Deliberation]:
    """The deliberation archive 合议档案: every deliberation of a visible case, newest first,
    with the counts of participants and confirmations — one query per page, whatever its
    length (plus the paginator's count)."""
    rows = Deliberation.objects.filter(case__in=visible_cases(authority))
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.number:
        rows = rows.filter(case__number__startswith=filters.number)
    if filters.late_only:
        rows = rows.filter(status__in=[Status.CONVENED, Status.PRELIMINARY], due_at__lt=now)
    return (
        rows.select_related("case", "chair")
        .annotate(
            seat_count=Count("seats", distinct=True),
            confirmed_count=Count("seats", filter=Q(seats__confirmed_at__isnull=False),
                                  distinct=True),
        )
        .order_by("-requested_at", "-id")
    )  # fmt: skip


def participant_choices() -> list[User]:
    """Staff who may sit in a deliberation: active people of the roles that handle cases."""
    return list(
        User.objects.filter(holding(tuple(EVERYONE_WHO_HANDLES)), is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .select_related("department")
        .distinct()
        .order_by("department__path", "username")
    )
