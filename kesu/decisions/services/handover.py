"""Handover 转交 (seed 002 《客户投诉转交处理联系单》): the lead department hands the case to
another department; the general manager approves where the policy says so; the receiver signs
(acknowledges) or refuses with a reason. Until acknowledged the sender still owns the case and
its clocks; acknowledgement moves the case through `cases.services.transitions.hand_over`, the
same effect as 分派, so clocks and notices stay consistent."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kesu.cases.services.events import record_event
from kesu.cases.services.transitions import HANDOVER_STATES, hand_over
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.decisions.models import HandoverRequest
from kesu.decisions.routing import Step, approval_permission, approver_for
from kesu.decisions.services import common
from kesu.decisions.services.notices import tell_handover_pending
from kesu.domain.cohandling import OPEN_HANDOVER_STATES, HandoverState
from kesu.domain.permissions import Permission
from kesu.org.access import Authority

REQUESTED = "handover_requested"
APPROVED = "handover_approved"
REFUSED = "handover_refused"


def request_handover(
    *,
    case_id: int,
    authority: Authority,
    department: str,
    reason: str,
    handler: str = "",
    now: datetime,
) -> HandoverRequest:
    """Ask `department` to take the case over. 403 when the role may not on this case; 409
    when the case cannot move now or a handover is already open; 400 for bad input."""
    with transaction.atomic():
        case = common.locked_case(case_id)
        common.allowed(
            authority, Permission.REQUEST_HANDOVER, case.assigned_department, case.handler_id
        )
        if case.state not in HANDOVER_STATES:
            raise Conflict(
                "handover_not_now", _("The case cannot change department in its present state.")
            )
        receiver = common.department(department)
        if receiver.pk == case.assigned_department_id:
            raise ServiceError(
                "same_department",
                _("The case is already with this department."),
                field="department",
            )
        if case.handover_requests.filter(state__in=OPEN_HANDOVER_STATES).exists():
            raise Conflict("handover_open", _("A handover of this case is already waiting."))
        text = common.text(reason, "reason", _("Say why the case is handed over."))
        person = common.member(handler, receiver, "handler")
        approver = approver_for(Step.HANDOVER, case)
        self_approved = approver is not None and authority.may(approval_permission(Step.HANDOVER))
        handover = HandoverRequest(
            case=case,
            from_department=case.assigned_department,
            to_department=receiver,
            reason=text,
            handler=person,
            requested_by=authority.user,
            requested_at=now,
            state=HandoverState.PENDING
            if approver is None or self_approved
            else HandoverState.PENDING_APPROVAL,
            approver_role=approver or "",
        )
        if self_approved:
            handover.approved_by, handover.approved_at = authority.user, now
        try:
            with transaction.atomic():
                handover.save()
        except IntegrityError as error:  # a second request raced this one
            raise Conflict(
                "handover_open", _("A handover of this case is already waiting.")
            ) from error
        record_event(
            case=case,
            authority=authority,
            action=REQUESTED,
            at=now,
            role=authority.role_for(Permission.REQUEST_HANDOVER),
            data={
                "handover": handover.pk,
                "from_department": str(case.assigned_department or "—"),
                "to_department": receiver.name,
                "awaits_approval": handover.state == HandoverState.PENDING_APPROVAL,
            },
            note=text,
        )
        if handover.state == HandoverState.PENDING:
            tell_handover_pending(handover, now=now)
    return handover


def approve_handover(
    *, handover_id: int, authority: Authority, approve: bool, note: str, now: datetime
) -> HandoverRequest:
    """The general manager approves a handover (it then waits for the receiver) or refuses
    it with a reason."""
    if not authority.may(approval_permission(Step.HANDOVER)):
        raise Forbidden("forbidden", _("Your role may not approve handovers."))
    with transaction.atomic():
        handover = _locked(handover_id)
        if handover.state != HandoverState.PENDING_APPROVAL:
            raise Conflict("not_pending", _("This handover is not waiting for approval."))
        note = note.strip()[: common.MAX_TEXT]
        if approve:
            handover.state = HandoverState.PENDING
            handover.approved_by, handover.approved_at = authority.user, now
        else:
            _refuse(handover, authority, note, now)
        handover.save()
        record_event(
            case=handover.case,
            authority=authority,
            action=APPROVED if approve else REFUSED,
            at=now,
            role=authority.role_for(approval_permission(Step.HANDOVER)),
            data={"handover": handover.pk, "to_department": handover.to_department.name},
            note=note,
        )
        if approve:
            tell_handover_pending(handover, now=now)
    return handover


def acknowledge_handover(
    *, handover_id: int, authority: Authority, handler: str = "", now: datetime
) -> HandoverRequest:
    """The receiving department's handler or head signs the 联系单: the case moves to their
    department (handled by `handler`, by the one named in the request, or unassigned within
    the department) and from now on they own its clocks."""
    with transaction.atomic():
        handover = _locked(handover_id)
        _receiver_only(handover, authority)
        case = handover.case
        person = common.member(handler, handover.to_department, "handler") or handover.handler
        handover.state = HandoverState.ACKNOWLEDGED
        handover.acknowledged_by, handover.acknowledged_at = authority.user, now
        handover.handler = person
        handover.save()
        hand_over(
            case=case,
            authority=authority,
            department=handover.to_department,
            handler=person,
            now=now,
            note=handover.reason,
            details={
                "handover": handover.pk,
                "from_department": str(handover.from_department or "—"),
                "to_department": handover.to_department.name,
            },
        )
    return handover


def refuse_handover(
    *, handover_id: int, authority: Authority, reason: str, now: datetime
) -> HandoverRequest:
    """The receiving department refuses, with a reason; the case stays where it was."""
    with transaction.atomic():
        handover = _locked(handover_id)
        _receiver_only(handover, authority)
        text = common.text(reason, "reason", _("Say why the handover is refused."))
        _refuse(handover, authority, text, now)
        handover.save()
        record_event(
            case=handover.case,
            authority=authority,
            action=REFUSED,
            at=now,
            role=authority.role_for(Permission.ACKNOWLEDGE_HANDOVER),
            data={"handover": handover.pk, "to_department": handover.to_department.name},
            note=text,
        )
    return handover


def _refuse(handover: HandoverRequest, authority: Authority, reason: str, now: datetime) -> None:
    handover.state = HandoverState.REFUSED
    handover.refused_by, handover.refused_at, handover.refusal_reason = authority.user, now, reason


def _receiver_only(handover: HandoverRequest, authority: Authority) -> None:
    common.allowed(authority, Permission.ACKNOWLEDGE_HANDOVER, handover.to_department, None)
    if handover.state != HandoverState.PENDING:
        raise Conflict(
            "not_pending", _("This handover is not waiting for the receiver's acknowledgement.")
        )


def _locked(handover_id: int) -> HandoverRequest:
    case_id = (
        HandoverRequest.objects.filter(pk=handover_id).values_list("case_id", flat=True).first()
    )
    if case_id is None:
        raise NotFound("not_found", _("Handover not found."))
    case = common.locked_case(case_id)
    handover = (
        HandoverRequest.objects.select_for_update(of=("self",))
        .select_related("to_department", "from_department", "handler")
        .get(pk=handover_id)
    )
    handover.case = case
    return handover
