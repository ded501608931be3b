"""Reading archives: what a person could ask to read, their requests, what waits for them."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from kesu.archives.models import AccessRequest, Archive, Destruction
from kesu.archives.services import approver_roles
from kesu.cases.selectors import recused_reports, visible_cases
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import CaseKind, Role
from kesu.org.access import Authority

LIMIT = 200


def archives(authority: Authority) -> QuerySet[Archive]:
    """Archives of the cases the person could see, the archive gate aside."""
    return (
        Archive.objects.filter(case__in=visible_cases(authority, archive_gate=False))
        .select_related("case")
        .order_by("-archived_at", "-pk")
    )


def get_archive(authority: Authority, number: str) -> Archive | None:
    return archives(authority).filter(number=number).first()


def my_requests(authority: Authority) -> QuerySet[AccessRequest]:
    return (
        AccessRequest.objects.filter(requester=authority.user)
        .select_related("archive__case", "decided_by")
        .order_by("-requested_at", "-pk")
    )


def running_grant(authority: Authority, archive: Archive, now: datetime) -> AccessRequest | None:
    return (
        AccessRequest.objects.filter(
            archive=archive,
            requester=authority.user,
            state=AccessRequest.APPROVED,
            expires_at__gt=now,
        )
        .order_by("-expires_at")
        .first()
    )


def waiting_for(authority: Authority) -> list[AccessRequest]:
    """Requests `authority` may decide (the policy's approver, never their own)."""
    if not authority.may(Permission.APPROVE_ARCHIVE_ACCESS):
        return []
    pending = (
        AccessRequest.objects.filter(state=AccessRequest.PENDING)
        .exclude(requester=authority.user)
        .select_related("archive__case", "requester")
        .order_by("requested_at")
    )
    if Role.GENERAL_MANAGER not in authority.roles:
        pending = pending.exclude(archive__case__kind=CaseKind.WHISTLEBLOWING)
    else:  # not the reports they are recused from
        pending = pending.exclude(archive__case_id__in=recused_reports(authority).values("case_id"))
    return [r for r in pending[:LIMIT] if authority.roles & approver_roles(r.archive)]


def destructions_waiting(authority: Authority) -> QuerySet[Destruction]:
    if not authority.may(Permission.APPROVE_ARCHIVE_DESTRUCTION):
        return Destruction.objects.none()
    return (
        Destruction.objects.filter(state=Destruction.PENDING)
        .exclude(requested_by=authority.user)
        .select_related("archive__case", "requested_by")
        .order_by("requested_at")
    )
