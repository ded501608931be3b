"""Settings pages for the organisation: departments (a tree), users with their role,
delegation 委托代理 while someone is away, and absences (an approver away with no delegate)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesu.approvals.models import Absence
from kesu.approvals.selectors import absences_listed
from kesu.backoffice import services
from kesu.backoffice.access import acting_authority, actor, manager_required
from kesu.backoffice.forms import AbsenceForm, DelegationForm, DepartmentForm, UserForm
from kesu.backoffice.pages import Row, Table, edit, show_table, typed, yes_no
from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.core.formatting import punctuation
from kesu.core.labels import label
from kesu.org import selectors as organisation
from kesu.org.access import roles_held
from kesu.org.models import Delegation, Department, User
from kesu.org.services import SYSTEM_USERNAME

SHOWN_AFTER_END = timedelta(days=90)  # ended delegations and absences stay listed this long


@manager_required
def departments(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[
                department.name,
                department.code,
                department.people,
                yes_no(department.is_active),
            ],
            url=reverse("backoffice:department", args=[department.pk]),
            inactive=not department.is_active,
            depth=depth,
        )
        for department, depth in organisation.department_tree(active_only=False, count_members=True)
    ]
    table = Table(
        title=_("Departments"),
        columns=[_("name"), _("code"), _("active members"), _("active")],
        rows=rows,
        new_url=reverse("backoffice:department-new"),
        new_label=_("New department"),
        intro=_(
            "Handlers and department heads see the cases of their department and the departments "
            "below it. Moving a department moves everything below it."
        ),
    )
    return show_table(request, table)


@manager_required
def department(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(Department, pk=pk) if pk else Department()
    return edit(
        request,
        form=DepartmentForm(request.POST or None, instance=instance),
        save=lambda f: services.save_department(
            actor=actor(request), data=typed(services.DepartmentInput, f), pk=pk
        ),
        title=_("Department") if pk else _("New department"),
        back=reverse("backoffice:departments"),
    )


@manager_required
def users(request: HttpRequest) -> HttpResponse:
    people = (
        User.objects.exclude(username=SYSTEM_USERNAME)
        .select_related("department")
        .prefetch_related("extra_roles")
        .order_by("-is_active", "department__path", "username")
    )
    query = request.GET.get("q", "").strip()[:60]
    if query:
        people = people.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(phone__contains=query)
        )
    rows = [
        Row(
            cells=[
                person.username,
                person.full_name,
                _roles(person),
                person.department or "—",
                person.phone or "—",
                yes_no(person.is_active),
            ],
            url=reverse("backoffice:user", args=[person.pk]),
            inactive=not person.is_active,
        )
        for person in people[:500]
    ]
    table = Table(
        title=_("Users"),
        columns=[
            _("user name"),
            _("full name"),
            _("role"),
            _("department"),
            _("phone"),
            _("active"),
        ],
        rows=rows,
        new_url=reverse("backoffice:user-new"),
        new_label=_("New user"),
        intro=_(
            "The first role is the primary one; someone with two jobs holds further roles over "
            "the same department. Someone who leaves is deactivated, not deleted: their steps "
            "stay on the record under their name."
        ),
        extra={"search": query},
    )
    return show_table(request, table)


@manager_required
def user(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = (
        get_object_or_404(User.objects.exclude(username=SYSTEM_USERNAME), pk=pk) if pk else User()
    )
    authority = acting_authority(request)
    form = UserForm(request.POST or None, instance=instance, authority=authority)
    return edit(
        request,
        form=form,
        save=lambda f: services.save_user(
            authority=authority, data=typed(services.UserInput, f), pk=pk
        ),
        title=_("User") if pk else _("New user"),
        back=reverse("backoffice:users"),
    )


def _roles(person: User) -> str:
    """Every role `person` holds, primary first (`extra_roles` prefetched)."""
    held = roles_held(person, [r.role for r in person.extra_roles.all()])
    return punctuation().enumeration.join(str(label(role)) for role in held)


@manager_required
def delegations(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_delegation(
                authority=acting_authority(request),
                delegator=data["delegator"],
                delegate=data["delegate"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Delegation saved."))
            return redirect("backoffice:delegations")
    listed = (
        Delegation.objects.filter(ends_at__gt=now - SHOWN_AFTER_END)
        .select_related("delegator__department", "delegate__department")
        .prefetch_related("delegator__extra_roles")
        .order_by("-ends_at")
    )
    rows = [
        {
            "delegation": d,
            "running": d.starts_at <= now < d.ends_at,
            "future": d.starts_at > now,
            "over": d.ends_at <= now,
            "delegator_role": _roles(d.delegator),
        }
        for d in listed[:200]
    ]
    status = 400 if request.method == "POST" else 200
    return render(
        request, "backoffice/delegations.html", {"form": form, "rows": rows}, status=status
    )


@manager_required
@require_POST
def end_delegation(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation, pk=pk)
    try:
        services.end_delegation(actor=actor(request), delegation=delegation, now=clock.now())
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Delegation ended."))
    return redirect("backoffice:delegations")


@manager_required
def absences(request: HttpRequest) -> HttpResponse:
    """Who is away: an approver away with no delegate passes their approvals a level up
    (`kesu.approvals.selectors.covering_role`); a delegation (page beside) covers instead."""
    now = clock.now()
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_absence(
                actor=actor(request),
                user=data["user"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Absence saved."))
            return redirect("backoffice:absences")
    rows = [
        {
            "absence": a,
            "running": a.starts_at <= now < a.ends_at,
            "future": a.starts_at > now,
            "over": a.ends_at <= now,
            "role": _roles(a.user),
        }
        for a in absences_listed(now=now, ended_since=now - SHOWN_AFTER_END)
    ]
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/absences.html", {"form": form, "rows": rows}, status=status)


@manager_required
@require_POST
def end_absence(request: HttpRequest, pk: int) -> HttpResponse:
    absence = get_object_or_404(Absence, pk=pk)
    try:
        services.end_absence(actor=actor(request), absence=absence, now=clock.now())
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Absence ended."))
    return redirect("backoffice:absences")
