"""Deliberation 合议 pages (R-14): the panel on the case page (ask for one, convene one for a
major case), the convening form, the deliberation page (minutes, each participant's own
opinion and confirmation, the decision), the archive 合议档案 and the printable
投诉案件合议记录表. Views parse, authorise through the services, and render."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kesu.cases.models import Case
from kesu.cases.selectors import case_attachments
from kesu.core.errors import NotFound, ServiceError
from kesu.core.labels import label
from kesu.decisions import deliberation_selectors as selectors
from kesu.decisions.models import MAX_PLACE, MAX_TEXT, Deliberation
from kesu.decisions.services import deliberation as service
from kesu.domain import deliberation as rules
from kesu.domain.deliberation import Grounds, Status
from kesu.domain.permissions import Permission, holders
from kesu.domain.vocabulary import OPEN_STATES, Severity
from kesu.org.access import Authority
from kesu.web.common import acting, row_id, visible_case
from kesu.web.display import punctuation
from kesu.web.printing import deliberation_record

P = Permission
PAGE_SIZE = 25
STEPS = ("refuse", "minutes", "opinion", "preliminary", "decide")


class RequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the case needs a deliberation"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ConveneForm(forms.Form):
    meeting_at = forms.DateTimeField(
        label=gettext_lazy("Meeting time"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    place = forms.CharField(label=gettext_lazy("Meeting place"), max_length=MAX_PLACE)
    participants = forms.MultipleChoiceField(
        label=gettext_lazy("Participants (you chair the meeting)"),
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.MultipleChoiceField(
        label=gettext_lazy("Evidence bundle"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=gettext_lazy("What participants should know beforehand"), required=False,
        max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, case: Case, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["participants"].choices = [
            (user.username, f"{user} · {user.department or '—'}")
            for user in selectors.participant_choices()
        ]
        fields["evidence"].choices = [
            (str(item.pk), item.original_name) for item in case_attachments(case)
        ]

    def meeting(self) -> service.Meeting:
        data = self.cleaned_data
        return service.Meeting(
            meeting_at=data["meeting_at"], place=data["place"],
            participants=data["participants"], evidence=[int(v) for v in data["evidence"]],
            note=data.get("note") or "",
        )  # fmt: skip


class TextForm(forms.Form):
    """The one text a step records: a refusal's reason, minutes, an opinion, a decision."""

    text = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}))


def deliberation_panel(case: Case, authority: Authority, now: datetime) -> dict[str, Any]:
    """The case page's 合议 panel: the case's deliberations and what the user may start."""
    del now
    found = selectors.case_deliberations(case)
    open_one = any(d.status in rules.OPEN for d in found)
    roles = authority.roles_on(case.assigned_department, case.handler_id)
    startable = case.state in OPEN_STATES and not open_one
    return {
        "deliberations": [
            {"item": d, "status": label(Status(d.status)), "grounds": label(Grounds(d.grounds))}
            for d in found
        ],
        "may_request_deliberation": startable and bool(roles & holders(P.REQUEST_DELIBERATION)),
        "may_convene_deliberation": startable
        and case.severity == Severity.MAJOR
        and authority.may(P.CONVENE_DELIBERATION),
        "request_form": RequestForm(),
    }


