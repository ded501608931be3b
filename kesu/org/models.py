"""Departments (a tree), users with their roles, delegation while away, and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.core.labels import choices
from kesu.domain.vocabulary import Role


class Department(models.Model):
    """One unit of the organisation. `path` ("/1/4/") makes "this department and everything
    below it" a single indexed prefix match; it is maintained by `org.services`."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ("path",)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. `role` is the primary role; `extra_roles` are further roles the same
    person holds over the same department (an insurer's 咨诉岗 both receives and handles).
    Every step on the record names the role it was taken in."""

    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    role = models.CharField(
        _("role"), max_length=30, choices=choices(Role), default=Role.INTAKE_AGENT
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class UserRole(models.Model):
    """A further role a user holds besides `User.role`, over the user's own department."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="extra_roles"
    )
    role = models.CharField(_("role"), max_length=30, choices=choices(Role))

    class Meta:
        verbose_name = _("further role")
        verbose_name_plural = _("further roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="user_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"


class Delegation(models.Model):
    """While the delegator is away, the delegate acts with the delegator's authority (seed 002
    委托代理). History records both names."""

    delegator = models.ForeignKey(
        User,
        verbose_name=_("delegator"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        User,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        indexes = [models.Index(fields=["delegate", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="delegation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(delegator=models.F("delegate")), name="delegation_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.delegate}"


class ApiToken(models.Model):
    """A bearer token for the API. Only the SHA-256 of the token is stored. A token works until
    it expires, is revoked, or its user's password changes (`password_stamp` no longer matches)
    or the user is deactivated (which revokes it)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    expires_at = models.DateTimeField(_("expires at"))
    # A keyed hash of the user's password hash when the token was issued: a new password
    # changes it, so every token issued before dies with the old password.
    password_stamp = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
