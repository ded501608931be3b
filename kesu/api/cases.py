"""`/api/v1/cases`: register, fetch, list, act on and read the history of cases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Header, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kesu.api.errors import CommittedButUnread
from kesu.api.presenters import case_detail, case_summary, event, person
from kesu.api.schemas import (
    CaseIn,
    CaseOut,
    CasePage,
    Day,
    Error,
    EventOut,
    PersonRef,
    ReportReceipt,
    Strict,
    TransitionIn,
)
from kesu.cases import selectors
from kesu.cases.models import AccessRecord, Attachment, Case
from kesu.cases.services.access import record_access, record_personal_view
from kesu.cases.services.attachments import add_attachment
from kesu.cases.services.registration import Registration
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.core import clock
from kesu.core.errors import NotFound
from kesu.domain.responsibility import Share
from kesu.domain.vocabulary import CaseKind, Channel, Severity, State
from kesu.intake.services.arrival import receive
from kesu.org.access import Authority, authority_of
from kesu.whistleblowing.services import Identity, Submission, submit_report

router = Router(tags=["cases"])
#: The error answers every operation may give, in the one error shape: 400 a rule refused the
#: input, 401 no valid token or session, 403 the role may not, 404 not found or not visible, 409
#: the workflow does not allow it now, 422 the input does not match the schema, 503 the database
#: is unavailable for a moment (retry). Operations with a body may also answer 413 (too large).
ERRORS: dict[int, type[Error]] = dict.fromkeys((400, 401, 403, 404, 409, 422, 503), Error)
BODY_ERRORS: dict[int, type[Error]] = ERRORS | {413: Error}


def acting(request: HttpRequest) -> tuple[Authority, Any]:
    now = clock.now()
    return authority_of(request.auth, now=now), now  # type: ignore[attr-defined]


@router.post(
    "",
    response={201: CaseOut | ReportReceipt, 200: CaseOut | ReportReceipt, **BODY_ERRORS},
    summary="Register a case",
)
def create_case(
    request: HttpRequest,
    response: HttpResponse,
    payload: CaseIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=100),
    attach: bool = False,
) -> Status[dict[str, Any]]:
    """Register a complaint (or enquiry, fault report, suggestion, praise) and number it.

    Send an `Idempotency-Key` header to make retries safe: the same key answers with the same
    case (HTTP 200) instead of creating a second one.

    With `?attach=true` (a channel that attaches repeats, like e-mail or an import), a
    complaint from a phone or e-mail with an open case is recorded on that case as 催办 and
    the answer is that case (HTTP 200). The `Kesu-Arrival` header says what happened:
    `registered`, `follow_up` (linked to the caller's recently closed case), `hastened` or
    `repeated`; a new case may also join a batch or group complaint (see `docs/arrival.md`).

    Kind `whistleblowing` registers a report 举报 (see docs/whistleblowing.md): the
    complainant's name, phone and e-mail are sealed (a name of 匿名 or `anonymous` makes it
    anonymous), and the answer is a receipt — the number, the report key and, once, the
    password the reporter follows up with — unless the caller is a discipline officer.
    """
    authority, now = acting(request)
    if payload.kind == CaseKind.WHISTLEBLOWING:
        return _register_report(payload, authority, now, idempotency_key)
    data = Registration(
        **payload.model_dump(exclude={"category", "major_criteria", "follows"}),
        category_code=payload.category,
        major_criteria=tuple(payload.major_criteria),
        follows_number=payload.follows,
    )
    arrival = receive(
        data, authority=authority, now=now, idempotency_key=idempotency_key,
        attach_repeats=attach,
    )  # fmt: skip
    case, created = arrival.case, arrival.created
    response["Kesu-Arrival"] = arrival.outcome.value
    try:
        shown = (
            selectors.just_registered(authority, case)
            if created
            else selectors.get_case(authority, case.number)
        )
        body = _detail(shown, authority, now)
    except (OperationalError, InterfaceError) as error:
        # Committed already: tell the client which case it is, so it does not register it again.
        raise CommittedButUnread(case.number) from error
    return Status(201 if created else 200, body)


ANONYMOUS_NAMES = frozenset({"匿名", "anonymous", "匿名举报人"})


def _register_report(
    payload: CaseIn, authority: Authority, now: datetime, idempotency_key: str | None
) -> Status[dict[str, Any]]:
    name = payload.complainant_name.strip()
    identity = (
        None
        if name.lower() in ANONYMOUS_NAMES
        else Identity(name=name, phone=payload.complainant_phone, email=payload.complainant_email)
    )
    receipt = submit_report(
        Submission(
            facts=payload.facts,
            identity=identity,
            channel=payload.channel,
            received_at=payload.received_at,
        ),
        now=now,
        authority=authority,
        idempotency_key=idempotency_key,
    )
    visible = selectors.visible_cases(authority).filter(pk=receipt.case.pk).exists()
    if visible:
        body = _detail(selectors.get_case(authority, receipt.case.number), authority, now)
    else:
        body = {
            "number": receipt.case.number,
            "kind": CaseKind.WHISTLEBLOWING,
            "key": receipt.key,
            "password": receipt.password,
        }
    return Status(201 if receipt.created else 200, body)


def _detail(case: Case, authority: Authority, now: datetime) -> dict[str, Any]:
    """The case as the API shows it, with the closed case it follows up (R-06), if any."""
    followed = selectors.followed_case(case, authority)  # None: one it may not see
    return case_detail(case, authority, now) | {
        "follows": followed.number if followed else None,
        "follow_reason": case.follow_reason,
    }


class CaseQuery(Schema):
    state: list[State] = []
    department: str = ""
    handler: str = ""
    category: str = ""
    severity: Severity | None = None
    kind: CaseKind | None = None
    channel: Channel | None = None
    overdue: bool | None = None
    received_from: Day | None = None
    received_to: Day | None = None
    q: str = ""
    sort: selectors.QueueSort = selectors.QueueSort.NEWEST
    cursor: str | None = None
    limit: int = 50


class CaseSearch(Strict):
    """The list's filters as a JSON body (`POST /cases/search`), so a phone number searched
    for is in no request line, proxy or server log (issue 20)."""

    state: list[State] = []
    department: str = ""
    handler: str = ""
    category: str = ""
    severity: Severity | None = None
    kind: CaseKind | None = None
    channel: Channel | None = None
    overdue: bool | None = None
    received_from: Day | None = None
    received_to: Day | None = None
    q: str = ""
    sort: selectors.QueueSort = selectors.QueueSort.NEWEST
    cursor: str | None = None
    limit: int = 50


@router.get("", response={200: CasePage, **ERRORS}, summary="List cases")
def list_cases(request: HttpRequest, filters: Query[CaseQuery]) -> dict[str, Any]:
    """Cases the caller may see, newest received first (or in `sort` order: `oldest`, `due` —
    next running deadline first, cases without one last — or `severity`), keyset-paginated by
    `next_cursor`, which belongs to the sort it was made in. To search by phone number, use
    `POST /cases/search`: a query string ends up in server logs."""
    return _list(request, filters)


@router.post("/search", response={200: CasePage, **BODY_ERRORS}, summary="Search cases")
def search_cases(request: HttpRequest, filters: CaseSearch) -> dict[str, Any]:
    """The same as `GET /cases`, with the filters in a JSON body: a phone number searched for
    stays out of request lines and logs. Answers the same page shape; `next_cursor` goes into
    the next body."""
    return _list(request, filters)


def _list(request: HttpRequest, filters: CaseQuery | CaseSearch) -> dict[str, Any]:
    authority, now = acting(request)
    page = selectors.list_cases(
        authority,
        selectors.CaseFilters(
            states=filters.state,
            department=filters.department,
            handler=filters.handler[:150],
            category=filters.category,
            severity=filters.severity or "",
            kind=filters.kind or "",
            channel=filters.channel or "",
            overdue=filters.overdue,
            received_from=filters.received_from,
            received_to=filters.received_to,
            text=filters.q[:100],
        ),
        now=now,
        cursor=filters.cursor,
        limit=filters.limit,
        sort=filters.sort,
    )
    return {
        "items": [case_summary(case, authority, now) for case in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get("/{number}", response={200: CaseOut, **ERRORS}, summary="Fetch a case")
def get_case(request: HttpRequest, number: str) -> dict[str, Any]:
    """The whole case, with `allowed_actions`: what the caller may do with it now."""
    authority, now = acting(request)
    case = selectors.get_case(authority, number)
    record_personal_view(authority, case, now=now)  # unmasked for the roles that call customers
    return _detail(case, authority, now)


@router.post(
    "/{number}/transitions", response={200: CaseOut, **BODY_ERRORS}, summary="Act on a case"
)
def transition(request: HttpRequest, number: str, payload: TransitionIn) -> dict[str, Any]:
    """Take one action; 409 when the workflow does not allow it for the caller now."""
    authority, now = acting(request)
    case = selectors.get_case(authority, number)
    fields = payload.model_dump(exclude={"action", "responsibility"})
    shares = tuple(
        Share(kind=item.kind, percent=item.percent, name=item.name)
        for item in payload.responsibility
    )
    data = TransitionInput(**fields, shares=shares)
    perform_transition(
        case_id=case.pk, authority=authority, action=payload.action, data=data, now=now
    )
    return case_detail(selectors.get_case(authority, number), authority, now)


@router.get("/{number}/events", response={200: list[EventOut], **ERRORS}, summary="Case history")
def events(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Every step on the record, oldest first: who, when, what, before/after."""
    authority, _now = acting(request)
    case = selectors.get_case(authority, number)
    return [event(item) for item in selectors.case_events(case)]


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: PersonRef


