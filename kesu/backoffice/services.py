"""The writers behind the settings pages. Each takes plain, typed values (an input dataclass or
keyword arguments, never a form), so a management command or the API calls them as the pages
do. Each runs in one transaction: it checks the model's rules, calls the owning app's service
(which keeps trees, calendars and caches right), then records the change in the settings log
with each changed field's old and new value, so a change and its record stand or fall
together."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypeVar

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kesu.approvals import services as approvals
from kesu.approvals.models import Absence, ApprovalRuleRow
from kesu.approvals.services import RuleInput, delete_rule, load_approval_preset, save_rule
from kesu.backoffice.audit import changed_values, record_change, snapshot
from kesu.cases.models import Case, Category, DeclineReason
from kesu.cases.services import catalogue, retention
from kesu.cases.services.deadlines import RUNNING
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.core.labels import PAUSE_REASON_LABELS, label
from kesu.deadlines.models import CalendarDay, CalendarYear, DeadlinePolicy
from kesu.deadlines.services import load_calendar_year, set_calendar_day, set_year_official
from kesu.domain.permissions import PRIVILEGED_ROLES, Permission
from kesu.domain.vocabulary import Action, Role
from kesu.notify.models import NotificationTemplate
from kesu.org import services as org_services
from kesu.org.access import Authority, authority_of, roles_held
from kesu.org.models import Delegation, Department, User, UserRole
from kesu.org.services import SYSTEM_USERNAME, create_delegation, revoke_tokens
from kesu.visits.models import VisitPlan


def _policy_default(name: str) -> Any:
    return DeadlinePolicy._meta.get_field(name).get_default()


@dataclass(frozen=True, kw_only=True)
class DeclineReasonInput:
    """A decline reason 不予受理原因 as a manager types it."""

    code: str
    name_zh: str
    name_en: str = ""
    customer_text_zh: str = ""
    customer_text_en: str = ""
    sort_order: int = 0
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class CategoryInput:
    """A node of the category tree; `parent` None puts it at the top."""

    code: str
    name_zh: str
    name_en: str = ""
    parent: Category | None = None
    sort_order: int = 0
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class DepartmentInput:
    code: str
    name: str
    parent: Department | None = None
    sort_order: int = 0
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class UserInput:
    """A member of staff. `extra_roles` None keeps the further roles they hold; an empty
    `password` keeps theirs (a new account needs one)."""

    username: str
    role: Role | str
    full_name: str = ""
    department: Department | None = None
    phone: str = ""
    email: str = ""
    is_active: bool = True
    extra_roles: tuple[Role | str, ...] | None = None
    password: str = field(default="", repr=False)  # never in a traceback or a log


@dataclass(frozen=True, kw_only=True)
class PolicyInput:
    """Every field of a deadline policy 时限规则 (amounts with their units; empty = no limit)."""

    code: str
    name: str
    acceptance_amount: int
    acceptance_unit: str
    contact_amount: int
    contact_unit: str
    resolution_amount: int
    resolution_unit: str
    source: str = ""
    kind: str = ""
    severity: str = ""
    category: Category | None = None
    channel: str = ""
    investigation_amount: int | None = None
    investigation_unit: str = ""
    return_visit_amount: int | None = None
    return_visit_unit: str = ""
    acceptance_start: str = _policy_default("acceptance_start")
    contact_start: str = _policy_default("contact_start")
    investigation_start: str = _policy_default("investigation_start")
    resolution_start: str = _policy_default("resolution_start")
    return_visit_start: str = _policy_default("return_visit_start")
    return_visit_timing: str = _policy_default("return_visit_timing")
    promise: str = _policy_default("promise")
    pause_reasons: tuple[str, ...] = ()
    max_extension_amount: int | None = None
    max_extension_unit: str = ""
    extension_approver: str = ""
    extension_tells_customer: bool = False
    extension2_amount: int | None = None
    extension2_unit: str = ""
    extension2_approver: str = ""
    extension2_tells_customer: bool = False
    extension_total_amount: int | None = None
    extension_total_unit: str = ""
    co_handling_amount: int = _policy_default("co_handling_amount")
    co_handling_unit: str = _policy_default("co_handling_unit")
    co_handling_needs_approval: bool = _policy_default("co_handling_needs_approval")
    handover_needs_approval: bool = _policy_default("handover_needs_approval")
    priority: int = _policy_default("priority")
    is_active: bool = True


#: Amount fields of a policy and the unit beside each.
POLICY_AMOUNTS = (
    ("acceptance_amount", "acceptance_unit"),
    ("contact_amount", "contact_unit"),
    ("investigation_amount", "investigation_unit"),
    ("resolution_amount", "resolution_unit"),
    ("return_visit_amount", "return_visit_unit"),
    ("max_extension_amount", "max_extension_unit"),
    ("extension2_amount", "extension2_unit"),
    ("extension_total_amount", "extension_total_unit"),
)


def policy_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, message) for each rule between a policy's fields that `data` breaks (D11): an
    amount of 0, an amount without its unit, a first contact or an investigation that ends
    after the resolution, a total shorter than the resolution, a second extension without a
    first. The form shows them on its fields; `save_policy` refuses the first."""
    problems = []
    for amount, unit in POLICY_AMOUNTS:
        if data.get(amount) == 0:
            problems.append((amount, _("Enter at least 1; leave it empty for no such limit.")))
        if data.get(amount) and not data.get(unit):
            problems.append((unit, _("Choose the unit for this amount.")))
    resolution = (data.get("resolution_amount"), data.get("resolution_unit"))
    resolution_start = data.get("resolution_start")
    for amount, unit, start in (
        ("contact_amount", "contact_unit", "contact_start"),
        ("investigation_amount", "investigation_unit", "investigation_start"),
    ):
        comparable = data.get(unit) == resolution[1] and data.get(start) == resolution_start
        if comparable and data.get(amount) and resolution[0] and data[amount] > resolution[0]:
            problems.append(
                (amount, _("This cannot end after the resolution: at most %(n)s.")
                 % {"n": resolution[0]})
            )  # fmt: skip
    total = (data.get("extension_total_amount"), data.get("extension_total_unit"))
    if total[0] and total[1] == resolution[1] and resolution[0] and total[0] < resolution[0]:
        problems.append(
            ("extension_total_amount", _("The total cannot be shorter than the resolution itself."))
        )
    if data.get("extension2_amount") and not (
        data.get("max_extension_amount") or data.get("extension_approver")
    ):
        problems.append(("extension2_amount", _("Set the first extension before the second.")))
    return problems


