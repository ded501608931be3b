"""Accountability 责任追究 (R-23) and rectification 整改 (CAPA): every write, each in one
transaction with its history event.

The steps: a finding names the responsible department and person with evidence and proposes a
penalty from the catalogue (`record_finding`); the role `routing.penalty_approver` names decides
it (`decide_penalty`, four eyes); a 整改通知书 goes to the responsible department with a due day
on its own working-day clock (`issue_rectification`); the department's head reports what was
done (`report_rectification`); the issuer's side verifies it or returns it with the reason
(`verify_rectification`), which restarts the clock. `sweep_rectifications` warns the department
on the due day and escalates to the issuer the day after.

What others may read: the history events say that a finding was recorded or decided, never who
is penalised or with what; notifications carry no penalty; the rectification names the
department and the requirement only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kesu.cases.models import Attachment, Case
from kesu.cases.services.deadlines import calendar_around
from kesu.cases.services.events import plain, record_event
from kesu.cases.services.locks import case_then
from kesu.core.clock import local
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.decisions.models import (
    Finding,
    FindingState,
    PenaltyTier,
    Rectification,
    RectificationState,
)
from kesu.decisions.routing import MANAGER_ROLES, penalty_approver
from kesu.decisions.services.common import locked_case
from kesu.domain.deadlines import END_OF_DAY, add_working_days
from kesu.domain.permissions import Permission
from kesu.domain.presets.penalties import PENALTY_PRESETS
from kesu.domain.vocabulary import Role
from kesu.notify.services import notify
from kesu.org.access import Authority, authority_of, holding, roles_held
from kesu.org.models import Department, User
from kesu.org.services import SYSTEM_USERNAME, system_user

P = Permission

# History event kinds (CaseEvent.action); their labels are in `kesu.core.labels.EVENT_LABELS`.
FINDING_RECORDED = "finding_recorded"
FINDING_DECIDED = "finding_decided"
RECTIFICATION_ISSUED = "rectification_issued"
RECTIFICATION_REPORTED = "rectification_reported"
RECTIFICATION_RETURNED = "rectification_returned"
RECTIFICATION_VERIFIED = "rectification_verified"
RECTIFICATION_OVERDUE = "rectification_overdue"

#: Working days a notice may give at most (a longer one is a typing mistake).
MAX_RECTIFICATION_DAYS = 60


def _require(authority: Authority, permission: Permission) -> Role:
    role = authority.role_for(permission)
    if role is None:
        raise Forbidden("forbidden", _("Your role may not do this."))
    return role


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError("required", message, field=field)
    return value


# --- the catalogue ----------------------------------------------------------------------------


@transaction.atomic
def load_penalty_presets() -> int:
    """Add seed 002's tiers that are missing (by code); edited rows are kept. Idempotent."""
    existing = set(PenaltyTier.objects.values_list("code", flat=True))
    rows = [
        PenaltyTier(
            code=p.code,
            name_zh=p.name_zh,
            name_en=p.name_en,
            fine_min=p.fine_min,
            fine_max=p.fine_max,
            performance_points=p.performance_points,
            forfeits_performance_pay=p.forfeits_performance_pay,
            company_notice=p.company_notice,
            sanction=p.sanction,
            legal_referral=p.legal_referral,
            circumstances=p.circumstances,
            source=p.source,
            sort_order=index * 10,
        )
        for index, p in enumerate(PENALTY_PRESETS, start=1)
        if p.code not in existing
    ]
    PenaltyTier.objects.bulk_create(rows)
    return len(rows)


def check_tier(tier: PenaltyTier) -> None:
    """A tier's fines must make a range (lowest ≤ highest, both or neither)."""
    if (tier.fine_min is None) != (tier.fine_max is None):
        raise ServiceError(
            "fine_range",
            _("Give both the lowest and the highest fine, or neither."),
            field="fine_max",
        )
    if tier.fine_min is not None and tier.fine_max is not None and tier.fine_min > tier.fine_max:
        raise ServiceError(
            "fine_range", _("The lowest fine is above the highest."), field="fine_max"
        )


@transaction.atomic
def save_penalty_tier(tier: PenaltyTier, *, actor: User) -> PenaltyTier:
    """Create or change a catalogue entry (the settings page, which checks MANAGE_SETTINGS).
    Findings keep the tier they name; switch a tier off rather than change its meaning."""
    del actor  # the page's guard checked the permission
    check_tier(tier)
    tier.save()
    return tier


# --- findings ---------------------------------------------------------------------------------


