"""Accountability 责任追究 and rectification 整改 pages (R-23). Penalties show only to the roles
holding SEE_ACCOUNTABILITY; a rectification shows to them, to the office that verifies it and to
the responsible department's heads. Every write goes through `decisions.services.accountability`."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kesu.cases.models import Case
from kesu.core.clock import local
from kesu.core.errors import NotFound, ServiceError
from kesu.core.labels import label
from kesu.decisions import accountability_selectors as selectors
from kesu.decisions.models import Finding, FindingState, Rectification, RectificationState
from kesu.decisions.services import accountability as services
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Role
from kesu.org.access import Authority
from kesu.web import accountability_print
from kesu.web.common import acting, visible_case

P = Permission


class FindingForm(forms.Form):
    department = forms.TypedChoiceField(label=gettext_lazy("Responsible department"), coerce=int)
    person = forms.TypedChoiceField(
        label=gettext_lazy("Responsible person"), coerce=int, required=False, empty_value=None
    )
    person_name = forms.CharField(
        label=gettext_lazy("…or a person outside the system"), max_length=60, required=False
    )
    subject_is_manager = forms.BooleanField(
        label=gettext_lazy("That person is a manager"), required=False
    )
    grounds = forms.CharField(label=gettext_lazy("Grounds"), widget=forms.Textarea, max_length=4000)
    evidence = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Evidence"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tier = forms.TypedChoiceField(label=gettext_lazy("Penalty"), coerce=int)
    amount = forms.DecimalField(
        label=gettext_lazy("Fine (yuan)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(0),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["department"].choices = [(d.pk, d.name) for d in selectors.departments()]
        fields["person"].choices = [("", "—")] + [
            (u.pk, f"{u}（{u.department or '—'}）") for u in selectors.people()
        ]
        fields["evidence"].choices = [
            (a.pk, a.original_name) for a in selectors.case_evidence(case)
        ]
        fields["tier"].choices = [(t.pk, t.name_zh) for t in selectors.penalty_tiers()]

    def data_in(self) -> services.FindingInput:
        d = self.cleaned_data
        return services.FindingInput(
            department_id=d["department"],
            grounds=d["grounds"],
            tier_id=d["tier"],
            person_id=d["person"],
            person_name=d["person_name"],
            subject_is_manager=d["subject_is_manager"],
            amount=d["amount"],
            evidence_ids=tuple(d["evidence"] or ()),
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", gettext_lazy("Uphold the penalty")),
            ("reject", gettext_lazy("Do not uphold")),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea, required=False, max_length=4000
    )


class IssueForm(forms.Form):
    requirement = forms.CharField(
        label=gettext_lazy("What must be rectified"), widget=forms.Textarea, max_length=4000
    )
    days = forms.IntegerField(
        label=gettext_lazy("Working days to rectify"),
        required=False,
        min_value=1,
        max_value=services.MAX_RECTIFICATION_DAYS,
    )


class ReportForm(forms.Form):
    report = forms.CharField(
        label=gettext_lazy("What was done"), widget=forms.Textarea, max_length=4000
    )
    evidence = forms.CharField(
        label=gettext_lazy("Evidence of the rectification"),
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )


class VerifyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Verification"),
        widget=forms.RadioSelect,
        choices=[
            ("verified", gettext_lazy("Verified")),
            ("returned", gettext_lazy("Not sufficient: back to the department")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea, required=False, max_length=4000
    )


def role_name(code: str) -> str:
    """A role code as people read it (a code the matrix adds later shows as itself)."""
    try:
        return str(label(Role(code)))
    except ValueError:
        return code


def _penalties_only(authority: Authority) -> None:
    if not selectors.sees_penalties(authority):
        raise PermissionDenied


def _finding(authority: Authority, finding_id: int) -> Finding:
    _penalties_only(authority)
    try:
        return selectors.finding(authority, finding_id)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def _rectification(authority: Authority, rectification_id: int) -> Rectification:
    try:
        return selectors.rectification(authority, rectification_id)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def _finding_rows(findings: list[Finding], authority: Authority) -> list[dict[str, Any]]:
    return [
        {
            "item": item,
            "may_decide": item.state == FindingState.PROPOSED
            and services.may_decide(item, authority),
            "may_issue": item.state != FindingState.REJECTED
            and not hasattr(item, "rectification")
            and authority.may(P.ISSUE_RECTIFICATION),
            "rectification": getattr(item, "rectification", None),
            "approver": role_name(item.approver_role),
        }
        for item in findings
    ]


def _case_page(
    request: HttpRequest,
    authority: Authority,
    case: Case,
    *,
    form: FindingForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    may_propose = authority.may(P.PROPOSE_PENALTY)
    context = {
        "case": case,
        "findings": _finding_rows(selectors.case_findings(authority, case), authority),
        "form": form or (FindingForm(case=case) if may_propose else None),
        "decision_form": DecisionForm(),
        "issue_form": IssueForm(),
        "error": error,
    }
    return render(request, "web/accountability/case.html", context, status=status)


@login_required
def case_accountability(request: HttpRequest, number: str) -> HttpResponse:
    """The findings of one case (GET) and a new one (POST)."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    _penalties_only(authority)
    if request.method != "POST":
        return _case_page(request, authority, case)
    if not authority.may(P.PROPOSE_PENALTY):
        raise PermissionDenied
    form = FindingForm(request.POST, case=case)
    if not form.is_valid():
        return _case_page(request, authority, case, form=form, status=400)
    try:
        services.record_finding(case=case, data=form.data_in(), authority=authority, now=now)
    except ServiceError as problem:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _case_page(request, authority, case, form=form, status=problem.status)
    messages.success(request, _("Finding recorded; the penalty waits for approval."))
    return redirect("web:case-accountability", number=number)


