"""The only writers of archives (R-25 … R-27; seed 002 查阅档案审批表, 档案 never destroyed without
approval). Each step locks the case row and writes its history event in the same transaction.

- **Archive number on closure**: `archive_case` answers `cases.signals.case_closed` inside the
  closing transaction: the year's `ArchiveSequence` row is locked and incremented, so numbers
  are gap-free per year (a rolled-back closure returns its number). Whistleblowing reports are
  archived confidential; `mark_confidential` makes any closed case's archive confidential.
- **Reading a confidential archive** needs an approved request (who, why, how many days): the
  approver is the policy's (`approver_roles`) and never the requester; the approval holds until
  `expires_at` and `cases.selectors.visible_cases` shows the case only while it holds.
- **Destruction** only with the general manager's approval (R-25), never while a legal hold
  applies, recorded; it masks the personal data in place — the case, its numbers, its history
  and the archive row stay.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from kesu.archives.models import AccessRequest, Archive, ArchiveSequence, Destruction
from kesu.cases.models import Case
from kesu.cases.selectors import recused_reports, visible_cases
from kesu.cases.services.events import record_event
from kesu.cases.services.retention import mask_personal_data
from kesu.core.clock import local_date
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.domain.numbering import NumberPattern
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import CaseKind, Role, State
from kesu.org.access import Authority

CONFIDENTIAL = "archive_confidential"
ACCESS_ASKED = "archive_access_asked"
ACCESS_APPROVED = "archive_access_approved"
ACCESS_REFUSED = "archive_access_refused"
DESTRUCTION_ASKED = "archive_destruction_asked"
DESTROYED = "archive_destroyed"
DESTRUCTION_REFUSED = "archive_destruction_refused"
REASON_MAX = 200


def archive_case(*, case: Case, now: datetime, **_: Any) -> dict[str, Any]:
    """Give the closed `case` its archive number (the caller holds the case row locked); the
    answer goes into the closing step's history event."""
    existing = Archive.objects.filter(case=case).first()
    if existing is not None:  # closed again after a reopening: the number stays
        return {"archive": existing.number}
    year = local_date(now).year
    ArchiveSequence.objects.bulk_create([ArchiveSequence(year=year)], ignore_conflicts=True)
    sequence = ArchiveSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    number = NumberPattern.parse(settings.KESU_ARCHIVE_NUMBER_PATTERN).format(
        local_date(now), sequence.last
    )
    archive = Archive.objects.create(
        case=case,
        number=number,
        archived_at=now,
        confidential=case.kind == CaseKind.WHISTLEBLOWING,
    )
    return {"archive": number, "confidential": archive.confidential}


def _archive(authority: Authority, number: str, *, lock: bool = True) -> tuple[Case, Archive]:
    """The archive `number` of a case `authority` could see (the archive gate aside), its case
    row locked."""
    archive = Archive.objects.select_related("case").filter(number=number).first()
    scope = visible_cases(authority, archive_gate=False)
    if archive is None or not scope.filter(pk=archive.case_id).exists():
        raise NotFound("not_found", _("Not found."))
    case = Case.objects.select_for_update().get(pk=archive.case_id) if lock else archive.case
    return case, Archive.objects.get(pk=archive.pk)


def _reason(text: str) -> str:
    text = text.strip()
    if not text:
        raise ServiceError("reason_required", _("Give the reason."), field="reason")
    if len(text) > REASON_MAX:
        raise ServiceError(
            "reason_too_long", _("At most %(n)s characters.") % {"n": REASON_MAX}, field="reason"
        )
    return text


def mark_confidential(authority: Authority, number: str, *, now: datetime) -> Archive:
    if not authority.may(Permission.KEEP_ARCHIVES):
        raise Forbidden("not_allowed", _("Your role cannot do this."))
    with transaction.atomic():
        case, archive = _archive(authority, number)
        if not archive.confidential:
            archive.confidential = True
            archive.save(update_fields=["confidential"])
            record_event(case=case, authority=authority, action=CONFIDENTIAL, at=now,
                         data={"archive": archive.number})  # fmt: skip
    return archive


def approver_roles(archive: Archive) -> frozenset[Role]:
    """Who approves reading this archive: the president (general manager) for a whistleblowing
    report (seed 004: 调阅档案 with approval), else the customer-service manager or above."""
    if archive.case.kind == CaseKind.WHISTLEBLOWING:
        return frozenset({Role.GENERAL_MANAGER})
    return frozenset({Role.CS_MANAGER, Role.GENERAL_MANAGER})


def request_access(
    authority: Authority, number: str, *, reason: str, days: int, now: datetime
) -> AccessRequest:
    """查阅档案审批表: ask to read a confidential archive for `days` days."""
    if not authority.may(Permission.REQUEST_ARCHIVE_ACCESS):
        raise NotFound("not_found", _("Not found."))
    reason = _reason(reason)
    limit = settings.KESU_ARCHIVE_ACCESS_MAX_DAYS
    if not 1 <= days <= limit:
        raise ServiceError(
            "days_out_of_range",
            _("Between 1 and %(n)s days.") % {"n": limit},
            field="days",
        )
    with transaction.atomic():
        case, archive = _archive(authority, number)
        if not archive.confidential:
            raise Conflict(
                "not_confidential", _("This archive is not confidential: open the case.")
            )
        if archive.destroyed_at is not None:
            raise Conflict("destroyed", _("This archive was destroyed."))
        request = AccessRequest.objects.create(
            archive=archive, requester=authority.user, reason=reason, days=days, requested_at=now
        )
        record_event(case=case, authority=authority, action=ACCESS_ASKED, at=now, note=reason,
                     data={"archive": archive.number, "days": days})  # fmt: skip
    return request


