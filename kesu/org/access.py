"""The authority a user acts with right now: own role plus roles lent by active delegations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kesu.domain.access import Scope, scope_of
from kesu.domain.privacy import needs_personal_data
from kesu.domain.vocabulary import Role
from kesu.org.models import Delegation, Department, User


@dataclass(frozen=True)
class Authority:
    """What `user` may do: `roles` (own and delegated) over `department_paths`.

    `lent_by` names, for each role the user holds only through a delegation, the delegator —
    the history records the delegate as actor and the delegator as "on behalf of".
    """

    user: User
    roles: frozenset[Role]
    department_paths: frozenset[str]
    lent_by: dict[Role, User] = field(default_factory=dict)

    @property
    def scope(self) -> Scope:
        return scope_of(self.roles)

    @property
    def sees_personal_data(self) -> bool:
        return needs_personal_data(self.roles)

    @property
    def user_ids(self) -> frozenset[int]:
        """The user and everyone whose authority they currently hold."""
        return frozenset({self.user.pk, *(u.pk for u in self.lent_by.values())})

    def covers(self, department: Department | None) -> bool:
        """Whether `department` is one of the user's departments or below one of them."""
        if department is None:
            return False
        return any(department.path.startswith(path) for path in self.department_paths)

    def on_behalf_of(self, role: Role) -> User | None:
        return self.lent_by.get(role)


def authority_of(user: User, *, now: datetime) -> Authority:
    """The user's own role and department plus those of every delegation active at `now`."""
    roles = {Role(user.role)} if user.is_active else set()
    paths = {user.department.path} if user.department_id and user.department else set()
    lent_by: dict[Role, User] = {}
    if user.is_active:
        delegations = Delegation.objects.filter(
            delegate=user, starts_at__lte=now, ends_at__gt=now, delegator__is_active=True
        ).select_related("delegator__department")
        for delegation in delegations:
            delegator = delegation.delegator
            role = Role(delegator.role)
            if role not in roles:
                roles.add(role)
                lent_by[role] = delegator
            if delegator.department is not None:
                paths.add(delegator.department.path)
    return Authority(
        user=user, roles=frozenset(roles), department_paths=frozenset(paths), lent_by=lent_by
    )
