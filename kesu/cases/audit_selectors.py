"""Reads of the audit records (issue 20): the record of personal-data reads for the discipline
officer and the administrator, the history chain's last check and the retention reports for the
settings pages. Callers check `SEE_ACCESS_LOG` / `MANAGE_SETTINGS` first; the access log is not
filtered by case visibility (the administrator sees no cases but reads who saw them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kesu.cases.models import AccessRecord, Case, HistoryAnchor, HistoryCheck, RetentionRun
from kesu.core.errors import NotFound

#: The most access records a page or an API answer lists (newest first).
LIMIT = 500


def access_log(number: str, *, actor: str = "", limit: int = LIMIT) -> list[AccessRecord]:
    """The reads of case `number`'s personal data, newest first (404 for an unknown number);
    `actor` narrows them to one user name. Two queries whatever the length."""
    case = Case.objects.filter(number=number.strip()).only("id", "number").first()
    if case is None:
        raise NotFound("not_found", _("Case not found."))
    records: QuerySet[AccessRecord] = AccessRecord.objects.filter(case_id=case.pk)
    if actor:
        records = records.filter(actor__username=actor.strip())
    return list(
        records.select_related("actor", "case").order_by("-at", "-id")[: max(1, min(limit, LIMIT))]
    )


@dataclass(frozen=True)
class ChainStatus:
    """What the settings pages say about the history: the last check and the last anchor."""

    check: HistoryCheck | None
    anchor: HistoryAnchor | None


def chain_status() -> ChainStatus:
    return ChainStatus(
        check=HistoryCheck.objects.order_by("-ran_at", "-id").first(),
        anchor=HistoryAnchor.objects.order_by("-day").first(),
    )


def retention_runs(limit: int = 10) -> list[RetentionRun]:
    return list(RetentionRun.objects.order_by("-ran_at", "-id")[:limit])
