"""Who approves what around a case: one function per question, so the approval matrix
(`kesu.approvals.selectors.approval_route`) can take its place in one line.

Seed 002 (物业客户投诉管理制度 七 注): 「部门经理负责本部门投诉事件的处罚管理，如部门经理…
本人被投诉的，由人事行政部提报，总经理视情节给予处分」 — a penalty on a manager is decided
above the customer-service office. The platform has no HR role (人事行政部); the seed has the
general manager decide on HR's report, so the general manager is the default there. Every other
penalty is approved by the customer-service manager (客服部经理)."""

from __future__ import annotations

from decimal import Decimal

from kesu.cases.models import Case
from kesu.domain.permissions import APPROVERS
from kesu.domain.vocabulary import Role

#: Roles whose holder counts as a manager when they are the subject of a finding (部门经理,
#: 主管, the office's and the company's managers).
MANAGER_ROLES = frozenset(
    {Role.DEPARTMENT_HEAD, Role.SUPERVISOR, Role.CS_MANAGER, Role.GENERAL_MANAGER}
)


def penalty_approver(amount: Decimal | None, subject_is_manager: bool) -> str:
    """The role code that approves a penalty of `amount` (None: no fine) on a subject who is, or
    is not, a manager. `amount` is passed for the approval matrix, which may route by it; the
    default routes by the subject only."""
    del amount  # the seed routes by who is penalised, not by how much
    if subject_is_manager:
        return Role.GENERAL_MANAGER.value
    return Role.CS_MANAGER.value


def deliberation_approver(case: Case, *, requester_roles: frozenset[Role]) -> frozenset[Role]:
    """The roles whose holder may approve a deliberation asked for on `case`: the complaint
    supervisor 咨诉主管 (seed 004 第七条(一): 向咨诉主管提出申请并经同意) or anyone above
    them. A supervisor's own request goes up to the customer-service manager or above.

    To be rewired to `kesu.approvals.selectors.approval_route("deliberation", …)` at merge."""
    del case  # the default does not depend on the case; a matrix may (category, amount)
    if Role.SUPERVISOR in requester_roles:
        return APPROVERS - {Role.SUPERVISOR}
    return APPROVERS
