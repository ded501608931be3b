"""Who answers a request for a deliberation 合议. One function, so the approval matrix
(`kesu.approvals`) can take the question over in one place."""

from __future__ import annotations

from kesu.cases.models import Case
from kesu.domain.permissions import APPROVERS
from kesu.domain.vocabulary import Role


def deliberation_approver(case: Case, *, requester_roles: frozenset[Role]) -> frozenset[Role]:
    """The roles whose holder may approve a deliberation asked for on `case`: the complaint
    supervisor 咨诉主管 (seed 004 第七条(一): 向咨诉主管提出申请并经同意) or anyone above
    them. A supervisor's own request goes up to the customer-service manager or above.

    To be rewired to `kesu.approvals.selectors.approval_route("deliberation", …)` at merge."""
    del case  # the default does not depend on the case; a matrix may (category, amount)
    if Role.SUPERVISOR in requester_roles:
        return APPROVERS - {Role.SUPERVISOR}
    return APPROVERS
