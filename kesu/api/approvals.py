"""`/api/v1/approval-route`: who approves an action of a given amount under the approval matrix
in force (R-12), and the rule that says so."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kesu.api.cases import ERRORS, acting
from kesu.api.schemas import Money
from kesu.approvals.selectors import approval_route
from kesu.core.errors import NotFound
from kesu.core.labels import label
from kesu.domain.approvals import ApprovalAction

router = Router(tags=["approvals"])

Share = Annotated[
    Decimal,
    Field(ge=0, le=1, max_digits=5, decimal_places=4, description="0..1, e.g. 0.7 for 70 %"),
]


class RouteQuery(Schema):
    action: ApprovalAction
    amount: Money | None = None
    premium_share: Share | None = None
    subject_is_manager: bool = False


class RouteOut(Schema):
    approver_role: str = Field(description="A role code of GET /api/v1/roles.")
    approver_name: str
    rule: str = Field(description="The rule that matched, in words (the caller's language).")
    rule_id: int


@router.get(
    "/approval-route",
    response={200: RouteOut, **ERRORS},
    summary="Who approves (approval matrix)",
)
def approval_route_view(request: HttpRequest, query: Query[RouteQuery]) -> dict[str, Any]:
    """The approver role the approval matrix in force names for `action` with `amount` (yuan)
    and `premium_share` (for `surrender`: the surrender total over total premiums; a missing
    share counts as above every threshold), with the rule that matched. 404 `no_rule` when no
    table is in force or no rule matches (then any approver approves)."""
    acting(request)
    found = approval_route(
        query.action.value,
        amount=query.amount,
        premium_share=query.premium_share,
        subject_is_manager=query.subject_is_manager,
    )
    if found is None:
        raise NotFound("no_rule", _("No rule of the approval matrix in force matches."))
    return {
        "approver_role": found.approver_role.value,
        "approver_name": str(label(found.approver_role)),
        "rule": found.rule,
        "rule_id": found.rule_id,
    }
