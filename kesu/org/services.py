"""The only writers of organisation data: departments, delegations, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.core.errors import ServiceError
from kesu.core.trees import parent_would_cycle
from kesu.domain.vocabulary import Role
from kesu.org.models import ApiToken, Delegation, Department, User

TOKEN_PREFIX = "ksu_"  # noqa: S105 — a marker, not a secret


@transaction.atomic
def create_department(*, code: str, name: str, parent: Department | None = None) -> Department:
    """A new department under `parent`; its tree path is set in the same transaction."""
    department = Department.objects.create(code=code, name=name, parent=parent)
    department.path = f"{parent.path if parent else '/'}{department.pk}/"
    department.save(update_fields=["path"])
    return department


@transaction.atomic
def save_department(*, department: Department, parent_changed: bool) -> Department:
    """Store a new or edited department (the admin's and the settings pages' one path): a new
    one gets its tree path, a moved one rewrites the paths below it, then its fields are saved."""
    if department.pk is None:
        made = create_department(
            code=department.code, name=department.name, parent=department.parent
        )
        department.pk, department.path = made.pk, made.path
    elif parent_changed:
        move_department(department=department, parent=department.parent)
    department.save()
    return department


@transaction.atomic
def move_department(*, department: Department, parent: Department | None) -> Department:
    """Re-parent `department`, rewriting the paths of everything below it."""
    if parent is not None and parent_would_cycle(department.path, parent.path):
        raise ServiceError(
            "department_cycle", _("A department cannot be moved under itself."), field="parent"
        )
    old_path = department.path
    department.parent = parent
    department.path = f"{parent.path if parent else '/'}{department.pk}/"
    department.save(update_fields=["parent", "path"])
    for child in Department.objects.filter(path__startswith=old_path).exclude(pk=department.pk):
        child.path = department.path + child.path[len(old_path) :]
        child.save(update_fields=["path"])
    return department


def create_delegation(
    *, delegator: User, delegate: User, starts_at: datetime, ends_at: datetime, reason: str
) -> Delegation:
    if delegator.pk == delegate.pk:
        raise ServiceError(
            "delegation_to_self", _("A user cannot delegate to themselves."), field="delegate"
        )
    if ends_at <= starts_at:
        raise ServiceError(
            "delegation_period", _("The delegation must end after it starts."), field="ends_at"
        )
    if not reason.strip():
        raise ServiceError(
            "reason_required", _("Give a reason for the delegation."), field="reason"
        )
    return Delegation.objects.create(
        delegator=delegator, delegate=delegate, starts_at=starts_at, ends_at=ends_at, reason=reason
    )


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw value is returned once and never stored."""
    if user.username == SYSTEM_USERNAME:
        raise ServiceError("system_account", _("The system account cannot have API tokens."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:10])
    return token, raw


def user_for_token(raw: str, *, now: datetime) -> User | None:
    token = (
        ApiToken.objects.select_related("user__department")
        .filter(key_hash=hash_token(raw), revoked=False, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


SYSTEM_USERNAME = "system"


def system_user() -> User:
    """The account automatic steps are recorded under (it cannot log in)."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"full_name": _("Kesu (automatic)"), "role": Role.SUPERVISOR},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if not user.is_active:
        raise ServiceError(
            "system_account_inactive",
            _("The system account 'system' is deactivated; automatic steps cannot run."),
        )
    return user