@login_required
@require_POST
def request(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    if not authority.roles_on(case.assigned_department, case.handler_id) & holders(
        P.REQUEST_DELIBERATION
    ):
        raise PermissionDenied(_("Your role may not do this on this case."))
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the case needs a deliberation."))
        return redirect("web:case", number=number)
    try:
        service.request_deliberation(
            case_id=case.pk, authority=authority, reason=form.cleaned_data["reason"], now=now
        )
    except ServiceError as problem:
        if isinstance(problem, NotFound):
            raise Http404(str(problem.message)) from problem
        messages.error(request, str(problem.message))
        return redirect("web:case", number=number)
    messages.success(request, _("Deliberation asked for; the supervisors are told."))
    return redirect("web:case", number=number)


@login_required
@require_http_methods(["GET", "POST"])
def convene(request: HttpRequest, number: str) -> HttpResponse:
    """Schedule the meeting: for a major case, or (?request=<id>) as approving a request."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    pending = row_id(request.GET.get("request", "") or request.POST.get("request", ""))
    if not authority.may(P.CONVENE_DELIBERATION):
        return render(request, "web/deliberation_convene.html", _refused(case), status=403)
    form = ConveneForm(case, request.POST or None, initial=_initial(case))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = service.convene(
                    case_id=case.pk, authority=authority, meeting=form.meeting(), now=now,
                    deliberation_id=pending,
                )  # fmt: skip
            except ServiceError as problem:
                if isinstance(problem, NotFound):
                    raise Http404(str(problem.message)) from problem
                form.add_error(problem.field if problem.field in form.fields else None,
                               problem.message)  # fmt: skip
                status = problem.status
            else:
                messages.success(request, _("Meeting scheduled; the participants are told."))
                return redirect("web:deliberation", deliberation_id=made.pk)
        else:
            status = 400
    context = {"case": case, "form": form, "pending": pending or ""}
    return render(request, "web/deliberation_convene.html", context, status=status)


def _refused(case: Case) -> dict[str, Any]:
    return {"case": case, "form": None, "refused": _("Your role may not do this on this case.")}


def _initial(case: Case) -> dict[str, Any]:
    """The handler sits in the meeting (合议案件经办人) unless taken off."""
    return {"participants": [case.handler.username] if case.handler else []}


def _visible(authority: Authority, deliberation_id: int) -> Deliberation:
    try:
        return selectors.get_deliberation(authority, deliberation_id)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def _page(
    request: HttpRequest,
    authority: Authority,
    now: datetime,
    deliberation: Deliberation,
    *,
    bound: tuple[str, TextForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    seats = selectors.seats(deliberation)
    me = next((s for s in seats if s.user_id == authority.user.pk), None)
    is_chair = deliberation.chair_id in authority.user_ids and authority.may(P.RECORD_DELIBERATION)
    open_now = deliberation.status in {Status.CONVENED, Status.PRELIMINARY}
    met = deliberation.meeting_at is not None and now >= deliberation.meeting_at
    steps: list[str] = []
    if deliberation.status == Status.REQUESTED and authority.may(P.CONVENE_DELIBERATION):
        steps.append("refuse")
    if open_now and is_chair:
        steps.append("minutes")
    if open_now and met and me is not None and me.confirmed_at is None:
        steps.append("opinion")
    all_in = all(s.confirmed_at for s in seats) and bool(deliberation.minutes.strip())
    if open_now and is_chair and all_in:
        steps += ["preliminary"] if deliberation.status == Status.CONVENED else []
        steps.append("decide")
    forms_by_step = {
        step: bound[1] if bound and bound[0] == step else _fresh(step, deliberation)
        for step in steps
    }
    context = {
        "d": deliberation,
        "case": deliberation.case,
        "status": label(Status(deliberation.status)),
        "grounds": label(Grounds(deliberation.grounds)),
        "seats": seats,
        "late": rules.is_late(Status(deliberation.status), deliberation.due_at, now),
        "step_forms": [(step, STEP_LABELS[step], form) for step, form in forms_by_step.items()],
        "may_convene_request": deliberation.status == Status.REQUESTED
        and authority.may(P.CONVENE_DELIBERATION),
        "waiting_for": [s.user for s in seats if s.confirmed_at is None],
        "p": punctuation(),
    }
    return render(request, "web/deliberation.html", context, status=status)


STEP_LABELS = {
    "refuse": gettext_lazy("Do not approve the request"),
    "minutes": gettext_lazy("Record the minutes"),
    "opinion": gettext_lazy("Confirm my opinion (my signature)"),
    "preliminary": gettext_lazy("Record a preliminary leaning"),
    "decide": gettext_lazy("Record the final decision"),
}


def _fresh(step: str, deliberation: Deliberation) -> TextForm:
    form = TextForm(
        prefix=step, initial={"text": deliberation.minutes if step == "minutes" else ""}
    )
    form.fields["text"].label = STEP_LABELS[step]
    return form


@login_required
@require_GET
def deliberation_page(request: HttpRequest, deliberation_id: int) -> HttpResponse:
    authority, now = acting(request)
    return _page(request, authority, now, _visible(authority, deliberation_id))


@login_required
@require_POST
def act(request: HttpRequest, deliberation_id: int) -> HttpResponse:
    """One step on the deliberation (PRG); a refusal shows the page with the reason."""
    authority, now = acting(request)
    deliberation = _visible(authority, deliberation_id)
    step = request.POST.get("step", "")
    if step not in STEPS:
        raise Http404(_("Unknown step."))
    form = TextForm(request.POST, prefix=step)
    form.fields["text"].label = STEP_LABELS[step]
    if not form.is_valid():
        return _page(request, authority, now, deliberation, bound=(step, form), status=400)
    text = form.cleaned_data["text"]
    try:
        _run(step, deliberation.pk, authority, text, now)
    except ServiceError as problem:
        form.add_error(None, problem.message)
        return _page(
            request, authority, now, deliberation, bound=(step, form), status=problem.status
        )
    messages.success(request, str(DONE[step]))
    return redirect("web:deliberation", deliberation_id=deliberation.pk)


DONE = {
    "refuse": gettext_lazy("The request is not approved; its author is told."),
    "minutes": gettext_lazy("Minutes recorded."),
    "opinion": gettext_lazy("Your opinion is confirmed."),
    "preliminary": gettext_lazy("Preliminary leaning recorded; the final decision is still due."),
    "decide": gettext_lazy("Final decision recorded."),
}


def _run(step: str, pk: int, authority: Authority, text: str, now: datetime) -> None:
    if step == "refuse":
        service.refuse_request(deliberation_id=pk, authority=authority, note=text, now=now)
    elif step == "minutes":
        service.record_minutes(deliberation_id=pk, authority=authority, minutes=text, now=now)
    elif step == "opinion":
        service.confirm_opinion(deliberation_id=pk, authority=authority, opinion=text, now=now)
    else:
        service.record_decision(
            deliberation_id=pk, authority=authority, text=text, final=step == "decide", now=now
        )


class ArchiveForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    number = forms.CharField(label=gettext_lazy("Case number"), required=False, max_length=40)
    late = forms.BooleanField(label=gettext_lazy("Final decision overdue"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", gettext_lazy("(any)"))] + [
            (s.value, label(s)) for s in Status
        ]

    def filters(self) -> selectors.ArchiveFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.ArchiveFilters(
            status=Status(data["status"]) if data.get("status") else None,
            number=(data.get("number") or "").strip(),
            late_only=bool(data.get("late")),
        )


@login_required
@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    """合议档案: every deliberation the user may see, filtered, 25 a page."""
    authority, now = acting(request)
    form = ArchiveForm(request.GET or None)
    rows = selectors.archive(authority, form.filters(), now=now)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [
        {
            "d": d,
            "status": label(Status(d.status)),
            "late": rules.is_late(Status(d.status), d.due_at, now),
        }
        for d in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "items": items, "query": query.urlencode()}
    return render(request, "web/deliberations.html", context)


@login_required
@require_GET
def record_pdf(request: HttpRequest, deliberation_id: int) -> HttpResponse:
    """The printable 投诉案件合议记录表."""
    authority, _now = acting(request)
    deliberation = _visible(authority, deliberation_id)
    body = deliberation_record(deliberation, selectors.seats(deliberation), authority)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f"inline; filename={deliberation.case.number}-deliberation-{deliberation.pk}.pdf"
    )
    return response