def may_decide(authority: Authority, request: AccessRequest) -> bool:
    """The policy's approver, never for their own request, never on a report they are recused
    from (named in it, or in the reported department's line)."""
    return (
        request.requester_id != authority.user.pk
        and authority.may(Permission.APPROVE_ARCHIVE_ACCESS)
        and bool(authority.roles & approver_roles(request.archive))
        and not (
            request.archive.case.kind == CaseKind.WHISTLEBLOWING
            and recused_reports(authority).filter(case_id=request.archive.case_id).exists()
        )
    )


def decide_access(
    authority: Authority, request_id: int, *, approve: bool, now: datetime, note: str = ""
) -> AccessRequest:
    """Approve (the reading holds for the days asked, from now) or refuse; never one's own."""
    with transaction.atomic():
        found = AccessRequest.objects.select_related("archive__case").filter(pk=request_id).first()
        if found is None or not may_decide(authority, found):
            raise NotFound("not_found", _("Not found."))
        case = Case.objects.select_for_update().get(pk=found.archive.case_id)
        request = AccessRequest.objects.select_for_update().get(pk=request_id)
        if request.state != AccessRequest.PENDING:
            raise Conflict("decided", _("This request was already decided."))
        request.state = AccessRequest.APPROVED if approve else AccessRequest.REFUSED
        request.decided_by = authority.user
        request.decided_at = now
        request.note = note.strip()[:REASON_MAX]
        request.expires_at = now + timedelta(days=request.days) if approve else None
        request.save(update_fields=["state", "decided_by", "decided_at", "note", "expires_at"])
        record_event(
            case=case, authority=authority, action=ACCESS_APPROVED if approve else ACCESS_REFUSED,
            at=now, note=request.note,
            data={"archive": found.archive.number, "requester": request.requester.username,
                  **({"until": request.expires_at.isoformat()} if request.expires_at else {})},
        )  # fmt: skip
    return request


def request_destruction(
    authority: Authority, number: str, *, reason: str, now: datetime
) -> Destruction:
    if not authority.may(Permission.KEEP_ARCHIVES):
        raise Forbidden("not_allowed", _("Your role cannot do this."))
    reason = _reason(reason)
    with transaction.atomic():
        case, archive = _archive(authority, number)
        _destroyable(case, archive)
        if archive.destructions.filter(state=Destruction.PENDING).exists():
            raise Conflict("pending", _("A destruction is already waiting for approval."))
        destruction = Destruction.objects.create(
            archive=archive, requested_by=authority.user, requested_at=now, reason=reason
        )
        record_event(case=case, authority=authority, action=DESTRUCTION_ASKED, at=now,
                     note=reason, data={"archive": archive.number})  # fmt: skip
    return destruction


def _destroyable(case: Case, archive: Archive) -> None:
    if archive.destroyed_at is not None:
        raise Conflict("destroyed", _("This archive was destroyed."))
    if case.legal_hold:
        raise Conflict(
            "legal_hold", _("A legal hold applies to this case: its archive cannot be destroyed.")
        )
    if case.state != State.CLOSED:
        raise Conflict("not_closed", _("Only a closed case's archive can be destroyed."))


def decide_destruction(
    authority: Authority, destruction_id: int, *, approve: bool, now: datetime
) -> Destruction:
    """The general manager approves (the personal data is masked in place, recorded) or refuses;
    a legal hold refuses it even now."""
    if not authority.may(Permission.APPROVE_ARCHIVE_DESTRUCTION):
        raise NotFound("not_found", _("Not found."))
    with transaction.atomic():
        found = Destruction.objects.select_related("archive").filter(pk=destruction_id).first()
        if found is None or found.requested_by_id == authority.user.pk:
            raise NotFound("not_found", _("Not found."))
        case = Case.objects.select_for_update().get(pk=found.archive.case_id)
        destruction = Destruction.objects.select_for_update().get(pk=destruction_id)
        archive = Archive.objects.select_for_update().get(pk=found.archive_id)
        if destruction.state != Destruction.PENDING:
            raise Conflict("decided", _("This request was already decided."))
        if approve:
            _destroyable(case, archive)
        destruction.state = Destruction.APPROVED if approve else Destruction.REFUSED
        destruction.decided_by = authority.user
        destruction.decided_at = now
        destruction.save(update_fields=["state", "decided_by", "decided_at"])
        data: dict[str, Any] = {"archive": archive.number}
        if approve:
            data["fields"] = mask_personal_data(case)
            case.personal_data_masked_at = case.personal_data_masked_at or now
            case.save()
            archive.destroyed_at = now
            archive.save(update_fields=["destroyed_at"])
        record_event(
            case=case, authority=authority, action=DESTROYED if approve else DESTRUCTION_REFUSED,
            at=now, data=data,
        )  # fmt: skip
    return destruction