def _amount_for(tier: PenaltyTier, amount: Decimal | None) -> Decimal | None:
    """The fine of a finding: the tier's fixed fine, one inside its range, or none."""
    if tier.fine_min is None or tier.fine_max is None:
        if amount is not None:
            raise ServiceError(
                "amount_not_allowed",
                _("This penalty has no fine; leave the amount empty."),
                field="amount",
            )
        return None
    if tier.fine_min == tier.fine_max and amount is None:
        return tier.fine_min
    if amount is None or not tier.fine_min <= amount <= tier.fine_max:
        raise ServiceError(
            "amount_out_of_range",
            _("The fine must be between %(low)s and %(high)s yuan.")
            % {"low": tier.fine_min, "high": tier.fine_max},
            field="amount",
        )
    return amount


def is_manager(user: User) -> bool:
    """Whether `user` holds a manager's role (部门经理, 主管, the managers)."""
    extra = tuple(user.extra_roles.values_list("role", flat=True))
    return bool(set(roles_held(user, extra)) & MANAGER_ROLES)


@dataclass(frozen=True)
class FindingInput:
    department_id: int
    grounds: str
    tier_id: int
    person_id: int | None = None
    person_name: str = ""
    subject_is_manager: bool = False
    amount: Decimal | None = None
    evidence_ids: tuple[int, ...] = ()


def _finding_subject(data: FindingInput) -> tuple[User | None, str, bool]:
    """The responsible person: a user (a manager by their roles) or a named outsider."""
    name = (data.person_name or "").strip()
    if data.person_id is not None:
        person = User.objects.filter(pk=data.person_id, is_active=True).first()
        if person is None or person.username == SYSTEM_USERNAME:
            raise ServiceError("person", _("No such person."), field="person")
        return person, "", is_manager(person)
    if not name:
        raise ServiceError(
            "person", _("Name the responsible person (a user or a name)."), field="person"
        )
    return None, name, data.subject_is_manager


@transaction.atomic
def record_finding(
    *, case: Case, data: FindingInput, authority: Authority, now: datetime
) -> Finding:
    """责任认定 with the proposed penalty; the approver is routed at once and told."""
    role = _require(authority, P.PROPOSE_PENALTY)
    case = locked_case(case.pk)
    department = Department.objects.filter(pk=data.department_id, is_active=True).first()
    if department is None:
        raise ServiceError("department", _("No such department."), field="department")
    tier = PenaltyTier.objects.filter(pk=data.tier_id, is_active=True).first()
    if tier is None:
        raise ServiceError("tier", _("Choose a penalty from the catalogue."), field="tier")
    person, person_name, manager = _finding_subject(data)
    grounds = _text(data.grounds, "grounds", _("Write down why they are responsible."))
    evidence = list(Attachment.objects.filter(case=case, pk__in=set(data.evidence_ids)))
    if len(evidence) != len(set(data.evidence_ids)):
        raise ServiceError("evidence", _("Evidence must be files of this case."), field="evidence")
    amount = _amount_for(tier, data.amount)
    finding = Finding.objects.create(
        case=case,
        department=department,
        person=person,
        person_name=person_name,
        subject_is_manager=manager,
        grounds=grounds,
        tier=tier,
        amount=amount,
        approver_role=penalty_approver(amount, manager),
        proposed_by=authority.user,
        proposed_at=now,
    )
    finding.evidence.set(evidence)
    # The history says a finding exists, not who or what: others read it too.
    record_event(case=case, authority=authority, action=FINDING_RECORDED, at=now, role=role)
    _tell_approvers(finding, now=now)
    return finding


def _approvers(finding: Finding) -> list[User]:
    people = User.objects.filter(holding([Role(finding.approver_role)]), is_active=True)
    return list(people.exclude(pk=finding.proposed_by_id).order_by("pk"))


def _tell_approvers(finding: Finding, *, now: datetime) -> None:
    """Ask the routed approvers to decide; the message names the case, not the penalty."""
    for person in _approvers(finding):
        notify(
            template="finding_to_decide",
            dedupe_key=f"finding_to_decide:{finding.pk}:{person.pk}",
            context={"number": finding.case.number, "staff_name": str(person)},
            case=finding.case,
            recipient=person,
            channels=("in_app", "email"),
        )


def may_decide(finding: Finding, authority: Authority) -> bool:
    """The routed role (or the general manager, who decides above it) and not the proposer."""
    if not authority.may(P.APPROVE_PENALTY) or finding.proposed_by_id in authority.user_ids:
        return False
    return bool({Role(finding.approver_role), Role.GENERAL_MANAGER} & authority.roles)


def _locked_finding(finding_id: int, authority: Authority) -> Finding:
    _require(authority, P.SEE_ACCOUNTABILITY)
    finding = case_then(Finding.objects.select_related("case", "tier"), finding_id)
    if finding is None:
        raise NotFound("not_found", _("Finding not found."))
    return finding