@login_required
@require_POST
def decide(request: HttpRequest, finding_id: int) -> HttpResponse:
    authority, now = acting(request)
    item = _finding(authority, finding_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _case_page(request, authority, item.case, error=_("Choose a decision."), status=400)
    try:
        services.decide_penalty(
            finding_id=item.pk,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            authority=authority,
            now=now,
        )
    except ServiceError as problem:
        return _case_page(
            request, authority, item.case, error=str(problem.message), status=problem.status
        )
    messages.success(request, _("Decision recorded."))
    return redirect("web:case-accountability", number=item.case.number)


@login_required
@require_POST
def issue(request: HttpRequest, finding_id: int) -> HttpResponse:
    authority, now = acting(request)
    item = _finding(authority, finding_id)
    if not authority.may(P.ISSUE_RECTIFICATION):
        raise PermissionDenied
    form = IssueForm(request.POST)
    if not form.is_valid():
        return _case_page(
            request, authority, item.case, error=_("Write down what must be rectified."), status=400
        )
    try:
        made = services.issue_rectification(
            finding_id=item.pk,
            requirement=form.cleaned_data["requirement"],
            days=form.cleaned_data["days"],
            authority=authority,
            now=now,
        )
    except ServiceError as problem:
        return _case_page(
            request, authority, item.case, error=str(problem.message), status=problem.status
        )
    messages.success(
        request,
        _("Rectification notice issued to %(department)s.") % {"department": made.department},
    )
    return redirect("web:rectification", rectification_id=made.pk)


@login_required
@require_GET
def finding_pdf(request: HttpRequest, finding_id: int) -> HttpResponse:
    authority, _now = acting(request)
    item = _finding(authority, finding_id)
    response = HttpResponse(accountability_print.decision(item), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={item.case.number}-accountability.pdf"
    return response


def _period(request: HttpRequest, now: datetime) -> tuple[datetime, datetime]:
    """The period of the repeat-offence counts: ?days=N back from today (default 365)."""
    raw = request.GET.get("days", "365")
    days = int(raw) if raw.isdigit() and 0 < int(raw) <= 3660 else 365
    return now - timedelta(days=days), now


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The newest findings and the repeat offences per person and department."""
    authority, now = acting(request)
    _penalties_only(authority)
    start, end = _period(request, now)
    context = {
        "findings": selectors.recent_findings(authority),
        "offences": selectors.repeat_offences(authority, start=start, end=end),
        "days": (end - start).days,
    }
    return render(request, "web/accountability/overview.html", context)


@login_required
@require_GET
def rectifications(request: HttpRequest) -> HttpResponse:
    authority, now = acting(request)
    if not (
        authority.may(P.SEE_ACCOUNTABILITY)
        or authority.may(P.VERIFY_RECTIFICATION)
        or authority.may(P.REPORT_RECTIFICATION)
    ):
        raise PermissionDenied
    rows = list(selectors.rectifications_for(authority)[: selectors.PAGE_SIZE])
    context = {"rows": rows, "now": now}
    return render(request, "web/accountability/rectifications.html", context)


def _rectification_page(
    request: HttpRequest,
    authority: Authority,
    item: Rectification,
    *,
    report_form: ReportForm | None = None,
    verify_form: VerifyForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    may_report = item.is_open and services.may_report(item, authority)
    may_verify = item.state == RectificationState.REPORTED and authority.may(P.VERIFY_RECTIFICATION)
    context = {
        "item": item,
        "state": item.get_state_display(),
        "late": item.is_open and item.due_at < acting(request)[1],
        "report_form": (report_form or ReportForm()) if may_report else None,
        "verify_form": (verify_form or VerifyForm()) if may_verify else None,
        "sees_penalties": selectors.sees_penalties(authority),
        "due_day": local(item.due_at).date(),
        "error": error,
    }
    return render(request, "web/accountability/rectification.html", context, status=status)


@login_required
@require_GET
def rectification(request: HttpRequest, rectification_id: int) -> HttpResponse:
    authority, _now = acting(request)
    return _rectification_page(request, authority, _rectification(authority, rectification_id))


@login_required
@require_POST
def report(request: HttpRequest, rectification_id: int) -> HttpResponse:
    authority, now = acting(request)
    item = _rectification(authority, rectification_id)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _rectification_page(request, authority, item, report_form=form, status=400)
    try:
        services.report_rectification(
            rectification_id=item.pk,
            report=form.cleaned_data["report"],
            evidence=form.cleaned_data["evidence"],
            authority=authority,
            now=now,
        )
    except ServiceError as problem:
        return _rectification_page(
            request,
            authority,
            item,
            report_form=form,
            error=str(problem.message),
            status=problem.status,
        )
    messages.success(request, _("Rectification report submitted."))
    return redirect("web:rectification", rectification_id=item.pk)


@login_required
@require_POST
def verify(request: HttpRequest, rectification_id: int) -> HttpResponse:
    authority, now = acting(request)
    item = _rectification(authority, rectification_id)
    if not authority.may(P.VERIFY_RECTIFICATION):
        raise PermissionDenied
    form = VerifyForm(request.POST)
    if not form.is_valid():
        return _rectification_page(request, authority, item, verify_form=form, status=400)
    try:
        services.verify_rectification(
            rectification_id=item.pk,
            verified=form.cleaned_data["outcome"] == "verified",
            reason=form.cleaned_data["reason"],
            authority=authority,
            now=now,
        )
    except ServiceError as problem:
        return _rectification_page(
            request,
            authority,
            item,
            verify_form=form,
            error=str(problem.message),
            status=problem.status,
        )
    messages.success(request, _("Verification recorded."))
    return redirect("web:rectification", rectification_id=item.pk)


@login_required
@require_GET
def notice_pdf(request: HttpRequest, rectification_id: int) -> HttpResponse:
    authority, _now = acting(request)
    item = _rectification(authority, rectification_id)
    response = HttpResponse(accountability_print.notice(item), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={item.case.number}-rectification.pdf"
    return response


def case_panel(case: Case, authority: Authority) -> dict[str, Any]:
    """What the case page shows of accountability: the link for the roles that see penalties,
    and the case's rectifications the user may read (no penalty on them)."""
    return {
        "accountability_link": selectors.sees_penalties(authority),
        "case_rectifications": selectors.case_rectifications(authority, case),
    }
