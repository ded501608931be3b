"""`/api/v1/notifications`: the caller's in-app notifications (list, unread count, mark read)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kesu.api.cases import ERRORS
from kesu.core import clock
from kesu.core.errors import NotFound
from kesu.notify.models import Notification
from kesu.notify.services import inbox, mark_read, read_one, unread_count
from kesu.org.models import User

router = Router(tags=["notifications"])
MAX_PAGE = 100
MAX_ID = 2**63 - 1  # larger ids cannot exist (and would overflow a PostgreSQL bigint)


class NotificationOut(Schema):
    id: int
    template: str
    subject: str
    body: str
    case_number: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: int | None


class UnreadCount(Schema):
    unread: int


class Marked(Schema):
    marked: int
    unread: int


class NotificationQuery(Schema):
    unread: bool | None = None
    kind: str | None = None
    cursor: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None
    limit: int = 50


def notification_out(item: Notification, case_number: str | None) -> dict[str, Any]:
    return {
        "id": item.pk,
        "template": item.template,
        "subject": item.subject,
        "body": item.body,
        "case_number": case_number,
        "created_at": item.created_at,
        "read_at": item.read_at,
    }


def _caller(request: HttpRequest) -> tuple[User, datetime]:
    """The caller and the time. An inbox is one's own whatever roles one holds, so no
    authority (roles, delegations) is read."""
    return request.auth, clock.now()  # type: ignore[attr-defined]


@router.get("", response={200: NotificationPage, **ERRORS}, summary="My notifications")
def list_notifications(request: HttpRequest, filters: Query[NotificationQuery]) -> dict[str, Any]:
    """The caller's in-app notifications, newest first, `limit` (at most 100) at a time;
    `unread=true` for unread ones only, `kind` for one kind (assigned, deadlines, escalations,
    hastened, plans, return_visits); pass `next_cursor` as `cursor` for the next page."""
    caller, _now = _caller(request)
    limit = max(1, min(filters.limit, MAX_PAGE))
    rows = inbox(caller, unread=filters.unread, kind=filters.kind)
    rows = rows.annotate(case_number=F("case__number"))
    if filters.cursor is not None:
        rows = rows.filter(pk__lt=filters.cursor)
    page = list(rows[: limit + 1])
    items = page[:limit]
    return {
        "items": [notification_out(item, item.case_number) for item in items],
        "next_cursor": items[-1].pk if len(page) > limit else None,
    }


@router.get("/unread-count", response={200: UnreadCount, **ERRORS}, summary="Unread count")
def get_unread_count(request: HttpRequest) -> dict[str, int]:
    caller, _now = _caller(request)
    return {"unread": unread_count(caller)}


@router.post("/read-all", response={200: Marked, **ERRORS}, summary="Mark all read")
def read_all(request: HttpRequest, kind: str | None = None) -> dict[str, int]:
    """Mark every unread notification read, or only those of `kind`."""
    caller, now = _caller(request)
    marked = mark_read(caller, "all", now=now, kind=kind)
    return {"marked": marked, "unread": unread_count(caller)}


@router.post(
    "/{notification_id}/read", response={200: NotificationOut, **ERRORS}, summary="Mark read"
)
def read(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    """Mark one notification read (again is harmless); someone else's answers 404."""
    caller, now = _caller(request)
    if not 1 <= notification_id <= MAX_ID:
        raise NotFound("not_found", _("Notification not found."))
    item = read_one(caller, notification_id, now=now)
    return notification_out(item, item.case.number if item.case else None)
