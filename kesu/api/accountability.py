"""`/api/v1` accountability 责任追究 and rectification 整改 (R-23): the penalty catalogue, findings
with their penalties (SEE_ACCOUNTABILITY only), rectifications (also the responsible
department's heads) and repeat offences. Every write goes through
`kesu.decisions.services.accountability`.

Answers: 400 a rule refused the input (amount outside the tier's range, no such person), 401 not
authenticated, 403 the role may not (a role without SEE_ACCOUNTABILITY asking for penalties; a
penalty decided by another role), 404 not found or not visible, 409 not possible now (decided
already, notice issued already, no report to verify), 422 the body does not match the schema,
503 the database is unavailable for a moment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from kesu.api.cases import BODY_ERRORS, ERRORS, acting
from kesu.api.schemas import Error
from kesu.cases import selectors as case_selectors
from kesu.decisions import accountability_selectors as selectors
from kesu.decisions.models import Finding, PenaltyTier, Rectification
from kesu.decisions.services import accountability as services

router = Router(tags=["accountability"])
RowId = Annotated[int, Path(ge=1, le=9_007_199_254_740_991)]
LongText = Annotated[str, Field(max_length=4000)]
Fine = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]
_ = Error


class TierOut(Schema):
    id: int
    code: str
    name_zh: str
    name_en: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    performance_points: int | None
    forfeits_performance_pay: bool
    company_notice: bool
    sanction: str
    legal_referral: bool
    circumstances: str
    source: str
    rectification_days: int


class FindingIn(Schema):
    department: Annotated[int, Field(ge=1, le=9_007_199_254_740_991)]
    person: Annotated[int | None, Field(ge=1, le=9_007_199_254_740_991)] = None
    person_name: Annotated[str, Field(max_length=60)] = ""
    subject_is_manager: bool = False
    grounds: Annotated[str, Field(min_length=1, max_length=4000)]
    evidence: Annotated[
        list[Annotated[int, Field(ge=1, le=9_007_199_254_740_991)]], Field(max_length=50)
    ] = []
    tier: Annotated[int, Field(ge=1, le=9_007_199_254_740_991)]
    amount: Fine | None = None


class FindingOut(Schema):
    id: int
    case: str
    department: str
    person: str
    subject_is_manager: bool
    grounds: str
    evidence: list[str]
    tier: str
    amount: Decimal | None
    state: str
    approver_role: str
    proposed_by: str
    proposed_at: str
    decided_by: str | None
    decided_at: str | None
    decision_note: str
    rectification: int | None


class DecisionIn(Schema):
    decision: Literal["approve", "reject"]
    note: LongText = ""


class IssueIn(Schema):
    requirement: Annotated[str, Field(min_length=1, max_length=4000)]
    days: Annotated[int | None, Field(ge=1, le=services.MAX_RECTIFICATION_DAYS)] = None


class ReportIn(Schema):
    report: Annotated[str, Field(min_length=1, max_length=4000)]
    evidence: LongText = ""


class VerificationIn(Schema):
    outcome: Literal["verified", "returned"]
    reason: LongText = ""


class RectificationOut(Schema):
    id: int
    case: str
    department: str
    requirement: str
    days: int
    state: str
    issued_by: str
    issued_at: str
    due_at: str
    report: str
    report_evidence: str
    returns: int
    return_reason: str
    reported_at: str | None
    verified_at: str | None


class OffenceRow(Schema):
    name: str
    department: str
    count: int


class OffencesOut(Schema):
    start: str
    end: str
    people: list[OffenceRow]
    departments: list[OffenceRow]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _finding(item: Finding) -> dict[str, Any]:
    rectification = getattr(item, "rectification", None)
    return {
        "id": item.pk,
        "case": item.case.number,
        "department": str(item.department),
        "person": item.subject,
        "subject_is_manager": item.subject_is_manager,
        "grounds": item.grounds,
        "evidence": [a.original_name for a in item.evidence.all()],
        "tier": item.tier.code,
        "amount": item.amount,
        "state": item.state,
        "approver_role": item.approver_role,
        "proposed_by": str(item.proposed_by),
        "proposed_at": _iso(item.proposed_at),
        "decided_by": str(item.decided_by) if item.decided_by_id else None,
        "decided_at": _iso(item.decided_at),
        "decision_note": item.decision_note,
        "rectification": rectification.pk if rectification is not None else None,
    }


def _rectification(item: Rectification) -> dict[str, Any]:
    return {
        "id": item.pk,
        "case": item.case.number,
        "department": str(item.department),
        "requirement": item.requirement,
        "days": item.days,
        "state": item.state,
        "issued_by": str(item.issued_by),
        "issued_at": _iso(item.issued_at),
        "due_at": _iso(item.due_at),
        "report": item.report,
        "report_evidence": item.report_evidence,
        "returns": item.returns,
        "return_reason": item.return_reason,
        "reported_at": _iso(item.reported_at),
        "verified_at": _iso(item.verified_at),
    }


def _tier(tier: PenaltyTier) -> dict[str, Any]:
    return {field: getattr(tier, field) for field in TierOut.model_fields if field != "id"} | {
        "id": tier.pk
    }


@router.get("/penalty-tiers", response={200: list[TierOut], **ERRORS}, summary="Penalty catalogue")
def penalty_tiers(request: HttpRequest) -> list[dict[str, Any]]:
    """The active penalty tiers (seed 002), for the roles that see penalties."""
    authority, _now = acting(request)
    selectors.finding_access(authority)
    return [_tier(t) for t in selectors.penalty_tiers()]


@router.get(
    "/cases/{number}/findings",
    response={200: list[FindingOut], **ERRORS},
    summary="Accountability findings of a case",
)
def case_findings(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    authority, _now = acting(request)
    case = case_selectors.get_case(authority, number)
    return [_finding(f) for f in selectors.case_findings(authority, case)]


@router.post(
    "/cases/{number}/findings",
    response={201: FindingOut, **BODY_ERRORS},
    summary="Record an accountability finding",
)
def create_finding(request: HttpRequest, number: str, payload: FindingIn) -> Status[dict[str, Any]]:
    """责任认定 with the proposed penalty; the approver is routed (see `approver_role`)."""
    authority, now = acting(request)
    case = case_selectors.get_case(authority, number)
    selectors.finding_access(authority)
    made = services.record_finding(
        case=case,
        data=services.FindingInput(
            department_id=payload.department,
            grounds=payload.grounds,
            tier_id=payload.tier,
            person_id=payload.person,
            person_name=payload.person_name,
            subject_is_manager=payload.subject_is_manager,
            amount=payload.amount,
            evidence_ids=tuple(payload.evidence),
        ),
        authority=authority,
        now=now,
    )
    return Status(201, _finding(selectors.finding(authority, made.pk)))


@router.post(
    "/findings/{finding_id}/decision",
    response={200: FindingOut, **BODY_ERRORS},
    summary="Decide a proposed penalty",
)
def decide(request: HttpRequest, finding_id: RowId, payload: DecisionIn) -> dict[str, Any]:
    authority, now = acting(request)
    services.decide_penalty(
        finding_id=finding_id,
        approve=payload.decision == "approve",
        note=payload.note,
        authority=authority,
        now=now,
    )
    return _finding(selectors.finding(authority, finding_id))


@router.post(
    "/findings/{finding_id}/rectification",
    response={201: RectificationOut, **BODY_ERRORS},
    summary="Issue a rectification notice",
)
def issue(request: HttpRequest, finding_id: RowId, payload: IssueIn) -> Status[dict[str, Any]]:
    authority, now = acting(request)
    made = services.issue_rectification(
        finding_id=finding_id,
        requirement=payload.requirement,
        days=payload.days,
        authority=authority,
        now=now,
    )
    return Status(201, _rectification(selectors.rectification(authority, made.pk)))


@router.get(
    "/rectifications", response={200: list[RectificationOut], **ERRORS}, summary="Rectifications"
)
def rectifications(request: HttpRequest) -> list[dict[str, Any]]:
    """The rectifications the caller may read, soonest due first (at most 50)."""
    authority, _now = acting(request)
    rows = selectors.rectifications_for(authority)[: selectors.PAGE_SIZE]
    return [_rectification(r) for r in rows]


@router.get(
    "/rectifications/{rectification_id}",
    response={200: RectificationOut, **ERRORS},
    summary="One rectification",
)
def rectification(request: HttpRequest, rectification_id: RowId) -> dict[str, Any]:
    authority, _now = acting(request)
    return _rectification(selectors.rectification(authority, rectification_id))


@router.post(
    "/rectifications/{rectification_id}/report",
    response={200: RectificationOut, **BODY_ERRORS},
    summary="Submit the report",
)
def report(request: HttpRequest, rectification_id: RowId, payload: ReportIn) -> dict[str, Any]:
    authority, now = acting(request)
    services.report_rectification(
        rectification_id=rectification_id,
        report=payload.report,
        evidence=payload.evidence,
        authority=authority,
        now=now,
    )
    return _rectification(selectors.rectification(authority, rectification_id))


@router.post(
    "/rectifications/{rectification_id}/verification",
    response={200: RectificationOut, **BODY_ERRORS},
    summary="Verify or return",
)
def verification(
    request: HttpRequest, rectification_id: RowId, payload: VerificationIn
) -> dict[str, Any]:
    authority, now = acting(request)
    services.verify_rectification(
        rectification_id=rectification_id,
        verified=payload.outcome == "verified",
        reason=payload.reason,
        authority=authority,
        now=now,
    )
    return _rectification(selectors.rectification(authority, rectification_id))


class OffenceQuery(Schema):
    days: Annotated[int, Field(ge=1, le=3660)] = 365


@router.get("/repeat-offences", response={200: OffencesOut, **ERRORS}, summary="Repeat offences")
def repeat_offences(request: HttpRequest, query: Query[OffenceQuery]) -> dict[str, Any]:
    """Upheld findings per person and per department in the last `days` days."""
    authority, now = acting(request)
    found = selectors.repeat_offences(authority, start=now - timedelta(days=query.days), end=now)
    return {
        "start": found.start.isoformat(),
        "end": found.end.isoformat(),
        "people": [
            {"name": r["person"], "department": r["department"], "count": r["count"]}
            for r in found.people
        ],
        "departments": [
            {"name": r["department"], "department": r["department"], "count": r["count"]}
            for r in found.departments
        ],
    }
