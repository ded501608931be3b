"""`/api/v1/calendar`, `/api/v1/me` and the reference lists clients need to fill a case."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kesu.api.cases import ERRORS, acting
from kesu.api.presenters import named, person
from kesu.api.schemas import Day, DueDateOut, Me, NamedRef
from kesu.cases import catalogue_selectors as catalogue
from kesu.cases.models import Category
from kesu.cases.services.transitions import CONTACT_METHODS, PAUSE_REASONS
from kesu.core.labels import label
from kesu.deadlines.services import work_calendar
from kesu.domain.deadlines import add_calendar_days, add_working_days
from kesu.domain.presets import Term as PresetTerm
from kesu.domain.presets.terms import HANDLING_METHODS, MAJOR_CRITERIA, RELATIONS
from kesu.domain.vocabulary import CaseKind, Channel, Role, Severity
from kesu.org import selectors as organisation
from kesu.org.models import Department

router = Router(tags=["reference"])


class DueDateQuery(Schema):
    start: Day
    days: Annotated[int, Field(ge=0, le=3660)]
    unit: Literal["working", "calendar"] = "working"


@router.get(
    "/calendar/due-date", response={200: DueDateOut, **ERRORS}, summary="Due-date calculator"
)
def due_date(request: HttpRequest, query: Query[DueDateQuery]) -> dict[str, Any]:
    """`days` working (or calendar) days after `start`, on the stored calendar.

    Working days: the start day does not count. Calendar days: a period ending on a rest day
    ends on the next working day (Civil Code Art. 203). `provisional` is true when the period
    touches a year whose holidays and 调休 days are not yet published.
    """
    calendar = work_calendar(range(query.start.year, query.start.year + 1 + query.days // 200))
    if query.unit == "working":
        result = add_working_days(calendar, query.start, query.days)
        explanation = _("%(days)s working days after %(start)s; the start day does not count.")
    else:
        result = add_calendar_days(calendar, query.start, query.days)
        explanation = _(
            "%(days)s calendar days after %(start)s; a period ending on a rest day ends on the "
            "next working day."
        )
    span = (result.due - query.start).days
    working_in_span = sum(
        1
        for offset in range(1, span + 1)
        if calendar.is_working_day(query.start + timedelta(days=offset))
    )
    return {
        "start": query.start,
        "days": query.days,
        "unit": query.unit,
        "due": result.due,
        "provisional": result.provisional,
        "rest_days_skipped": span - working_in_span,
        "explanation": explanation % {"days": query.days, "start": query.start.isoformat()},
    }


@router.get("/me", response={200: Me, **ERRORS}, summary="Who am I")
def me(request: HttpRequest) -> dict[str, Any]:
    authority, _now = acting(request)
    user = authority.user
    return {
        "username": user.username,
        "name": str(user),
        "role": user.role,
        "roles": [
            {
                "role": grant.role.value,
                "label": str(label(grant.role)),
                "department": named(grant.department),
                "delegated_by": person(grant.lent_by),
                "until": grant.until,
            }
            for grant in authority.grants
        ],
        "department": {"code": user.department.code, "name": user.department.name}
        if user.department
        else None,
        "acting_for": list(
            {g.lent_by.pk: person(g.lent_by) for g in authority.grants if g.lent_by}.values()
        ),
    }


class TreeNodeOut(NamedRef):
    parent: str | None
    depth: int


def _tree(rows: list[tuple[Category, int]] | list[tuple[Department, int]]) -> list[dict[str, Any]]:
    """Nodes of a tree in display order, each with its parent's code and its depth."""
    return [
        {
            "code": node.code,
            "name": node.name,
            "parent": node.parent.code if node.parent else None,
            "depth": depth,
        }
        for node, depth in rows
    ]


@router.get("/categories", response={200: list[TreeNodeOut], **ERRORS}, summary="Category tree")
def categories(request: HttpRequest) -> list[dict[str, Any]]:
    acting(request)
    return _tree(catalogue.category_tree())


@router.get("/decline-reasons", response={200: list[NamedRef], **ERRORS}, summary="Decline reasons")
def decline_reasons(request: HttpRequest) -> list[dict[str, Any]]:
    acting(request)
    return [{"code": r.code, "name": r.name} for r in catalogue.decline_reasons()]


@router.get("/departments", response={200: list[TreeNodeOut], **ERRORS}, summary="Departments")
def departments(request: HttpRequest) -> list[dict[str, Any]]:
    acting(request)
    return _tree(organisation.department_tree())


@router.get("/roles", response={200: list[NamedRef], **ERRORS}, summary="Roles")
def roles(request: HttpRequest) -> list[dict[str, Any]]:
    acting(request)
    return [{"code": role.value, "name": str(label(role))} for role in Role]


class Term(Schema):
    code: str
    name: str


class Vocabularies(Schema):
    kinds: list[Term]
    severities: list[Term]
    channels: list[Term]
    relations: list[Term]
    major_criteria: list[Term]
    handling_methods: list[Term]
    contact_methods: list[str]
    pause_reasons: list[str]


@router.get("/vocabularies", response={200: Vocabularies, **ERRORS}, summary="Coded values")
def vocabularies(request: HttpRequest) -> dict[str, Any]:
    """Every coded value a client may send, with its label in the caller's language."""
    acting(request)
    english = (get_language() or "").startswith("en")

    def terms(items: tuple[PresetTerm, ...]) -> list[dict[str, str]]:
        return [{"code": t.code, "name": t.name_en if english else t.name_zh} for t in items]

    def labelled(enum: type[StrEnum]) -> list[dict[str, str]]:
        return [{"code": member.value, "name": str(label(member))} for member in enum]

    return {
        "kinds": labelled(CaseKind),
        "severities": labelled(Severity),
        "channels": labelled(Channel),
        "relations": terms(RELATIONS),
        "major_criteria": terms(MAJOR_CRITERIA),
        "handling_methods": terms(HANDLING_METHODS),
        "contact_methods": list(CONTACT_METHODS),
        "pause_reasons": list(PAUSE_REASONS),
    }
