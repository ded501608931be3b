"""The writers behind the settings pages. Each runs in one transaction: it calls the owning
app's service (which keeps trees, calendars and caches right), then records the change in the
settings log, so a change and its record stand or fall together."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.utils.translation import gettext as _

from kesu.backoffice.audit import changed_fields, changed_values, record_change
from kesu.cases.models import Case, Category
from kesu.cases.services.catalogue import save_category
from kesu.cases.services.deadlines import RUNNING
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.core.errors import Forbidden, ServiceError
from kesu.deadlines.models import CalendarDay, CalendarYear, DeadlinePolicy
from kesu.deadlines.services import load_calendar_year, set_calendar_day, set_year_official
from kesu.domain.permissions import PRIVILEGED_ROLES, Permission
from kesu.domain.vocabulary import Action, Role
from kesu.org.access import Authority, authority_of, roles_held
from kesu.org.models import Delegation, Department, User, UserRole
from kesu.org.services import SYSTEM_USERNAME, create_delegation, revoke_tokens, save_department


def _record_form(actor: User, form: ModelForm, created: bool) -> None:
    record_change(
        actor=actor,
        obj=form.instance,
        fields=None if created else changed_fields(form),
        values=None if created else changed_values(form),
    )


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
    save_department(department=department, parent_changed="parent" in form.changed_data)
    _record_form(actor, form, created)
    return department


def _held_roles(user: User) -> frozenset[Role]:
    return frozenset(roles_held(user, list(user.extra_roles.values_list("role", flat=True))))


def _guard_user_change(
    authority: Authority,
    user: User,
    *,
    before: User | None,
    roles: frozenset[Role],
    roles_before: frozenset[Role],
) -> None:
    """A customer-service manager runs the office's accounts (agents, supervisors, handlers,
    department heads, analysts); an account holding (or given) the role of a manager, the
    general manager, a discipline officer or an administrator is an administrator's to
    create, change or give a password. Nobody edits the system account or locks themselves
    out."""
    if user.username == SYSTEM_USERNAME or (before and before.username == SYSTEM_USERNAME):
        raise Forbidden("system_account", _("The system account cannot be changed here."))
    own = before is not None and before.pk == authority.user.pk
    if before is not None and own and (not user.is_active or roles != roles_before):
        raise ServiceError(
            "own_account", _("You cannot deactivate your own account or change your own role.")
        )
    privileged = (roles | roles_before) & PRIVILEGED_ROLES
    if privileged and not own and not authority.may(Permission.MANAGE_PRIVILEGED_ACCOUNTS):
        raise Forbidden(
            "administrator_only",
            _(
                "Only an administrator creates or changes the accounts of managers, the general "
                "manager, discipline officers and administrators."
            ),
        )


@transaction.atomic
def save_user_form(
    *,
    authority: Authority,
    form: ModelForm,
    password: str = "",
    extra_roles: Iterable[Role | str] | None = None,
) -> User:
    """Create or change a member of staff with their primary role and, when `extra_roles` is
    given, the further roles they hold over their department (None keeps them). Whoever holds
    the administrator's role also gets the Django admin."""
    user: User = form.instance
    created = user.pk is None
    before = None if created else User.objects.select_for_update().get(pk=user.pk)
    roles_before = _held_roles(before) if before is not None else frozenset()
    if extra_roles is not None:
        kept = frozenset(Role(r) for r in extra_roles)
    else:
        kept = roles_before - {Role(before.role)} if before is not None else frozenset()
    further = kept - {Role(user.role)}
    roles = further | {Role(user.role)}
    _guard_user_change(authority, user, before=before, roles=roles, roles_before=roles_before)
    if password:
        user.set_password(password)
    user.is_staff = user.is_superuser = Role.ADMINISTRATOR in roles
    form.save()
    UserRole.objects.filter(user=user).exclude(role__in=further).delete()
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=r) for r in sorted(further)], ignore_conflicts=True
    )
    if before is not None and before.is_active and not user.is_active:
        revoke_tokens(user=user)  # reactivating the account later does not revive them
    _record_form(authority.user, form, created)
    return user


@transaction.atomic
def add_delegation(
    *, authority: Authority, delegator: User, delegate: User, starts_at: datetime,
    ends_at: datetime, reason: str,
) -> Delegation:  # fmt: skip
    """Record a delegation. Nobody makes themselves a delegate (another manager or the
    administrator does), a privileged role is lent only by its holder or an administrator, and
    the hidden system account neither lends nor receives authority (its steps are automatic)."""
    actor = authority.user
    if SYSTEM_USERNAME in (delegator.username, delegate.username):
        raise Forbidden(
            "system_account",
            _("The system account cannot lend or receive a delegation."),
            field="delegator" if delegator.username == SYSTEM_USERNAME else "delegate",
        )
    if delegate.pk == actor.pk:
        raise ServiceError(
            "delegation_to_actor",
            _("You cannot make yourself a delegate: ask another manager or the administrator."),
            field="delegate",
        )
    lends_privilege = bool(_held_roles(delegator) & PRIVILEGED_ROLES) and delegator.pk != actor.pk
    if lends_privilege and not authority.may(Permission.MANAGE_PRIVILEGED_ACCOUNTS):
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
    kinds = {True: str(_("working day")), False: str(_("rest day"))}
    record_change(
        actor=actor,
        obj=row,
        fields=[str(_("working day"))],
        note=note or row.note,
        values={str(_("working day")): [kinds[current.is_working], kinds[row.is_working]]},
    )
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


def open_cases_of(policy: DeadlinePolicy) -> QuerySet[Case]:
    """The cases whose clocks still run under `policy` (what a bulk recalculation moves)."""
    return Case.objects.filter(policy=policy, state__in=RUNNING).order_by("pk")


@transaction.atomic
def recalculate_policy_cases(
    *, actor: User, policy: DeadlinePolicy, note: str, now: datetime
) -> int:
    """After a policy change, the due times of its open cases again from the policy as it is
    now: each case through the per-case recalculation (the workflow checks the actor may, and
    each case's history records before and after). All cases or none."""
    if not note.strip():
        raise ServiceError("required", _("Give the reason for recalculating."), field="note")
    authority = authority_of(actor, now=now)
    ids = list(open_cases_of(policy).values_list("pk", flat=True))
    for case_id in ids:
        perform_transition(
            case_id=case_id,
            authority=authority,
            action=Action.RECALCULATE_DEADLINES,
            data=TransitionInput(note=note),
            now=now,
        )
    return len(ids)