def attachment_out(item: Attachment) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.original_name,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "uploaded_at": item.uploaded_at,
        "uploaded_by": person(item.uploaded_by),
    }


@router.post(
    "/{number}/attachments",
    response={201: AttachmentOut, **BODY_ERRORS},
    summary="Attach evidence",
)
def attach(request: HttpRequest, number: str, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    """Upload one evidence file (photo, PDF, recording, document; size limit 20 MB by default).
    The same file twice on one case is stored once."""
    authority, now = acting(request)
    case = selectors.get_case(authority, number)
    item = add_attachment(case_id=case.pk, upload=file, authority=authority, now=now)
    return Status(201, attachment_out(item))


@router.get(
    "/{number}/attachments", response={200: list[AttachmentOut], **ERRORS}, summary="Evidence list"
)
def attachments(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    authority, _now = acting(request)
    case = selectors.get_case(authority, number)
    return [attachment_out(item) for item in selectors.case_attachments(case)]


@router.get(
    "/{number}/attachments/{attachment_id}",
    response=ERRORS,
    summary="Download evidence",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, with the Content-Type it was uploaded as.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    """The stored file, as an attachment download (never rendered inline by the browser)."""
    authority, now = acting(request)
    case = selectors.get_case(authority, number)
    item = selectors.case_attachments(case).filter(pk=attachment_id).first()
    if item is None:
        raise NotFound("not_found", _("Attachment not found."))
    record_access(authority, case, AccessRecord.DOWNLOAD, now=now, detail=item.original_name)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name,
        content_type=item.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response
