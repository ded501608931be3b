"""`/api/v1/access-log`: who read a case's personal data, when, what and why (issue 20 part 3).
For the discipline officer and the administrator only (`SEE_ACCESS_LOG`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kesu.api.cases import ERRORS
from kesu.api.presenters import person
from kesu.api.schemas import PersonRef
from kesu.cases import audit_selectors
from kesu.core import clock
from kesu.core.errors import Forbidden
from kesu.domain.permissions import Permission
from kesu.org.access import authority_of

router = Router(tags=["audit"])


class AccessRecordOut(Schema):
    case: str
    who: PersonRef
    what: str
    detail: str
    when: datetime
    why: str


class AccessLogQuery(Schema):
    case: Annotated[str, Field(min_length=1, max_length=40)]
    actor: Annotated[str, Field(max_length=150)] = ""
    limit: Annotated[int, Field(ge=1, le=audit_selectors.LIMIT)] = audit_selectors.LIMIT


@router.get(
    "/access-log", response={200: list[AccessRecordOut], **ERRORS}, summary="Personal-data reads"
)
def access_log(request: HttpRequest, filters: Query[AccessLogQuery]) -> list[dict[str, Any]]:
    """Every recorded read of the case's personal data (opening it unmasked, downloading or
    previewing evidence, printing), newest first: who, what, when, why. Discipline officer and
    administrator only (403 for other roles, 404 for an unknown case number)."""
    authority = authority_of(request.auth, now=clock.now())  # type: ignore[attr-defined]
    if not authority.may(Permission.SEE_ACCESS_LOG):
        raise Forbidden(
            "not_allowed",
            _("Only the discipline officer and the administrator read the access log."),
        )
    return [
        {
            "case": record.case.number,
            "who": person(record.actor),
            "what": record.what,
            "detail": record.detail,
            "when": record.at,
            "why": record.why,
        }
        for record in audit_selectors.access_log(
            filters.case, actor=filters.actor, limit=filters.limit
        )
    ]
