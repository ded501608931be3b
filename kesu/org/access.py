"""The authority a user acts with right now: their own roles over their department, plus the
roles and department of every delegation active at that moment (委托代理, seed 002). Every
"may this person do this?" is `Authority.may(permission)` (or `may_on` for one case), answered
by the permission table `kesu.domain.permissions`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from kesu.core import clock
from kesu.domain.access import Scope, scope_of
from kesu.domain.permissions import DEPARTMENT_BOUND, GRANTS, Permission
from kesu.domain.privacy import needs_personal_data
from kesu.domain.vocabulary import Role
from kesu.org.models import Delegation, Department, User, UserRole


@dataclass(frozen=True)
class Grant:
    """One role held over one department: the user's own, or lent by `lent_by` until `until`."""

    role: Role
    department_path: str | None
    holder: User
    lent_by: User | None = None
    until: datetime | None = None

    @property
    def department(self) -> Department | None:
        """The department the role is held over: the holder's, or the delegator's."""
        return (self.lent_by or self.holder).department

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

    def may(self, permission: Permission) -> bool:
        """Whether any of the user's grants (own or delegated) has `permission` somewhere."""
        return any(g.role in GRANTS[permission] for g in self.grants)

    def role_for(self, permission: Permission) -> Role | None:
        """The capacity a step needing `permission` is recorded in: the first role holding it,
        own before delegated, primary before further roles."""
        return next((g.role for g in self.grants if g.role in GRANTS[permission]), None)

    def may_everywhere(self, permission: Permission) -> bool:
        """Whether a grant not bound to a department has `permission` (reaches every case)."""
        return any(
            g.role in GRANTS[permission] and g.role not in DEPARTMENT_BOUND for g in self.grants
        )

    def may_on(
        self, permission: Permission, department: Department | None, handler_id: int | None
    ) -> bool:
        """Whether `permission` holds on a case with `department` and `handler_id`, honouring
        department scope (bound roles count over their department and their own cases)."""
        return bool(self.roles_on(department, handler_id) & GRANTS[permission])

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


def _path(user: User) -> str | None:
    return user.department.path if user.department_id and user.department else None


def roles_held(user: User, extra: list[str] | tuple[str, ...] = ()) -> tuple[Role, ...]:
    """The primary role first, then the further roles in table order, without repeats."""
    further = {Role(r) for r in extra} - {Role(user.role)}
    return (Role(user.role), *(r for r in Role if r in further))


def authority_of(user: User, *, now: datetime) -> Authority:
    """The user's own grants (every role they hold) plus, per delegation active at `now`, the
    delegator's roles over the delegator's department. Two queries however many roles."""
    if not user.is_active:
        return Authority(user=user, grants=())
    delegations = list(
        Delegation.objects.filter(
            delegate=user, starts_at__lte=now, ends_at__gt=now, delegator__is_active=True
        )
        .select_related("delegator__department")
        .order_by("starts_at", "pk")
    )
    delegators = [d.delegator for d in delegations]
    extra: dict[int, list[str]] = {}
    for user_id, role in UserRole.objects.filter(
        user_id__in=[user.pk, *(d.pk for d in delegators)]
    ).values_list("user_id", "role"):
        extra.setdefault(user_id, []).append(role)
    grants = [
        Grant(role=role, department_path=_path(user), holder=user)
        for role in roles_held(user, extra.get(user.pk, []))
    ]
    for delegation in delegations:
        delegator = delegation.delegator
        grants.extend(
            Grant(
                role=role,
                department_path=_path(delegator),
                holder=user,
                lent_by=delegator,
                until=delegation.ends_at,
            )
            for role in roles_held(delegator, extra.get(delegator.pk, []))
        )
    return Authority(user=user, grants=tuple(grants))


def request_authority(request: Any, *, now: datetime) -> Authority:
    """The authority of `request.user`, read once per request and kept on the request (the
    navigation, the view and its checks all ask the same one)."""
    cached: Authority | None = getattr(request, "kesu_authority", None)
    if cached is None or cached.user.pk != request.user.pk:
        cached = authority_of(request.user, now=now)
        request.kesu_authority = cached
    return cached


def holding(roles: Iterable[Role]) -> Q:
    """A `User` filter: people holding any of `roles`, as primary or further role (a subquery,
    so nobody is listed twice)."""
    wanted = [Role(r).value for r in roles]
    return Q(role__in=wanted) | Q(pk__in=UserRole.objects.filter(role__in=wanted).values("user_id"))


def admin_sees_personal_data(request: HttpRequest) -> bool:
    """Whether the person using the Django admin may read customers' personal data (the
    administrator role may not: it reads masked values). Worked out once per request."""
    cached: bool | None = getattr(request, "_kesu_sees_personal_data", None)
    if cached is None:
        user = request.user
        cached = isinstance(user, User) and authority_of(user, now=clock.now()).sees_personal_data
        request._kesu_sees_personal_data = cached  # type: ignore[attr-defined]
    return cached
