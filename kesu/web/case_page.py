"""The case page: header and clocks, the registration record, the history, evidence, and one
form per action the acting user may take now. Every write goes through a service."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kesu.cases import selectors
from kesu.cases.models import AccessRecord, Case
from kesu.cases.privacy import complainant
from kesu.cases.screening import screening
from kesu.cases.services.access import record_access, record_personal_view
from kesu.cases.services.attachments import add_attachment, is_image, preview_policy
from kesu.cases.services.category import change_category
from kesu.cases.services.plan_approval import rule_words
from kesu.cases.services.retention import set_legal_hold
from kesu.cases.services.transitions import (
    actions_for,
    facts_of,
    opens_follow_up,
    perform_transition,
)
from kesu.core.errors import ServiceError
from kesu.core.labels import label
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.permissions import Permission
from kesu.domain.presets.terms import HANDLING_METHODS, MAJOR_CRITERIA, RELATIONS
from kesu.domain.vocabulary import Action, CaseKind, Channel, Severity, State
from kesu.domain.workflow import may_attach
from kesu.library import selectors as library_selectors
from kesu.notify.services import mark_case_read
from kesu.org.access import Authority
from kesu.triage.selectors import category_choices
from kesu.web import approvals, departments, display, imports
from kesu.web.accountability import case_panel
from kesu.web.action_forms import PAUSE_REASON_LABELS, ActionForm, action_form
from kesu.web.common import acting, follow_up_url, refusal, visible_case
from kesu.web.deliberations import deliberation_panel
from kesu.web.flash import done_message
from kesu.web.progress import may_send_progress

TERMS = {t.code: t for t in (*RELATIONS, *MAJOR_CRITERIA, *HANDLING_METHODS)}
#: The same caller's other cases shown on a case page, newest first.
RELATED_LIMIT = 10


def _term(code: str) -> str:
    return display.term_name(TERMS[code]) if code in TERMS else code


def _page(
    request: HttpRequest,
    authority: Authority,
    now: datetime,
    case: Case,
    *,
    bound: ActionForm | None = None,
    error: str = "",
    upload_error: str = "",
    departments_error: str = "",
    status: int = 200,
) -> HttpResponse:
    calendar = display.calendar_for(
        now, (case.acceptance_due, case.first_contact_due, case.resolution_due)
    )
    history = selectors.case_timeline(case)
    forms = [
        bound if bound is not None and bound.action is action else _fresh_form(case, action)
        for action in actions_for(case, authority, now)
    ]
    record_personal_view(authority, case, now=now)  # the page shows the unmasked complainant
    context: dict[str, Any] = {
        "case": case,
        "kind": label(CaseKind(case.kind)),
        "state": label(State(case.state)),
        "severity": label(Severity(case.severity)),
        "channel": label(Channel(case.channel)),
        "person": complainant(case, authority),
        "relation": _term(case.complainant_relation) if case.complainant_relation else "",
        "criteria": [_term(code) for code in case.major_criteria or []],
        "plan_method": _term(case.plan_method) if case.plan_method else "",
        "result_method": _term(case.result_method) if case.result_method else "",
        "shares": [  # recorded only with an answer: no query before one
            display.share_text(share.party_kind, share.party_name, share.percent)
            for share in (selectors.responsibility_shares(case) if case.answer else [])
        ],
        **deliberation_panel(case, authority, now),
        "approval": {
            "what": approvals.action_name(case),
            "approver": approvals.approver_label(case),
            "rule": rule_words(case),
        },
        "pause_reason": PAUSE_REASON_LABELS.get(case.clock_pause_reason, ""),
        "dues": display.case_dues(case, calendar, now),
        "timeline": display.timeline(history),
        "attachments": [
            {"item": item, "preview": preview_policy(item) is not None, "image": is_image(item)}
            for item in selectors.case_attachments(case)
        ],
        "related": _related(case, authority),
        "show_related": authority.sees_personal_data,
        **_follow_links(case, authority, now),
        "purchase_date": display.long_date(case.subject_purchase_date),
        "event_date": display.long_date(case.event_date),
        # Acceptance screening: offered beside the decision, never applied by itself.
        "screening": screening(case, authority)
        if any(form.action is Action.DECLINE for form in forms)
        else [],
        "p": display.punctuation(),
        "may_attach": may_attach(*facts_of(case, authority, now)),
        "may_send_progress": may_send_progress(case, authority),
        "action_forms": forms,
        "open_action": bound.action.value if bound is not None else "",
        "error": error,
        "upload_error": upload_error,
        **case_panel(case, authority),
        "may_hold": authority.may(Permission.SET_LEGAL_HOLD),
        # Issue 19: the triage suggestions as one-keystroke category choices
        "category_choices": (
            category_choices(case.facts) if authority.may(Permission.CHANGE_CATEGORY) else None
        ),
        # Co-handling 协办 and handover 转交 (kesu.decisions, R-10/R-13): kesu/web/departments.py
        "departments": departments.panel(
            case, authority, now, recorded={item.action for item in history.events}
        ),
        "departments_error": departments_error,
        # The case library and reply templates (kesu.library, R-24)
        "reply_templates": library_selectors.templates_for(case.category)
        if any(form.action is Action.ANSWER for form in forms)
        else [],
        "may_curate": authority.may(Permission.CURATE_LIBRARY),
        "in_library": authority.may(Permission.CURATE_LIBRARY)
        and library_selectors.entry_for(case) is not None,
        # A regulator's transfer or a case of the previous system (kesu.imports, issue 17)
        **imports.case_panel(case, now),
    }
    return render(request, "web/case.html", context, status=status)


#: The page as other workspace modules render it (e.g. with a co-handling form's refusal).
render_page = _page


def _fresh_form(case: Case, action: Action) -> ActionForm:
    """An action's empty form; after 退回方案 the plan form holds the plan that was sent back
    and says why, so the handler revises it instead of typing it again (D10)."""
    if action is not Action.SUBMIT_PLAN or not case.plan:
        return action_form(action)
    form = action_form(
        action,
        initial={"plan": case.plan, "method": case.plan_method, "amount": case.plan_amount},
    )
    returned = (
        case.events.filter(action__in=[Action.SUBMIT_PLAN, Action.REJECT_PLAN])
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if returned is not None and returned.action == Action.REJECT_PLAN:
        p = display.punctuation()
        form.notice = _("Sent back by %(who)s on %(when)s%(colon)s%(reason)s") % {
            "who": returned.actor or "—",
            "when": display.long_date(returned.at),
            "colon": p.colon,
            "reason": returned.note,
        }
    return form


def _related(case: Case, authority: Authority) -> list[dict[str, Any]]:
    """The caller's other cases the user may see (none for a masked reader), newest first."""
    return [
        {"case": other, "state": label(State(other.state)), "open": other.is_open}
        for other in selectors.related_cases(case, authority, RELATED_LIMIT)
    ]


