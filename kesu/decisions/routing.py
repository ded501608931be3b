"""Who must approve a co-handling request or a handover: the ONE place that answers it.

Today the answer comes from the case's deadline policy (`co_handling_needs_approval`,
`handover_needs_approval`) with the seeds' approvers: the complaint supervisor 咨诉主管 approves
co-handling (seed 004 第六条(四)), the general manager approves a handover (seed 002: 经总经理
审批后转交). When the approval matrix (`kesu.approvals.selectors.approval_route`) is merged,
rewire `approver_for` to ask it (`approval_route("co_handling")` / `("handover")`) and keep the
policy switch as the fallback: nothing else in this app decides who approves.
"""

from __future__ import annotations

from enum import StrEnum

from kesu.cases.models import Case
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Role


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
    return DEFAULT_APPROVER[step][0] if needed else None


def approval_permission(step: Step) -> Permission:
    """The permission an approver of `step` must hold."""
    return DEFAULT_APPROVER[step][1]
