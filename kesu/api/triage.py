"""`POST /api/v1/triage`: what Kesu suggests for a complaint being registered — categories
learned from the organisation's own cases, major-complaint cues, sentiment, and the visible cases
that look like the same complaint (the contract of issue 19; docs/api-guide.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from kesu.api.cases import BODY_ERRORS, acting
from kesu.api.schemas import Phone, _limited
from kesu.cases.services import limits
from kesu.core.errors import Forbidden
from kesu.domain.permissions import Permission
from kesu.triage.selectors import suggest

router = Router(tags=["triage"])


class TriageIn(Schema):
    """The facts, and optionally the other registration fields (the same names as
    `POST /cases`); fields triage does not use are ignored, so a client can send the form."""

    model_config = ConfigDict(extra="ignore")

    facts: Annotated[str, Field(min_length=1), _limited("facts")]
    complainant_phone: Phone = ""
    subject_product: Annotated[str, _limited("subject_product")] = ""
    subject_order_number: Annotated[str, _limited("subject_order_number")] = ""
    complainant_count: Annotated[int, Field(ge=1, le=limits.COMPLAINANT_COUNT_MAX)] = 1


class CategoryScore(Schema):
    code: str
    name: str
    score: float


class SeverityOut(Schema):
    suggested: Literal["general", "major"]
    criteria: list[str] = Field(description="Codes of /vocabularies → major_criteria.")


class SentimentOut(Schema):
    label: Literal["negative", "neutral", "positive"]
    score: float = Field(description="-1 (most negative) … 1 (most positive).")


class SimilarOut(Schema):
    number: str
    score: float


class ModelOut(Schema):
    version: int | None = Field(description="null: no model trained yet (cold start).")
    trained_at: datetime | None
    cases: int


class TriageOut(Schema):
    categories: list[CategoryScore]
    severity: SeverityOut
    sentiment: SentimentOut
    similar_cases: list[SimilarOut]
    model: ModelOut


@router.post("/triage", response={200: TriageOut, **BODY_ERRORS}, summary="Triage suggestions")
def triage(request: HttpRequest, payload: TriageIn) -> dict[str, Any]:
    """Suggestions for a complaint: at most 5 categories best first (from the model trained on
    the organisation's cases; before one exists, from the category names and keywords), the
    major-complaint criteria the text points to (to confirm, never applied), the sentiment, and
    at most 5 similar cases the caller may see — including ones registered a moment ago.
    Needs the permission to register cases."""
    authority, now = acting(request)
    if not authority.may(Permission.REGISTER_CASE):
        raise Forbidden("not_allowed", _("Your role cannot register cases."))
    found = suggest(
        authority,
        now=now,
        facts=payload.facts,
        phone=payload.complainant_phone,
        order=payload.subject_order_number,
        complainant_count=payload.complainant_count,
    )
    return {
        "categories": found.categories,
        "severity": found.severity,
        "sentiment": {"label": found.sentiment.label, "score": found.sentiment.score},
        "similar_cases": [
            {"number": s["number"], "score": s["score"]} for s in found.similar_cases
        ],
        "model": found.model,
    }
