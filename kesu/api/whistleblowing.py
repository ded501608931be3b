"""`/api/v1/whistleblowing`: the discipline function's work on reports 举报 (issue 20 part 1).
Everyone else — and a recused officer — gets 404; the president decides extensions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kesu.api.cases import BODY_ERRORS, ERRORS, acting
from kesu.core.errors import NotFound
from kesu.whistleblowing import selectors, services
from kesu.whistleblowing.models import Report

router = Router(tags=["whistleblowing"])


class ReportOut(Schema):
    number: str
    state: str
    anonymous: bool
    reported_department: str | None
    persons_named: str
    received_at: datetime
    resolution_due: datetime | None
    extended: bool
    outcome: str


class MessageOut(Schema):
    at: datetime
    side: str
    notice: str
    body: str


class ReasonIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=services.REASON_MAX)]


class ExtensionReasonIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class TextIn(Schema):
    body: Annotated[str, Field(min_length=1, max_length=services.MESSAGE_MAX)]


class DecisionIn(Schema):
    approve: bool
    note: Annotated[str, Field(max_length=500)] = ""


class PersonIn(Schema):
    username: Annotated[str, Field(min_length=1, max_length=150)]


class IdentityOut(Schema):
    name: str
    phone: str
    email: str
    other: str


class ExtensionOut(Schema):
    id: int
    number: str
    reason: str
    state: str
    requested_at: datetime


def _report(request: HttpRequest, number: str) -> tuple[Any, datetime, Report]:
    authority, now = acting(request)
    report = selectors.get_report(authority, number)
    if report is None:
        raise NotFound("not_found", _("Not found."))
    return authority, now, report


def _out(report: Report) -> dict[str, Any]:
    case = report.case
    return {
        "number": case.number,
        "state": case.state,
        "anonymous": report.anonymous,
        "reported_department": (
            report.reported_department.code if report.reported_department else None
        ),
        "persons_named": report.persons_named,
        "received_at": case.received_at,
        "resolution_due": case.resolution_due,
        "extended": report.extended_at is not None,
        "outcome": report.outcome,
    }


@router.get("/whistleblowing", response={200: list[ReportOut], **ERRORS}, summary="Reports")
def list_reports(request: HttpRequest) -> list[dict[str, Any]]:
    """The reports the discipline officer may handle (recused ones left out)."""
    authority, _now = acting(request)
    return [_out(r) for r in selectors.report_list(authority)[:200]]


@router.get("/whistleblowing/{number}", response={200: ReportOut, **ERRORS}, summary="A report")
def get_report(request: HttpRequest, number: str) -> dict[str, Any]:
    _authority, _now, report = _report(request, number)
    return _out(report)


@router.get(
    "/whistleblowing/{number}/messages",
    response={200: list[MessageOut], **ERRORS},
    summary="The reporter's thread",
)
def messages(request: HttpRequest, number: str) -> list[Any]:
    _authority, _now, report = _report(request, number)
    return list(selectors.thread(report))


@router.post(
    "/whistleblowing/{number}/messages",
    response={201: MessageOut, **BODY_ERRORS},
    summary="Answer the reporter",
)
def reply(request: HttpRequest, number: str, payload: TextIn) -> Status[Any]:
    authority, now, report = _report(request, number)
    return Status(201, services.reply(authority, report.case_id, body=payload.body, now=now))


@router.post(
    "/whistleblowing/{number}/unseal",
    response={200: IdentityOut, **BODY_ERRORS},
    summary="Open the sealed identity (recorded with the reason)",
)
def unseal(request: HttpRequest, number: str, payload: ReasonIn) -> Any:
    authority, now, report = _report(request, number)
    return services.unseal_identity(authority, report.case_id, reason=payload.reason, now=now)


@router.post(
    "/whistleblowing/{number}/accept", response={200: ReportOut, **BODY_ERRORS}, summary="Accept"
)
def accept(request: HttpRequest, number: str) -> dict[str, Any]:
    authority, now, report = _report(request, number)
    services.accept(authority, report.case_id, now=now)
    report.refresh_from_db()
    report.case.refresh_from_db()
    return _out(report)


@router.post(
    "/whistleblowing/{number}/close",
    response={200: ReportOut, **BODY_ERRORS},
    summary="Close with the outcome the reporter is told",
)
def close(request: HttpRequest, number: str, payload: TextIn) -> dict[str, Any]:
    authority, now, report = _report(request, number)
    services.close_report(authority, report.case_id, outcome=payload.body, now=now)
    report.refresh_from_db()
    report.case.refresh_from_db()
    return _out(report)


@router.post(
    "/whistleblowing/{number}/persons",
    response={201: dict[str, str], **BODY_ERRORS},
    summary="Name a staff member the report concerns (recused from it)",
)
def name_person(request: HttpRequest, number: str, payload: PersonIn) -> Status[Any]:
    authority, now, report = _report(request, number)
    services.name_person(authority, report.case_id, username=payload.username, now=now)
    return Status(201, {"username": payload.username})


@router.post(
    "/whistleblowing/{number}/extension",
    response={201: ExtensionOut, **BODY_ERRORS},
    summary="Ask the president for an extension to 60 working days",
)
def ask_extension(request: HttpRequest, number: str, payload: ExtensionReasonIn) -> Status[Any]:
    authority, now, report = _report(request, number)
    asked = services.request_extension(authority, report.case_id, reason=payload.reason, now=now)
    return Status(201, _extension(asked))


def _extension(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "number": item.report.case.number,
        "reason": item.reason,
        "state": item.state,
        "requested_at": item.requested_at,
    }


@router.get(
    "/whistleblowing-extensions",
    response={200: list[ExtensionOut], **ERRORS},
    summary="Extensions waiting for the president",
)
def pending(request: HttpRequest) -> list[dict[str, Any]]:
    authority, _now = acting(request)
    return [_extension(x) for x in selectors.pending_extensions(authority)]


@router.post(
    "/whistleblowing-extensions/{request_id}",
    response={200: ExtensionOut, **BODY_ERRORS},
    summary="Approve or refuse an extension",
)
def decide(request: HttpRequest, request_id: int, payload: DecisionIn) -> dict[str, Any]:
    authority, now = acting(request)
    decided = services.decide_extension(
        authority, request_id, approve=payload.approve, now=now, note=payload.note
    )
    return _extension(decided)
