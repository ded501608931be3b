"""Who approves what around a case: one function per question. The approval matrix in force
(`kesu.approvals.selectors.approval_route`, R-12) answers first where it has the action
(`penalty`, `co_handling`); the seeds' defaults below answer when no table is in force or no
rule matches.

Penalties — seed 002 (物业客户投诉管理制度 七 注):
「部门经理负责本部门投诉事件的处罚管理，如部门经理…本人被投诉的，由人事行政部提报，总经理视情节给予处分」
— a penalty on a manager is decided above the
customer-service office. The platform has no HR role (人事行政部); the seed has the general
manager decide on HR's report, so the general manager is the default there. Every other penalty
is approved by the customer-service manager (客服部经理). A matrix rule naming a role that does
not hold `approve_penalty` is not followed (nobody could decide); the default is.

Co-handling and handover — the case's deadline policy says whether they need approval
(`co_handling_needs_approval`, `handover_needs_approval`); the complaint supervisor 咨诉主管
approves co-handling (seed 004 第六条(四)) unless the matrix names another role, the general
manager approves a handover (seed 002: 经总经理审批后转交)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from kesu.approvals.selectors import approval_route
from kesu.cases.models import Case
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.permissions import APPROVERS, GRANTS, Permission
from kesu.domain.vocabulary import Role

#: Roles whose holder counts as a manager when they are the subject of a finding (部门经理,
#: 主管, the office's and the company's managers).
MANAGER_ROLES = frozenset(
    {Role.DEPARTMENT_HEAD, Role.SUPERVISOR, Role.CS_MANAGER, Role.GENERAL_MANAGER}
)


def penalty_approver(amount: Decimal | None, subject_is_manager: bool) -> str:
    """The role code that approves a penalty of `amount` (None: no fine) on a subject who is, or
    is not, a manager: the matrix's `penalty` rule when it names a role that may approve
    penalties, else the seed's default (which routes by the subject only)."""
    route = approval_route("penalty", amount=amount, subject_is_manager=subject_is_manager)
    if route is not None and route.approver_role in GRANTS[Permission.APPROVE_PENALTY]:
        return route.approver_role.value
    if subject_is_manager:
        return Role.GENERAL_MANAGER.value
    return Role.CS_MANAGER.value


def deliberation_approver(case: Case, *, requester_roles: frozenset[Role]) -> frozenset[Role]:
    """The roles whose holder may approve a deliberation asked for on `case`: the complaint
    supervisor 咨诉主管 (seed 004 第七条(一): 向咨诉主管提出申请并经同意) or anyone above
    them. A supervisor's own request goes up to the customer-service manager or above.

    The approval matrix has no deliberation action: the seed's rule stands."""
    del case  # the default does not depend on the case; a matrix may (category, amount)
    if Role.SUPERVISOR in requester_roles:
        return APPROVERS - {Role.SUPERVISOR}
    return APPROVERS


class Step(StrEnum):
    CO_HANDLING = "co_handling"
    HANDOVER = "handover"


#: The approver each step has when its policy requires one, and the permission they use.
DEFAULT_APPROVER: dict[Step, tuple[Role, Permission]] = {
    Step.CO_HANDLING: (Role.SUPERVISOR, Permission.APPROVE_CO_HANDLING),
    Step.HANDOVER: (Role.GENERAL_MANAGER, Permission.APPROVE_HANDOVER),
}


def approver_for(step: Step, case: Case) -> Role | None:
    """The role that must approve `step` on `case` before it takes effect; None: no approval.
    Without a policy on the case, co-handling needs the supervisor (seed 004) and a handover
    needs nobody (the receiver's acknowledgement is the check)."""
    policy: DeadlinePolicy | None = case.policy
    if step is Step.CO_HANDLING:
        needed = policy.co_handling_needs_approval if policy is not None else True
    else:
        needed = policy.handover_needs_approval if policy is not None else False
    if not needed:
        return None
    route = approval_route(step.value) if step is Step.CO_HANDLING else None
    if route is not None and route.approver_role in GRANTS[approval_permission(step)]:
        return route.approver_role
    return DEFAULT_APPROVER[step][0]


def approval_permission(step: Step) -> Permission:
    """The permission an approver of `step` must hold."""
    return DEFAULT_APPROVER[step][1]