@transaction.atomic
def decide_penalty(
    *, finding_id: int, approve: bool, note: str, authority: Authority, now: datetime
) -> Finding:
    """Uphold (approve) or not uphold the proposed penalty; a refusal says why."""
    finding = _locked_finding(finding_id, authority)
    if finding.state != FindingState.PROPOSED:
        raise Conflict("already_decided", _("This finding has been decided already."))
    if not may_decide(finding, authority):
        raise Forbidden(
            "not_your_decision", _("This penalty is decided by another role, not its proposer.")
        )
    note = (note or "").strip()
    if not approve and not note:
        raise ServiceError("note", _("Say why the penalty is not upheld."), field="note")
    finding.state = FindingState.APPROVED if approve else FindingState.REJECTED
    finding.decided_by, finding.decided_at, finding.decision_note = authority.user, now, note
    finding.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    record_event(
        case=finding.case,
        authority=authority,
        action=FINDING_DECIDED,
        at=now,
        role=authority.role_for(P.APPROVE_PENALTY),
    )
    return finding


# --- rectification ------------------------------------------------------------------------------


def rectification_due(now: datetime, days: int) -> datetime:
    """The end of the `days`-th working day after `now`'s day (the stored calendar)."""
    start = local(now)
    day = add_working_days(calendar_around(now), start.date(), days).due
    return datetime.combine(day, END_OF_DAY, tzinfo=start.tzinfo)


def _department_heads(department: Department) -> list[User]:
    return list(
        User.objects.filter(
            holding([Role.DEPARTMENT_HEAD]), department=department, is_active=True
        ).order_by("pk")
    )


def _tell(
    people: Iterable[User], item: Rectification, template: str, key: str, **extra: object
) -> None:
    for person in people:
        notify(
            template=template,
            dedupe_key=f"{template}:{item.pk}:{key}:{person.pk}",
            context={
                "number": item.case.number,
                "department": str(item.department),
                "due": item.due_at,
                "staff_name": str(person),
                **extra,
            },
            case=item.case,
            recipient=person,
            channels=("in_app", "email"),
        )


@transaction.atomic
def issue_rectification(
    *, finding_id: int, requirement: str, days: int | None, authority: Authority, now: datetime
) -> Rectification:
    """整改通知书 to the responsible department, due `days` working days on (default: the
    penalty tier's)."""
    role = _require(authority, P.ISSUE_RECTIFICATION)
    finding = _locked_finding(finding_id, authority)
    if finding.state == FindingState.REJECTED:
        raise Conflict("not_upheld", _("A finding that was not upheld needs no rectification."))
    if Rectification.objects.filter(finding=finding).exists():
        raise Conflict("already_issued", _("A rectification notice was issued already."))
    days = finding.tier.rectification_days if days is None else days
    if not 1 <= days <= MAX_RECTIFICATION_DAYS:
        raise ServiceError(
            "days",
            _("Give between 1 and %(max)s working days.") % {"max": MAX_RECTIFICATION_DAYS},
            field="days",
        )
    item = Rectification.objects.create(
        finding=finding,
        case=finding.case,
        department=finding.department,
        requirement=_text(requirement, "requirement", _("Write down what must be rectified.")),
        days=days,
        issued_by=authority.user,
        issued_at=now,
        due_at=rectification_due(now, days),
    )
    record_event(
        case=item.case,
        authority=authority,
        action=RECTIFICATION_ISSUED,
        at=now,
        role=role,
        data={"responsible_department": str(item.department), "due_at": plain(item.due_at)},
        note=item.requirement,
    )
    _tell(
        _department_heads(item.department),
        item,
        "rectification_issued",
        "issued",
        note=item.requirement,
    )
    return item


def may_report(item: Rectification, authority: Authority) -> bool:
    """The head of the responsible department (or of one above it)."""
    return authority.covers(item.department, role=Role.DEPARTMENT_HEAD)


def _locked_rectification(rectification_id: int, authority: Authority) -> Rectification:
    item = case_then(Rectification.objects.select_related("case", "department"), rectification_id)
    if item is None or not (
        authority.may(P.SEE_ACCOUNTABILITY)
        or authority.may(P.VERIFY_RECTIFICATION)
        or may_report(item, authority)
    ):
        raise NotFound("not_found", _("Rectification not found."))
    return item


