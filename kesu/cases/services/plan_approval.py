"""Who must approve a submitted plan (approval matrix R-12, `kesu.approvals`). On submission the
table in force names a role and the rule that matched; when nobody holding that role is present
(away with no delegate, or only the plan's author), the approval climbs to the next level and
the history records the step. With no table in force, any approver may approve (the behaviour
before R-12), so organisations that load no matrix see no change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from kesu.approvals.selectors import approval_route, covering_role
from kesu.cases.models import Case
from kesu.cases.services.events import record_event
from kesu.core.errors import ServiceError
from kesu.domain.approvals import ApprovalAction
from kesu.domain.vocabulary import Role
from kesu.org.access import Authority

ONE = Decimal("1")
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class PlanApprovalInput:
    """What the plan asks approval for: an approval-matrix action ("" = "plan"), the share of
    premiums (surrender total over total premiums, 0..1) and whether the subject is a manager."""

    action: str = ""
    premium_share: Decimal | None = None
    subject_is_manager: bool = False


def _checked(data: PlanApprovalInput) -> tuple[ApprovalAction, Decimal | None]:
    try:
        action = ApprovalAction(data.action or ApprovalAction.PLAN)
    except ValueError:
        raise ServiceError(
            "unknown_approval_action",
            _("Unknown approval action."),
            field="approval_action",
        ) from None
    share = data.premium_share
    if share is not None and not (0 <= share <= ONE):
        raise ServiceError(
            "bad_premium_share",
            _("The share of premiums lies between 0 and 1 (e.g. 0.7 for 70 %)."),
            field="premium_share",
        )
    return action, None if share is None else share.quantize(SHARE_PLACES)


def route_plan(case: Case, *, data: PlanApprovalInput, authority: Authority, now: datetime) -> None:
    """Set on `case` (locked, being submitted) the role that must approve its plan and the rule
    that said so; record an escalation step when the named role has nobody present."""
    action, share = _checked(data)
    case.plan_approval_action = action.value
    case.plan_premium_share = share
    found = approval_route(
        action.value,
        amount=case.plan_amount,
        premium_share=share,
        subject_is_manager=data.subject_is_manager,
    )
    if found is None:
        case.plan_approver_role = ""
        case.plan_approval_rule_id = None
        case.plan_approval_rule_zh = case.plan_approval_rule_en = ""
        return
    role, skipped = covering_role(found.approver_role, now=now, exclude_user_id=authority.user.pk)
    case.plan_approver_role = role.value
    case.plan_approval_rule_id = found.rule_id
    case.plan_approval_rule_zh = found.rule_zh[:400]
    case.plan_approval_rule_en = found.rule_en[:400]
    if skipped:
        record_event(
            case=case,
            authority=authority,
            action="approval_escalated",
            at=now,
            data={
                "named": found.approver_role.value,
                "skipped": [r.value for r in skipped],
                "approver": role.value,
                "rule": found.rule_en,
            },
            note=_(
                "Nobody holding the named approver role is present: passed up to the next level."
            ),
        )


def approver_of(case: Case) -> Role | None:
    """The role that must approve the case's plan, or None for any approver."""
    return Role(case.plan_approver_role) if case.plan_approver_role else None


def rule_words(case: Case) -> str:
    """The matched rule in the active language ("" when any approver may approve)."""
    english = (translation.get_language() or "").startswith("en")
    return case.plan_approval_rule_en if english else case.plan_approval_rule_zh
