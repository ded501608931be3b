"""`/api/v1/archives`: archive numbers, 查阅档案 requests → approval → time-limited reading →
expiry, and destruction with the general manager's approval (issue 20 part 2)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kesu.api.cases import BODY_ERRORS, ERRORS, acting
from kesu.archives import selectors, services
from kesu.archives.models import AccessRequest, Archive, Destruction
from kesu.core.errors import NotFound

router = Router(tags=["archives"])


class ArchiveOut(Schema):
    number: str
    case: str
    archived_at: datetime
    confidential: bool
    destroyed: bool
    readable_until: datetime | None = Field(
        description="The end of your running approved reading, if any."
    )


class RequestIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=services.REASON_MAX)]
    days: Annotated[int, Field(ge=1, le=settings.KESU_ARCHIVE_ACCESS_MAX_DAYS)]


class RequestOut(Schema):
    id: int
    archive: str
    case: str
    requester: str
    reason: str
    days: int
    state: str
    requested_at: datetime
    decided_by: str | None
    expires_at: datetime | None


class DecisionIn(Schema):
    approve: bool
    note: Annotated[str, Field(max_length=services.REASON_MAX)] = ""


class ReasonIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=services.REASON_MAX)]


class DestructionOut(Schema):
    id: int
    archive: str
    reason: str
    state: str


class RequestLists(Schema):
    mine: list[RequestOut]
    waiting: list[RequestOut]


def _archive(item: Archive, grant: AccessRequest | None) -> dict[str, Any]:
    return {
        "number": item.number,
        "case": item.case.number,
        "archived_at": item.archived_at,
        "confidential": item.confidential,
        "destroyed": item.destroyed_at is not None,
        "readable_until": grant.expires_at if grant else None,
    }


def _request(item: AccessRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "archive": item.archive.number,
        "case": item.archive.case.number,
        "requester": item.requester.username,
        "reason": item.reason,
        "days": item.days,
        "state": item.state,
        "requested_at": item.requested_at,
        "decided_by": item.decided_by.username if item.decided_by else None,
        "expires_at": item.expires_at,
    }


def _destruction(item: Destruction) -> dict[str, Any]:
    return {
        "id": item.pk,
        "archive": item.archive.number,
        "reason": item.reason,
        "state": item.state,
    }


@router.get("/archives", response={200: list[ArchiveOut], **ERRORS}, summary="Archives")
def list_archives(request: HttpRequest) -> list[dict[str, Any]]:
    authority, now = acting(request)
    return [
        _archive(a, selectors.running_grant(authority, a, now))
        for a in selectors.archives(authority)[: selectors.LIMIT]
    ]


@router.get("/archives/{number}", response={200: ArchiveOut, **ERRORS}, summary="An archive")
def get_archive(request: HttpRequest, number: str) -> dict[str, Any]:
    authority, now = acting(request)
    found = selectors.get_archive(authority, number)
    if found is None:
        raise NotFound("not_found", _("Not found."))
    return _archive(found, selectors.running_grant(authority, found, now))


@router.post(
    "/archives/{number}/requests",
    response={201: RequestOut, **BODY_ERRORS},
    summary="Ask to read a confidential archive (查阅档案审批表)",
)
def ask(request: HttpRequest, number: str, payload: RequestIn) -> Status[dict[str, Any]]:
    authority, now = acting(request)
    made = services.request_access(
        authority, number, reason=payload.reason, days=payload.days, now=now
    )
    return Status(201, _request(made))


@router.get(
    "/archive-requests",
    response={200: RequestLists, **ERRORS},
    summary="Your requests, and those waiting for your approval",
)
def requests(request: HttpRequest) -> dict[str, Any]:
    authority, _now = acting(request)
    return {
        "mine": [_request(r) for r in selectors.my_requests(authority)[: selectors.LIMIT]],
        "waiting": [_request(r) for r in selectors.waiting_for(authority)],
    }


@router.post(
    "/archive-requests/{request_id}",
    response={200: RequestOut, **BODY_ERRORS},
    summary="Approve or refuse a reading",
)
def decide(request: HttpRequest, request_id: int, payload: DecisionIn) -> dict[str, Any]:
    authority, now = acting(request)
    decided = services.decide_access(
        authority, request_id, approve=payload.approve, now=now, note=payload.note
    )
    return _request(decided)


@router.post(
    "/archives/{number}/confidential",
    response={200: ArchiveOut, **BODY_ERRORS},
    summary="Make an archive confidential",
)
def confidential(request: HttpRequest, number: str) -> dict[str, Any]:
    authority, now = acting(request)
    marked = services.mark_confidential(authority, number, now=now)
    return _archive(marked, None)


@router.post(
    "/archives/{number}/destruction",
    response={201: DestructionOut, **BODY_ERRORS},
    summary="Ask to destroy an archive (the general manager approves)",
)
def ask_destruction(request: HttpRequest, number: str, payload: ReasonIn) -> Status[dict[str, Any]]:
    authority, now = acting(request)
    made = services.request_destruction(authority, number, reason=payload.reason, now=now)
    return Status(201, _destruction(made))


@router.post(
    "/archive-destructions/{destruction_id}",
    response={200: DestructionOut, **BODY_ERRORS},
    summary="Approve or refuse a destruction",
)
def decide_destruction(
    request: HttpRequest, destruction_id: int, payload: DecisionIn
) -> dict[str, Any]:
    authority, now = acting(request)
    decided = services.decide_destruction(
        authority, destruction_id, approve=payload.approve, now=now
    )
    return _destruction(decided)
