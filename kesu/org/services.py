"""The only writers of organisation data: departments, delegations, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.core.trees import parent_would_cycle
from kesu.domain.vocabulary import Role
from kesu.org.models import ApiToken, Delegation, Department, User

TOKEN_PREFIX = "ksu_"  # noqa: S105 — a marker, not a secret
#: `last_used_at` of an API token is kept to this resolution (one write a minute, not per call).
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


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


def password_stamp(user: User) -> str:
    """A keyed hash of the user's stored password hash: it changes whenever the password does
    (including a password made unusable), so a token carrying the old stamp stops working."""
    return salted_hmac("kesu.org.api-token", user.password, algorithm="sha256").hexdigest()


MAX_TOKEN_DAYS = 3660


def issue_api_token(
    *, user: User, name: str, now: datetime | None = None, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`, valid for `days` (default `KESU_API_TOKEN_DAYS`) from `now`
    (default: the clock); the raw value is returned once and never stored."""
    if user.username == SYSTEM_USERNAME:
        raise ServiceError("system_account", _("The system account cannot have API tokens."))
    if not user.is_active:
        raise ServiceError("inactive_user", _("A deactivated user cannot have API tokens."))
    days = settings.KESU_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ServiceError(
            "token_days",
            _("A token lasts from 1 to %(max)s days.") % {"max": MAX_TOKEN_DAYS},
            field="days",
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(raw),
        prefix=raw[:10],
        expires_at=(now or clock.now()) + timedelta(days=days),
        password_stamp=password_stamp(user),
    )
    return token, raw


def user_for_token(raw: str, *, now: datetime) -> User | None:
    """The active user a live token belongs to, or None: unknown, revoked, expired, its user
    deactivated, or issued before the user's password last changed."""
    token = (
        ApiToken.objects.select_related("user__department")
        .filter(key_hash=hash_token(raw), revoked=False, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None or not secrets.compare_digest(
        token.password_stamp, password_stamp(token.user)
    ):
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        # At most one write a minute per token, not one per request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_tokens(*, user: User) -> int:
    """Revoke every token of `user` (on deactivation: reactivating the account does not bring
    them back). Returns how many were still live."""
    return ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)


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
