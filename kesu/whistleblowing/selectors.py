"""Reading whistleblowing reports: only the discipline function, never a recused person."""

from __future__ import annotations

from django.db.models import QuerySet

from kesu.cases.selectors import recused_reports, visible_cases
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import CaseKind
from kesu.org.access import Authority
from kesu.whistleblowing.models import ExtensionRequest, Message, Report


def recused_report_ids(authority: Authority) -> QuerySet[Report]:
    """The reports `authority` is recused from (one rule: `cases.selectors.recused_reports`)."""
    return recused_reports(authority)


def visible_reports(authority: Authority) -> QuerySet[Report]:
    if not authority.may(Permission.HANDLE_WHISTLEBLOWING):
        return Report.objects.none()
    return Report.objects.filter(
        case__in=visible_cases(authority).filter(kind=CaseKind.WHISTLEBLOWING)
    )


def report_list(authority: Authority) -> QuerySet[Report]:
    return (
        visible_reports(authority)
        .select_related("case", "reported_department")
        .order_by("-case__received_at", "-pk")
    )


def get_report(authority: Authority, number: str) -> Report | None:
    return (
        visible_reports(authority)
        .select_related("case", "reported_department")
        .filter(case__number=number)
        .first()
    )


def thread(report: Report) -> QuerySet[Message]:
    return report.messages.all()


def pending_extensions(authority: Authority) -> QuerySet[ExtensionRequest]:
    """Extension requests waiting for `authority` (the president), recused ones left out."""
    if not authority.may(Permission.APPROVE_WHISTLEBLOWING_EXTENSION):
        return ExtensionRequest.objects.none()
    return (
        ExtensionRequest.objects.filter(state=ExtensionRequest.PENDING)
        .exclude(report_id__in=recused_report_ids(authority).values("pk"))
        .select_related("report__case", "requested_by")
        .order_by("requested_at")
    )
