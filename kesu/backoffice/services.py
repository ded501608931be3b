"""The writers behind the settings pages. Each runs in one transaction: it calls the owning
app's service (which keeps trees, calendars and caches right), then records the change in the
settings log, so a change and its record stand or fall together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django.db import transaction
from django.forms import ModelForm
from django.utils.translation import gettext as _

from kesu.backoffice.audit import changed_fields, record_change
from kesu.cases.models import Category
from kesu.cases.reference import save_category
from kesu.core.errors import Forbidden, ServiceError
from kesu.deadlines.models import CalendarDay, CalendarYear
from kesu.deadlines.services import load_calendar_year, set_calendar_day, set_year_official
from kesu.domain.vocabulary import Role
from kesu.org.models import Delegation, Department, User
from kesu.org.services import (
    SYSTEM_USERNAME,
    create_delegation,
    create_department,
    move_department,
    revoke_tokens,
)


def _record_form(actor: User, form: ModelForm, created: bool) -> None:
    record_change(actor=actor, obj=form.instance, fields=None if created else changed_fields(form))


@transaction.atomic
def save_simple(*, actor: User, form: ModelForm) -> None:
    """Reference data without rules of its own beyond the form's: decline reasons, policies.

    A policy change applies to cases from now on; open cases keep their due times until
    someone recalculates them explicitly (on the case, recorded there)."""
    created = form.instance.pk is None
    form.save()
    _record_form(actor, form, created)


@transaction.atomic
def save_category_form(*, actor: User, form: ModelForm) -> Category:
    created = form.instance.pk is None
    category = save_category(form.save(commit=False))  # keeps the tree paths below it
    _record_form(actor, form, created)
    return category


@transaction.atomic
def save_department_form(*, actor: User, form: ModelForm) -> Department:
    department: Department = form.instance
    created = department.pk is None
    if created:
        made = create_department(
            code=department.code, name=department.name, parent=department.parent
        )
        department.pk, department.path = made.pk, made.path
    elif "parent" in form.changed_data:
        move_department(department=department, parent=department.parent)
    department.save()
    _record_form(actor, form, created)
    return department


#: Accounts only an administrator creates or changes, and roles only an administrator (or
#: their holder, for their own absence) lends by delegation: they approve above the office,
#: see confidential reports, or configure everything.
PRIVILEGED_ROLES = frozenset(
    {Role.CS_MANAGER, Role.GENERAL_MANAGER, Role.DISCIPLINE_OFFICER, Role.ADMINISTRATOR}
)


def _guard_user_change(actor: User, user: User, *, before: User | None) -> None:
    """A customer-service manager runs the office's accounts (agents, supervisors, handlers,
    department heads, analysts); managers, the general manager, discipline officers and
    administrators are an administrator's to create, change or give a password. Nobody edits
    the system account or locks themselves out."""
    if user.username == SYSTEM_USERNAME or (before and before.username == SYSTEM_USERNAME):
        raise Forbidden("system_account", _("The system account cannot be changed here."))
    own = before is not None and before.pk == actor.pk
    if before is not None and own and (not user.is_active or user.role != before.role):
        raise ServiceError(
            "own_account", _("You cannot deactivate your own account or change your own role.")
        )
    roles = {user.role, before.role if before else user.role}
    if actor.role != Role.ADMINISTRATOR and not own and roles & PRIVILEGED_ROLES:
        raise Forbidden(
            "administrator_only",
            _(
                "Only an administrator creates or changes the accounts of managers, the general "
                "manager, discipline officers and administrators."
            ),
        )


@transaction.atomic
def save_user_form(*, actor: User, form: ModelForm, password: str = "") -> User:
    """Create or change a member of staff. Administrators also get the Django admin."""
    user: User = form.instance
    created = user.pk is None
    before = None if created else User.objects.select_for_update().get(pk=user.pk)
    _guard_user_change(actor, user, before=before)
    if password:
        user.set_password(password)
    user.is_staff = user.is_superuser = user.role == Role.ADMINISTRATOR
    form.save()
    if before is not None and before.is_active and not user.is_active:
        revoke_tokens(user=user)  # reactivating the account later does not revive them
    _record_form(actor, form, created)
    return user


@transaction.atomic
def add_delegation(
    *, actor: User, delegator: User, delegate: User, starts_at: datetime, ends_at: datetime,
    reason: str,
) -> Delegation:  # fmt: skip
    """Record a delegation. Nobody makes themselves a delegate (another manager or the
    administrator does), and a privileged role is lent only by its holder or an administrator."""
    if delegate.pk == actor.pk:
        raise ServiceError(
            "delegation_to_actor",
            _("You cannot make yourself a delegate: ask another manager or the administrator."),
            field="delegate",
        )
    lends_privilege = delegator.role in PRIVILEGED_ROLES and delegator.pk != actor.pk
    if lends_privilege and actor.role != Role.ADMINISTRATOR:
        raise Forbidden(
            "administrator_only",
            _(
                "Only an administrator (or the holder, for their own absence) lends the role "
                "of a manager, the general manager, a discipline officer or an administrator."
            ),
            field="delegator",
        )
    delegation = create_delegation(
        delegator=delegator, delegate=delegate, starts_at=starts_at, ends_at=ends_at, reason=reason
    )
    record_change(actor=actor, obj=delegation)
    return delegation


@transaction.atomic
def end_delegation(*, actor: User, delegation: Delegation, now: datetime) -> Delegation | None:
    """End a running delegation now (its period stays on record), or withdraw one that has
    not started yet (it never gave anybody authority, so it goes; the log keeps its name)."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.ends_at <= now:
        raise ServiceError("delegation_over", _("This delegation has already ended."))
    if delegation.starts_at >= now:
        record_change(actor=actor, obj=delegation, deleted=True)
        delegation.delete()
        return None
    delegation.ends_at = now
    delegation.save(update_fields=["ends_at"])
    record_change(actor=actor, obj=delegation, fields=[str(_("ends at"))])
    return delegation


@transaction.atomic
def toggle_calendar_day(*, actor: User, day: date, note: str = "") -> CalendarDay:
    """Switch a day between working day and rest day (source becomes "edited")."""
    current = CalendarDay.objects.filter(day=day).first()
    if current is None:
        load_calendar_year(day.year)
        current = CalendarDay.objects.get(day=day)
    row = set_calendar_day(day=day, is_working=not current.is_working, note=note or current.note)
    record_change(actor=actor, obj=row, fields=[str(_("working day"))], note=row.note)
    return row


@transaction.atomic
def mark_year(*, actor: User, year: int, official: bool) -> CalendarYear:
    record = set_year_official(year=year, official=official)
    record_change(actor=actor, obj=record, fields=[str(_("official"))])
    return record


@transaction.atomic
def load_year(*, actor: User, year: int) -> CalendarYear:
    existed = CalendarYear.objects.filter(year=year).exists()
    record = load_calendar_year(year)  # keeps edited days
    record_change(actor=actor, obj=record, fields=None if not existed else [str(_("date"))])
    return record


@transaction.atomic
def load_preset(*, actor: User, key: str, loader: Callable[[str], int]) -> int:
    """Add a seed preset's missing categories; each one added is logged as an addition."""
    before = set(Category.objects.values_list("pk", flat=True))
    added = loader(key)
    for category in Category.objects.exclude(pk__in=before):
        record_change(actor=actor, obj=category, note=_("from preset %(key)s") % {"key": key})
    return added