#: Input fields that are not columns of the model they describe.
NOT_STORED = frozenset({"extra_roles", "password"})

M = TypeVar("M", bound=models.Model)


def _columns(data: object) -> list[str]:
    return [f.name for f in fields(data) if f.name not in NOT_STORED]  # type: ignore[arg-type]


def _current(model: type[M], pk: int | None, data: object) -> tuple[M, dict[str, Any] | None]:
    """The row `pk` locked for the change with a `snapshot` of it, or a new unsaved `model`."""
    if pk is None:
        return model(), None
    obj = model._default_manager.select_for_update().filter(pk=pk).first()
    if obj is None:
        raise NotFound("not_found", _("Not found."))
    return obj, snapshot(obj, _columns(data))


def _fill(obj: models.Model, data: object) -> None:
    for name in _columns(data):
        value = getattr(data, name)
        setattr(obj, name, list(value) if isinstance(value, tuple) else value)


def _check(obj: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """The model's own rules (lengths, choices, unique codes) as a refusal naming the field,
    so a caller without a form gets a 400 and not a database error."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        problems = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        name, [first, *_rest] = next(iter(problems.items()))
        message = " ".join(first.messages)
        raise ServiceError(first.code or "invalid", message, field=name) from error


def _log(
    actor: User,
    obj: models.Model,
    before: dict[str, Any] | None,
    *,
    words: dict[str, dict[str, Any]] | None = None,
    more: dict[str, list[str]] | None = None,
    unvalued: Iterable[str] = (),
) -> None:
    """The change-log row of a save: an addition, or the fields that changed with their old
    and new values (`more`: changes of things that are not columns; `unvalued`: fields named
    without values, a password)."""
    if before is None:
        record_change(actor=actor, obj=obj)
        return
    values = changed_values(type(obj), before, snapshot(obj, before), words=words)
    values.update(more or {})
    record_change(actor=actor, obj=obj, fields=[*values, *unvalued], values=values)


@transaction.atomic
def save_decline_reason(
    *, actor: User, data: DeclineReasonInput, pk: int | None = None
) -> DeclineReason:
    """Create a decline reason, or change reason `pk`; logged with its changed values."""
    reason, before = _current(DeclineReason, pk, data)
    _fill(reason, data)
    _check(reason)
    reason.save()
    _log(actor, reason, before)
    return reason


@transaction.atomic
def save_policy(*, actor: User, data: PolicyInput, pk: int | None = None) -> DeadlinePolicy:
    """Create a deadline policy, or change policy `pk`.

    A policy change applies to cases from now on; open cases keep their due times until
    someone recalculates them explicitly (on the case, recorded there)."""
    if problems := policy_problems({f.name: getattr(data, f.name) for f in fields(data)}):
        name, message = problems[0]
        raise ServiceError("policy_rule", message, field=name)
    policy, before = _current(DeadlinePolicy, pk, data)
    _fill(policy, data)
    _check(policy)
    policy.save()
    _log(actor, policy, before, words={"pause_reasons": dict(PAUSE_REASON_LABELS)})
    return policy


@transaction.atomic
def save_category(*, actor: User, data: CategoryInput, pk: int | None = None) -> Category:
    """Create a category, or change or move category `pk` (the paths below it follow)."""
    category, before = _current(Category, pk, data)
    _fill(category, data)
    _check(category)
    catalogue.save_category(category)  # keeps the tree paths below it
    _log(actor, category, before)
    return category


@transaction.atomic
def save_department(*, actor: User, data: DepartmentInput, pk: int | None = None) -> Department:
    """Create a department, or change or move department `pk` (the paths below it follow)."""
    department, before = _current(Department, pk, data)
    _fill(department, data)
    _check(department)
    moved = before is not None and before["parent"] != department.parent_id
    org_services.save_department(department=department, parent_changed=moved)
    _log(actor, department, before)
    return department


def _held_roles(user: User) -> frozenset[Role]:
    return frozenset(roles_held(user, list(user.extra_roles.values_list("role", flat=True))))


def _guard_user_change(
    authority: Authority,
    user: User,
    *,
    before: dict[str, Any] | None,
    roles: frozenset[Role],
    roles_before: frozenset[Role],
) -> None:
    """A customer-service manager runs the office's accounts (agents, supervisors, handlers,
    department heads, analysts); an account holding (or given) the role of a manager, the
    general manager, a discipline officer or an administrator is an administrator's to
    create, change or give a password. Nobody edits the system account or locks themselves
    out."""
    if SYSTEM_USERNAME in (user.username, before and before["username"]):
        raise Forbidden("system_account", _("The system account cannot be changed here."))
    own = before is not None and user.pk == authority.user.pk
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


def _check_password(user: User, password: str, *, created: bool) -> None:
    if not password and created:
        raise ServiceError("required", _("Give the new account a password."), field="password")
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ServiceError(
                "weak_password", " ".join(error.messages), field="password"
            ) from error


def _known_roles(values: Iterable[Role | str]) -> frozenset[Role]:
    known = {role.value for role in Role}
    if unknown := [str(value) for value in values if value not in known]:
        raise ServiceError(
            "unknown_role",
            _("There is no role “%(role)s”.") % {"role": unknown[0]},
            field="extra_roles",
        )
    return frozenset(Role(value) for value in values)


def _roles_text(roles: Iterable[Role]) -> str:
    return "、".join(str(label(role)) for role in sorted(roles)) or "—"


@transaction.atomic
def save_user(*, authority: Authority, data: UserInput, pk: int | None = None) -> User:
    """Create a member of staff, or change account `pk`, with their primary role and, when
    `data.extra_roles` is given, the further roles they hold over their department (None keeps
    them). Whoever holds the administrator's role also gets the Django admin. The log names a
    new password but never keeps it."""
    user, before = _current(User, pk, data)
    roles_before = _held_roles(user) if before is not None else frozenset()
    further_before = roles_before - {Role(before["role"])} if before is not None else frozenset()
    _fill(user, data)
    _check(user, exclude=["password"])  # the primary role is one of the roles
    kept = further_before if data.extra_roles is None else _known_roles(data.extra_roles)
    further = kept - {Role(user.role)}
    roles = further | {Role(user.role)}
    _guard_user_change(authority, user, before=before, roles=roles, roles_before=roles_before)
    _check_password(user, data.password, created=before is None)
    if data.password:
        user.set_password(data.password)
    user.is_staff = user.is_superuser = Role.ADMINISTRATOR in roles
    user.save()
    UserRole.objects.filter(user=user).exclude(role__in=further).delete()
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=r) for r in sorted(further)], ignore_conflicts=True
    )
    if before is not None and before["is_active"] and not user.is_active:
        revoke_tokens(user=user)  # reactivating the account later does not revive them
    more = {}
    if further != further_before:
        more[str(_("further roles"))] = [_roles_text(further_before), _roles_text(further)]
    password = [str(_("password"))] if data.password else []
    _log(authority.user, user, before, more=more, unvalued=password)
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


# --- customer notices and the return-visit plan (issue 16) ---------------------------------


@dataclass(frozen=True)
class NoticeTemplateInput:
    subject: str
    body: str


@transaction.atomic
def save_notice_template(
    *, actor: User, data: NoticeTemplateInput, pk: int
) -> NotificationTemplate:
    """Change the words of one message template (its code, language and channel stay); a
    broken template syntax is refused, nothing stored. Logged with old and new text."""
    template, before = _current(NotificationTemplate, pk, data)
    _fill(template, data)
    _check(template)
    template.save()
    _log(actor, template, before)
    return template


@dataclass(frozen=True)
class VisitPlanInput:
    policy: DeadlinePolicy | None
    share_percent: int
    seed: str
    max_tries: int
    send_link: bool
    on_unhappy: str
    on_unreachable: str


@transaction.atomic
def save_visit_plan(*, actor: User, data: VisitPlanInput, pk: int | None = None) -> VisitPlan:
    """Create or change a return-visit plan (one per deadline policy, one organisation-wide).
    Applies to cases answered from now on; visits already planned keep their place."""
    plan, before = _current(VisitPlan, pk, data)
    _fill(plan, data)
    _check(plan)
    plan.save()
    _log(actor, plan, before)
    return plan
@transaction.atomic
def load_approval_matrix(*, actor: User, key: str) -> int:
    """Put an approval-matrix preset in force (R-12), replacing the table; the change log keeps
    one addition per rule, noting the preset."""
    added = load_approval_preset(key)
    for row in ApprovalRuleRow.objects.filter(preset=key):
        record_change(actor=actor, obj=row, note=_("from preset %(key)s") % {"key": key})
    return added


@transaction.atomic
def save_approval_rule(
    *, actor: User, data: RuleInput, pk: int | None = None
) -> ApprovalRuleRow:
    """Add or change one rule of the approval matrix in force, logged with its old and new
    wording."""
    before = ApprovalRuleRow.objects.filter(pk=pk).first() if pk else None
    old_words = before.as_rule().words("zh") if before else ""
    row = save_rule(data, pk=pk)
    if before is None:
        record_change(actor=actor, obj=row)
    else:
        rule = str(_("rule"))
        record_change(
            actor=actor, obj=row, fields=[rule],
            values={rule: [old_words, row.as_rule().words("zh")]},
        )  # fmt: skip
    return row


@transaction.atomic
def remove_approval_rule(*, actor: User, pk: int) -> ApprovalRuleRow:
    """Take one rule out of the approval matrix in force (logged as a removal)."""
    row = ApprovalRuleRow.objects.get(pk=pk)
    record_change(actor=actor, obj=row, deleted=True, note=row.as_rule().words("zh"))
    return delete_rule(pk)
@transaction.atomic
def add_absence(
    *, actor: User, user: User, starts_at: datetime, ends_at: datetime, reason: str
) -> Absence:
    """Record that `user` is away (an approver away with no delegate passes their approvals
    up a level), logged as an addition. The hidden system account is never away."""
    if user.username == SYSTEM_USERNAME:
        raise Forbidden(
            "system_account", _("The system account cannot be recorded as away."), field="user"
        )
    absence = approvals.record_absence(
        user=user, starts_at=starts_at, ends_at=ends_at, reason=reason
    )
    record_change(actor=actor, obj=absence)
    return absence


@transaction.atomic
def end_absence(*, actor: User, absence: Absence, now: datetime) -> Absence | None:
    """End a running absence now (its period stays on record), or withdraw one that has not
    begun; logged as a change of its end, or as a removal."""
    before = str(absence)
    ended = approvals.end_absence(absence=absence, now=now)
    if ended is None:
        record_change(actor=actor, obj=absence, deleted=True, note=before)
    else:
        record_change(actor=actor, obj=ended, fields=[str(_("ends at"))])
    return ended


@transaction.atomic
def save_retention(*, actor: User, months: int, now: datetime) -> None:
    """Set the retention period (issue 20 part 5), with its change-log row."""
    before = retention.retention_months()
    policy = retention.set_retention(months=months, now=now)
    if before != months:
        label_ = str(policy._meta.get_field("months").verbose_name)
        record_change(
            actor=actor, obj=policy, fields=["months"], values={label_: [str(before), str(months)]}
        )