def _follow_links(case: Case, authority: Authority, now: datetime) -> dict[str, Any]:
    """The closed case this one follows and the cases that follow it (R-06), as far as the
    user may see them, and where to open a follow-up of a closed case (not of a provisionally
    closed one inside its window: that one is continued, seed 004 恒康天安 第五条(五))."""
    links = selectors.follow_links(case, authority)
    new_follow_up = ""
    if opens_follow_up(case, now) and authority.may(Permission.REGISTER_CASE):
        new_follow_up = follow_up_url(case)
    return {
        "follows": links.follows,
        "followed_by": links.followed_by,
        "new_follow_up": new_follow_up,
    }


@login_required
@require_GET
def preview(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    """A picture or PDF shown in the browser (inline), checked exactly as a download is: the
    case must be visible, the file must belong to it, and its type must be one a browser shows
    safely; other files answer 404 here and are only downloaded."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    item = selectors.case_attachments(case).filter(pk=attachment_id).first()
    policy = preview_policy(item) if item is not None else None
    if item is None or policy is None:
        raise Http404(_("Attachment not found."))
    record_access(authority, case, AccessRecord.DOWNLOAD, now=now, detail=item.original_name)
    response = FileResponse(
        item.file.open("rb"), as_attachment=False, filename=item.original_name,
        content_type=item.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = policy
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def case_page(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    mark_case_read(authority.user, case, now=now)  # opening the case reads its notices
    return _page(request, authority, now, case)


@login_required
@require_POST
def act(request: HttpRequest, number: str) -> HttpResponse:
    """Take one action (PRG): success redirects with a message; a refusal or bad input shows
    the page again with the reason next to the form."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        return _page(request, authority, now, case, error=_("Unknown action."), status=400)
    form = action_form(action, request.POST)
    inline = request.headers.get("HX-Request") == "true"  # e.g. 催办 from the hotline look-up
    if not form.is_valid():
        if inline:
            return _inline(_("Write down what the customer said."), ok=False)
        return _page(request, authority, now, case, bound=form, status=400)
    try:
        case = perform_transition(
            case_id=case.pk,
            authority=authority,
            action=action,
            data=form.transition_input(),
            now=now,
        )
    except TransitionNotAllowed as refused:
        if inline:
            return _inline(refusal(refused), ok=False)
        return _page(request, authority, now, case, error=refusal(refused), status=409)
    except ServiceError as problem:
        if inline:
            return _inline(str(problem.message), ok=False)
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _page(request, authority, now, case, bound=form, status=problem.status)
    done = done_message(action, case)
    if inline:  # the agent stays on the page they were typing in
        return _inline(done, ok=True)
    messages.success(request, done)
    return redirect("web:case", number=number)


@login_required
@require_POST
def upload(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    file = request.FILES.get("file")
    if file is None:
        return _page(
            request, authority, now, case, upload_error=_("Choose a file to attach."), status=400
        )
    try:
        item = add_attachment(case_id=case.pk, upload=file, authority=authority, now=now)
    except ServiceError as problem:
        return _page(
            request, authority, now, case, upload_error=str(problem.message), status=problem.status
        )
    messages.success(request, _("Attached %(name)s.") % {"name": item.original_name})
    return redirect("web:case", number=number)


@login_required
@require_POST
def legal_hold(request: HttpRequest, number: str) -> HttpResponse:
    """Place or lift a legal hold (stops retention from masking the case's personal data)."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    hold = request.POST.get("hold") == "1"
    try:
        set_legal_hold(
            case_id=case.pk, authority=authority, hold=hold,
            reason=request.POST.get("reason", ""), now=now,
        )  # fmt: skip
    except ServiceError as problem:
        if problem.status == 403:
            raise PermissionDenied(str(problem.message)) from problem
        return _page(request, authority, now, case, error=str(problem.message), status=400)
    messages.success(request, _("Legal hold placed.") if hold else _("Legal hold lifted."))
    return redirect("web:case", number=number)


@login_required
@require_POST
def category(request: HttpRequest, number: str) -> HttpResponse:
    """Correct the case's category (a suggestion button or the full list)."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    try:
        changed = change_category(
            case_id=case.pk, authority=authority, code=request.POST.get("category", ""), now=now
        )
    except ServiceError as problem:
        if problem.status == 403:
            raise PermissionDenied(str(problem.message)) from problem
        return _page(request, authority, now, case, error=str(problem.message), status=400)
    messages.success(request, _("Category set to %(name)s.") % {"name": changed.category})
    return redirect("web:case", number=number)


def _inline(message: str, *, ok: bool) -> HttpResponse:
    """A one-line answer that htmx puts where the small form was (always 200, so it swaps)."""
    css = "ok" if ok else "errorlist"
    return HttpResponse(format_html('<span class="{}" role="status">{}</span>', css, message))