@transaction.atomic
def report_rectification(
    *, rectification_id: int, report: str, evidence: str, authority: Authority, now: datetime
) -> Rectification:
    """整改报告: what the department did, with its evidence, back to the issuer."""
    item = _locked_rectification(rectification_id, authority)
    if not may_report(item, authority):
        raise Forbidden("forbidden", _("Only the responsible department's head reports."))
    if not item.is_open:
        raise Conflict("not_open", _("This rectification is not waiting for a report."))
    item.report = _text(report, "report", _("Write down what was done."))
    item.report_evidence = (evidence or "").strip()
    item.state, item.reported_by, item.reported_at = (
        RectificationState.REPORTED,
        authority.user,
        now,
    )
    item.save(update_fields=["report", "report_evidence", "state", "reported_by", "reported_at"])
    record_event(
        case=item.case,
        authority=authority,
        action=RECTIFICATION_REPORTED,
        at=now,
        role=Role.DEPARTMENT_HEAD,
        data={"responsible_department": str(item.department)},
        note=item.report,
    )
    issuer = User.objects.filter(pk=item.issued_by_id, is_active=True)
    _tell(issuer, item, "rectification_reported", now.isoformat(), note=item.report)
    return item


@transaction.atomic
def verify_rectification(
    *, rectification_id: int, verified: bool, reason: str, authority: Authority, now: datetime
) -> Rectification:
    """验证: verified closes it; not sufficient returns it to the department with the reason and
    a new due day (the same number of working days from now)."""
    role = _require(authority, P.VERIFY_RECTIFICATION)
    item = _locked_rectification(rectification_id, authority)
    if item.state != RectificationState.REPORTED:
        raise Conflict("not_reported", _("There is no report to verify."))
    heads = _department_heads(item.department)
    if verified:
        item.state, item.verified_by, item.verified_at = (
            RectificationState.VERIFIED,
            authority.user,
            now,
        )
        item.save(update_fields=["state", "verified_by", "verified_at"])
        record_event(
            case=item.case,
            authority=authority,
            action=RECTIFICATION_VERIFIED,
            at=now,
            role=role,
            data={"responsible_department": str(item.department)},
            note=(reason or "").strip(),
        )
        _tell(heads, item, "rectification_verified", "verified")
        return item
    item.return_reason = _text(reason, "reason", _("Say why the rectification is not sufficient."))
    item.state, item.returns = RectificationState.RETURNED, item.returns + 1
    item.due_at, item.warned_at, item.escalated_at = rectification_due(now, item.days), None, None
    item.save(
        update_fields=["return_reason", "state", "returns", "due_at", "warned_at", "escalated_at"]
    )
    record_event(
        case=item.case,
        authority=authority,
        action=RECTIFICATION_RETURNED,
        at=now,
        role=role,
        data={"responsible_department": str(item.department), "due_at": plain(item.due_at)},
        note=item.return_reason,
    )
    _tell(heads, item, "rectification_returned", str(item.returns), note=item.return_reason)
    return item


# --- the overdue sweep --------------------------------------------------------------------------


@dataclass
class RectificationSweep:
    warned: int = 0
    escalated: int = 0


def sweep_rectifications(*, now: datetime) -> RectificationSweep:
    """Warn the department's heads on the due day of an open rectification, and escalate an
    overdue one to its issuer (with a history event), once each. Call it from the deadline
    sweep (`manage.py sweep_deadlines`); it is idempotent and each notice commits alone."""
    result = RectificationSweep()
    end_of_today = datetime.combine(local(now).date(), END_OF_DAY, tzinfo=local(now).tzinfo)
    open_states = [RectificationState.ISSUED, RectificationState.RETURNED]
    due = Rectification.objects.filter(state__in=open_states).filter(
        Q(warned_at__isnull=True, due_at__lte=end_of_today)
        | Q(escalated_at__isnull=True, due_at__lt=now)
    )
    system = None
    for item_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            item = case_then(
                Rectification.objects.select_related("case", "department"),
                item_id,
                skip_locked=True,  # its case is busy: the next sweep comes back to it
            )
            if item is None or not item.is_open:
                continue
            if item.warned_at is None:
                item.warned_at = now
                item.save(update_fields=["warned_at"])
                _tell(
                    _department_heads(item.department), item, "rectification_due", f"{item.returns}"
                )
                result.warned += 1
            if item.escalated_at is None and item.due_at < now:
                system = system or authority_of(system_user(), now=now)
                item.escalated_at = now
                item.save(update_fields=["escalated_at"])
                record_event(
                    case=item.case,
                    authority=system,
                    action=RECTIFICATION_OVERDUE,
                    at=now,
                    data={
                        "responsible_department": str(item.department),
                        "due_at": plain(item.due_at),
                    },
                )
                issuer = User.objects.filter(pk=item.issued_by_id, is_active=True)
                _tell(issuer, item, "rectification_overdue", f"{item.returns}")
                result.escalated += 1
    return result
