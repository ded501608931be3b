"""Reads of the approval matrix: the table in force, who approves a request, which approver
roles have somebody present right now (for escalation), and the absences the settings page
lists. Every page, the API and the case services ask these; none of them queries the tables
itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import translation

from kesu.approvals.models import Absence, ApprovalRuleRow
from kesu.domain.approvals import (
    ApprovalAction,
    ApprovalRequest,
    escalation_chain,
    first_present,
    route,
)
from kesu.domain.vocabulary import Role
from kesu.org.access import holding
from kesu.org.models import Delegation, User, UserRole
from kesu.org.services import SYSTEM_USERNAME


@dataclass(frozen=True)
class ApprovalRoute:
    """Who must approve and why: the role, the matched rule in words (the active language),
    and the rule's id in the table in force."""

    approver_role: Role
    rule: str
    rule_id: int
    rule_zh: str = ""
    rule_en: str = ""


def rules_in_force() -> list[ApprovalRuleRow]:
    """The table in force in order of precedence (one query)."""
    return list(ApprovalRuleRow.objects.order_by("position", "pk"))


def matrix_in_force() -> bool:
    """Whether any approval rule is in force (one query)."""
    return ApprovalRuleRow.objects.exists()


def presets_in_force() -> list[str]:
    """The preset keys the table's rules came from, in precedence order (one query)."""
    seen: list[str] = []
    for key in ApprovalRuleRow.objects.order_by("position", "pk").values_list("preset", flat=True):
        if key and key not in seen:
            seen.append(key)
    return seen


def approval_route(
    action: str,
    *,
    amount: Decimal | None = None,
    premium_share: Decimal | None = None,
    subject_is_manager: bool = False,
) -> ApprovalRoute | None:
    """The approver the table in force names for `action`, or None with no table, an unknown
    action, or no matching rule (the caller then keeps today's behaviour: any approver)."""
    try:
        code = ApprovalAction(action)
    except ValueError:
        return None
    rows = rules_in_force()
    request = ApprovalRequest(code, amount, premium_share, subject_is_manager)
    found = route([row.as_rule() for row in rows], request)
    if found is None:
        return None
    row = next(r for r in rows if r.key == found.rule.key)
    zh = (translation.get_language() or "zh-hans").startswith("zh")
    return ApprovalRoute(
        approver_role=found.approver,
        rule=found.words_zh if zh else found.words_en,
        rule_id=row.pk,
        rule_zh=found.words_zh,
        rule_en=found.words_en,
    )


def _away(now: datetime) -> Q:
    """People away at `now`: an absence or a delegation they gave is running."""
    absent = Absence.objects.filter(starts_at__lte=now, ends_at__gt=now).values("user_id")
    lending = Delegation.objects.filter(starts_at__lte=now, ends_at__gt=now).values("delegator_id")
    return Q(pk__in=absent) | Q(pk__in=lending)


def present_roles(
    roles: Iterable[Role], *, now: datetime, exclude_user_id: int | None = None
) -> frozenset[Role]:
    """Which of `roles` somebody can act in at `now`: a holder who is not away, or the
    delegate of a holder who is (delegation covers an absence). `exclude_user_id` (the plan's
    author, four eyes) does not count. Three queries however many roles."""
    wanted = frozenset(Role(r) for r in roles)
    people = User.objects.filter(holding(wanted), is_active=True).exclude(username=SYSTEM_USERNAME)
    if exclude_user_id is not None:
        people = people.exclude(pk=exclude_user_id)
    present_ids = list(people.exclude(_away(now)).values_list("pk", flat=True))
    delegations = Delegation.objects.filter(
        starts_at__lte=now,
        ends_at__gt=now,
        delegator__is_active=True,
        delegate__is_active=True,
        delegator__in=User.objects.filter(holding(wanted)),
    )
    if exclude_user_id is not None:
        delegations = delegations.exclude(delegate_id=exclude_user_id)
    lenders = list(delegations.values_list("delegator_id", flat=True))
    ids = {*present_ids, *lenders}
    if not ids:
        return frozenset()
    held: set[Role] = set()
    held.update(Role(r) for r in User.objects.filter(pk__in=ids).values_list("role", flat=True))
    held.update(
        Role(r) for r in UserRole.objects.filter(user_id__in=ids).values_list("role", flat=True)
    )
    return frozenset(held & wanted)


def covering_role(
    role: Role, *, now: datetime, exclude_user_id: int | None = None
) -> tuple[Role, tuple[Role, ...]]:
    """The role that takes an approval the matrix gives to `role`: `role` itself when somebody
    is present for it, else the next level up that has somebody (`escalation_chain`). Returns
    it with the levels skipped."""
    chain = escalation_chain(role)
    present = present_roles(chain, now=now, exclude_user_id=exclude_user_id)
    return first_present(role, present)


def approvers_in(role: Role, *, now: datetime, exclude_user_id: int | None = None) -> list[User]:
    """The people to tell about an approval for `role`: holders present now, plus the
    delegates of holders who are away (ordered by id)."""
    holders = User.objects.filter(holding([role]), is_active=True).exclude(username=SYSTEM_USERNAME)
    present = list(holders.exclude(_away(now)).values_list("pk", flat=True))
    delegates = list(
        Delegation.objects.filter(
            starts_at__lte=now, ends_at__gt=now, delegator__in=holders, delegate__is_active=True
        ).values_list("delegate_id", flat=True)
    )
    ids = {*present, *delegates} - {exclude_user_id}
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def absences_listed(*, now: datetime, ended_since: datetime, limit: int = 200) -> list[Absence]:
    """Absences running or planned at `now`, and those ended after `ended_since`, latest end
    first, with the person, their department and extra roles (three queries)."""
    return list(
        Absence.objects.filter(ends_at__gt=ended_since)
        .select_related("user__department")
        .prefetch_related("user__extra_roles")
        .order_by("-ends_at", "-pk")[:limit]
    )
