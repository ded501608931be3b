"""The authority a user acts with right now: their own role and department, plus the role and
department of every delegation active at that moment (委托代理, seed 002)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest

from kesu.core import clock
from kesu.domain.access import Scope, scope_of
from kesu.domain.privacy import needs_personal_data
from kesu.domain.vocabulary import Role
from kesu.domain.workflow import DEPARTMENT_BOUND
from kesu.org.models import Delegation, Department, User


@dataclass(frozen=True)
class Grant:
    """One role held over one department: the user's own, or lent by `lent_by`."""

    role: Role
    department_path: str | None
    holder: User
    lent_by: User | None = None

    def covers(self, department: Department | None) -> bool:
        """`department` is this grant's department or lies below it."""
        return (
            department is not None
            and self.department_path is not None
            and department.path.startswith(self.department_path)
        )

    def counts_on(self, department: Department | None, handler_id: int | None) -> bool:
        """Whether this grant applies to a case with `department` and `handler_id`: roles not
        bound to a department always; bound ones over their department or their own cases."""
        return (
            self.role not in DEPARTMENT_BOUND
            or self.covers(department)
            or handler_id == (self.lent_by or self.holder).pk
        )


@dataclass(frozen=True)
class Authority:
    """What `user` may do, as a set of grants. A delegated role counts only over the
    delegator's department, and history names the delegator as "on behalf of"."""

    user: User
    grants: tuple[Grant, ...]

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.grants)

    @property
    def scope(self) -> Scope:
        return scope_of(self.roles)

    @property
    def sees_personal_data(self) -> bool:
        return needs_personal_data(self.roles)

    @property
    def department_paths(self) -> frozenset[str]:
        """Departments whose cases a department-bound grant reaches (for visibility)."""
        return frozenset(
            g.department_path
            for g in self.grants
            if g.role in DEPARTMENT_BOUND and g.department_path
        )

    @property
    def user_ids(self) -> frozenset[int]:
        """The user and everyone whose authority they currently hold."""
        return frozenset({self.user.pk, *(g.lent_by.pk for g in self.grants if g.lent_by)})

    def roles_on(self, department: Department | None, handler_id: int | None) -> frozenset[Role]:
        """The roles that count on a case with `department` and `handler_id`: every role that is
        not bound to a department, and bound roles whose grant reaches the case."""
        return frozenset(g.role for g in self.grants if g.counts_on(department, handler_id))

    def covers(self, department: Department | None, *, role: Role) -> bool:
        """Whether a grant of `role` reaches `department`."""
        return any(g.role is role and g.covers(department) for g in self.grants)

    def lender(
        self, role: Role, department: Department | None, handler_id: int | None
    ) -> User | None:
        """Whose authority `role` is used with on a case: None if the user's own grant counts
        there, else the delegator whose grant does."""
        counting = [
            g for g in self.grants if g.role is role and g.counts_on(department, handler_id)
        ]
        if not counting or any(g.lent_by is None for g in counting):
            return None
        return counting[0].lent_by

    def on_behalf_of(self, role: Role) -> User | None:
        """The delegator whose grant supplies `role`, if the user does not hold it themselves."""
        grants = [g for g in self.grants if g.role is role]
        if any(g.lent_by is None for g in grants):
            return None
        return grants[0].lent_by if grants else None


#: Who may use the settings pages 管理设置: the customer-service manager and the administrator.
MANAGING_ROLES = frozenset({Role.CS_MANAGER, Role.ADMINISTRATOR})


def may_manage(authority: Authority) -> bool:
    """Whether `authority` (own or lent roles) may change the organisation's settings."""
    return bool(authority.roles & MANAGING_ROLES)


def _path(user: User) -> str | None:
    return user.department.path if user.department_id and user.department else None


def authority_of(user: User, *, now: datetime) -> Authority:
    """The user's own grant plus one grant per delegation active at `now`."""
    if not user.is_active:
        return Authority(user=user, grants=())
    grants = [Grant(role=Role(user.role), department_path=_path(user), holder=user)]
    delegations = Delegation.objects.filter(
        delegate=user, starts_at__lte=now, ends_at__gt=now, delegator__is_active=True
    ).select_related("delegator__department")
    for delegation in delegations:
        delegator = delegation.delegator
        grants.append(
            Grant(
                role=Role(delegator.role),
                department_path=_path(delegator),
                holder=user,
                lent_by=delegator,
            )
        )
    return Authority(user=user, grants=tuple(grants))


def admin_sees_personal_data(request: HttpRequest) -> bool:
    """Whether the person using the Django admin may read customers' personal data (the
    administrator role may not: it reads masked values). Worked out once per request."""
    cached: bool | None = getattr(request, "_kesu_sees_personal_data", None)
    if cached is None:
        user = request.user
        cached = isinstance(user, User) and authority_of(user, now=clock.now()).sees_personal_data
        request._kesu_sees_personal_data = cached  # type: ignore[attr-defined]
    return cached
