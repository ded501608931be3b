"""Settings pages for the rulebook's vocabulary: the category tree, decline reasons 不予受理原因
and deadline policies 时限规则."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kesu.backoffice import services
from kesu.backoffice.access import actor, manager_required
from kesu.backoffice.forms import CategoryForm, DeclineReasonForm, PolicyForm
from kesu.backoffice.pages import Row, Table, edit, show_table, typed, yes_no
from kesu.cases import catalogue_selectors as catalogue
from kesu.cases.models import Category, DeclineReason
from kesu.cases.services.catalogue import load_category_preset
from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.core.formatting import punctuation
from kesu.core.labels import PAUSE_REASON_LABELS, label
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.presets.categories import CATEGORY_PRESETS
from kesu.domain.vocabulary import CaseKind, Channel, Role, Severity, TimeUnit


@manager_required
def categories(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[category.name_zh, category.name_en, category.code, yes_no(category.is_active)],
            url=reverse("backoffice:category", args=[category.pk]),
            inactive=not category.is_active,
            depth=depth,
        )
        for category, depth in catalogue.category_tree(active_only=False)
    ]
    table = Table(
        title=_("Complaint categories"),
        columns=[_("name (Chinese)"), _("name (English)"), _("code"), _("active")],
        rows=rows,
        new_url=reverse("backoffice:category-new"),
        new_label=_("New category"),
        intro=_(
            "Categories are never deleted: cases keep theirs. Switch one off to stop offering it."
        ),
        extra={"presets": [(p.key, p.name_zh) for p in CATEGORY_PRESETS]},
    )
    return show_table(request, table, "backoffice/categories.html")


@manager_required
def category(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(Category, pk=pk) if pk else Category()
    form = CategoryForm(request.POST or None, instance=instance)
    return edit(
        request,
        form=form,
        save=lambda f: services.save_category(
            actor=actor(request), data=typed(services.CategoryInput, f), pk=pk
        ),
        title=_("Category") if pk else _("New category"),
        back=reverse("backoffice:categories"),
    )


@manager_required
@require_POST
def category_preset(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("preset", "")
    if key not in {p.key for p in CATEGORY_PRESETS}:
        messages.error(request, _("Choose one of the listed presets."))
    else:
        added = services.load_preset(actor=actor(request), key=key, loader=load_category_preset)
        messages.success(request, _("%(n)s categories added.") % {"n": added})
    return redirect("backoffice:categories")


@manager_required
def reasons(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[r.name_zh, r.name_en, r.code, r.sort_order, yes_no(r.is_active)],
            url=reverse("backoffice:reason", args=[r.pk]),
            inactive=not r.is_active,
        )
        for r in catalogue.decline_reasons(active_only=False)
    ]
    table = Table(
        title=_("Decline reasons"),
        columns=[_("name (Chinese)"), _("name (English)"), _("code"), _("sort order"), _("active")],
        rows=rows,
        new_url=reverse("backoffice:reason-new"),
        new_label=_("New decline reason"),
        intro=_("The reasons an agent may give when a complaint is not accepted (不予受理)."),
    )
    return show_table(request, table)


@manager_required
def reason(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(DeclineReason, pk=pk) if pk else DeclineReason()
    return edit(
        request,
        form=DeclineReasonForm(request.POST or None, instance=instance),
        save=lambda f: services.save_decline_reason(
            actor=actor(request), data=typed(services.DeclineReasonInput, f), pk=pk
        ),
        title=_("Decline reason") if pk else _("New decline reason"),
        back=reverse("backoffice:reasons"),
    )


def _amount(amount: int | None, unit: str) -> str:
    """7个工作日 / 7 working days (1 working day)."""
    if not amount or not unit:
        return "—"
    match TimeUnit(unit):
        case TimeUnit.WORKING_DAYS:
            text = ngettext("%(n)s working day", "%(n)s working days", amount)
        case TimeUnit.CALENDAR_DAYS:
            text = ngettext("%(n)s calendar day", "%(n)s calendar days", amount)
        case TimeUnit.WORKING_HOURS:
            text = ngettext("%(n)s working hour", "%(n)s working hours", amount)
        case TimeUnit.HOURS:
            text = ngettext("%(n)s hour", "%(n)s hours", amount)
    return text % {"n": amount}


def _applies_to(policy: DeadlinePolicy) -> str:
    parts = [
        str(label(CaseKind(policy.kind))) if policy.kind else "",
        str(label(Severity(policy.severity))) if policy.severity else "",
        str(label(Channel(policy.channel))) if policy.channel else "",
        policy.category.name if policy.category_id and policy.category else "",
    ]
    return " · ".join(p for p in parts if p) or _("every case")


@manager_required
def policies(request: HttpRequest) -> HttpResponse:
    rows = []
    marks = punctuation()
    for policy in DeadlinePolicy.objects.select_related("category"):
        pauses = marks.enumeration.join(
            str(PAUSE_REASON_LABELS.get(r, r)) for r in policy.pause_reasons
        )
        extension = _amount(policy.max_extension_amount, policy.max_extension_unit)
        if policy.extension_approver:
            extension += f"{marks.open}{label(Role(policy.extension_approver))}{marks.close}"
        if policy.extension_total_amount:
            total = _amount(policy.extension_total_amount, policy.extension_total_unit)
            extension += marks.separator + _("at most %(total)s in all") % {"total": total}
        rows.append(
            Row(
                cells=[
                    policy.name,
                    _applies_to(policy),
                    _amount(policy.acceptance_amount, policy.acceptance_unit),
                    _amount(policy.contact_amount, policy.contact_unit),
                    _amount(policy.resolution_amount, policy.resolution_unit),
                    pauses or _("never paused"),
                    extension if policy.max_extension_amount else _("no limit"),
                    policy.priority,
                    yes_no(policy.is_active),
                ],
                url=reverse("backoffice:policy", args=[policy.pk]),
                inactive=not policy.is_active,
            )
        )
    table = Table(
        title=_("Deadline policies"),
        columns=[
            _("name"),
            _("applies to"),
            _("acceptance within"),
            _("first contact within"),
            _("resolution within"),
            _("clock may pause for"),
            _("first extension at most"),
            _("priority"),
            _("active"),
        ],
        rows=rows,
        new_url=reverse("backoffice:policy-new"),
        new_label=_("New deadline policy"),
        intro=_(
            "A case takes the most specific active policy (category, then severity, then kind; "
            "ties go to the lower priority number). Changing a policy does not move the due "
            "times of open cases: recalculate them on the policy's page, or one case on its "
            "page; each case's history records it."
        ),
    )
    return show_table(request, table)


@manager_required
def policy(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(DeadlinePolicy, pk=pk) if pk else DeadlinePolicy()
    extra = {}
    if pk:
        extra["recalculate"] = {
            "url": reverse("backoffice:policy-recalculate", args=[pk]),
            "count": services.open_cases_of(instance).count(),
        }
    return edit(
        request,
        form=PolicyForm(request.POST or None, instance=instance),
        save=lambda f: services.save_policy(
            actor=actor(request), data=typed(services.PolicyInput, f), pk=pk
        ),
        title=_("Deadline policy") if pk else _("New deadline policy"),
        back=reverse("backoffice:policies"),
        intro=_("Open cases keep their due times; new cases and recalculations use the change."),
        extra=extra,
    )


@manager_required
@require_POST
def policy_recalculate(request: HttpRequest, pk: int) -> HttpResponse:
    """The explicit bulk recalculation after a policy change (each case's history records it)."""
    instance = get_object_or_404(DeadlinePolicy, pk=pk)
    try:
        moved = services.recalculate_policy_cases(
            actor=actor(request),
            policy=instance,
            note=request.POST.get("note", ""),
            now=clock.now(),
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            ngettext(
                "Recalculated the due times of %(n)s open case.",
                "Recalculated the due times of %(n)s open cases.",
                moved,
            )
            % {"n": moved},
        )
    return redirect(reverse("backoffice:policy", args=[pk]))
