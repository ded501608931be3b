"""Hotline entry: the page an agent fills while the customer is on the phone. Typing the phone
number lists the caller's cases (open ones first, to hasten instead of duplicating); saving
registers the case (idempotently), accepts it at once if asked, and shows the number and the
promised deadline to read out."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kesu.cases import selectors
from kesu.cases.models import Case, normalise_phone
from kesu.cases.privacy import complainant
from kesu.cases.services.registration import FOLLOWABLE_STATES
from kesu.cases.services.transitions import (
    TransitionInput,
    actions_for,
    opens_follow_up,
    perform_transition,
)
from kesu.core.errors import Conflict, ServiceError
from kesu.core.formatting import term_name
from kesu.core.labels import event_label, label
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.permissions import Permission
from kesu.domain.presets.terms import MAJOR_CRITERIA
from kesu.domain.severity import GROUP_COMPLAINT_SIZE
from kesu.domain.vocabulary import OPEN_STATES, Action, Severity, State
from kesu.intake.services.arrival import receive
from kesu.library import selectors as library_selectors
from kesu.org.access import Authority
from kesu.triage import selectors as triage_selectors
from kesu.web import choices as options
from kesu.web import display
from kesu.web.action_forms import action_form
from kesu.web.common import acting, follow_up_url, refusal, visible_case
from kesu.web.forms import RegistrationForm

MIN_DIGITS = 5
#: The major criteria a cue may name, with their labels in the user's language.
TRIAGE_TERMS = {term.code: term for term in MAJOR_CRITERIA}
LOOKUP_LIMIT = 20
#: What a follow-up form copies from the closed case it follows (the caller and the category).
FOLLOW_UP_COPIES = (
    "complainant_name", "complainant_phone", "complainant_relation", "complainant_count",
    "complainant_email", "complainant_address", "complainant_employer", "complainant_id_number",
    "subject_product", "subject_order_number",
)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def hotline(request: HttpRequest) -> HttpResponse:
    authority, now = acting(request)
    if not authority.may(Permission.REGISTER_CASE):
        raise PermissionDenied(_("Your role cannot register cases."))
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                # The hotline does not attach repeats itself: the look-up has offered the
                # caller's open cases with a one-click 催办, and the agent chose to register.
                arrival = receive(
                    form.registration(),
                    authority=authority,
                    now=now,
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    attach_repeats=False,
                )
                case, created = arrival.case, arrival.created
            except Conflict as problem:  # the key of an earlier, different submission
                form = _with_new_key(request)
                form.add_error(None, problem.message)
            except ServiceError as problem:
                field = problem.field if problem.field in form.fields else None
                form.add_error(field, problem.message)
            else:
                if created and form.cleaned_data["accept_now"]:
                    _accept(request, case, authority, now)
                return redirect(f"{reverse('web:hotline')}?{urlencode({'done': case.number})}")
        status = 400
    else:
        initial = {"accept_now": authority.may(Permission.ACCEPT)}
        initial |= _follow_up_initial(authority, request.GET.get("follows", "")[:40])
        form = RegistrationForm(initial=initial)
        status = 200
    done = None
    if number := request.GET.get("done", "")[:40]:
        done = visible_case(authority, number)
    context: dict[str, Any] = {
        "form": form,
        "done": done,
        "done_by": display.long_date(done.resolution_due or done.acceptance_due) if done else "",
        "following": bool(form["follows"].value()),
        "category_options": options.category_options(),
        "group_size": GROUP_COMPLAINT_SIZE,
        "major": label(Severity.MAJOR),
        "p": display.punctuation(),
        "reply_templates": library_selectors.templates_for(None, all_categories=True),
    }
    return render(request, "web/hotline.html", context, status=status)


def _follow_up_initial(authority: Authority, number: str) -> dict[str, Any]:
    """The form prefilled from the closed case a customer is unhappy with: the caller, the
    category and the number to follow (nothing when the case is not visible or not closed)."""
    if not number:
        return {}
    followed = selectors.find_case(authority, number, states=FOLLOWABLE_STATES)
    if followed is None:
        return {"follows": number}  # the service says why on save
    initial: dict[str, Any] = {"follows": followed.number}
    if followed.category is not None and followed.category.is_active:
        initial["category"] = followed.category.code
    if authority.sees_personal_data:
        initial |= {name: getattr(followed, name) for name in FOLLOW_UP_COPIES}
    return initial


def _with_new_key(request: HttpRequest) -> RegistrationForm:
    data = request.POST.copy()
    data["idempotency_key"] = uuid.uuid4().hex
    form = RegistrationForm(data)
    form.is_valid()
    return form


def _accept(request: HttpRequest, case: Case, authority: Any, now: Any) -> None:
    """Accept the new case at once; if that is refused the case stays registered, and the page
    says why (the registration itself has succeeded)."""
    try:
        perform_transition(
            case_id=case.pk, authority=authority, action=Action.ACCEPT,
            data=TransitionInput(), now=now,
        )  # fmt: skip
    except TransitionNotAllowed as refused:
        messages.warning(request, refusal(refused))
    except ServiceError as problem:
        messages.warning(request, str(problem.message))


@login_required
@require_POST
def lookup(request: HttpRequest) -> HttpResponse:
    """The caller's cases the user may see, open ones first, each open one with a 催办 form.
    Posted (htmx sends the hotline form's fields), so the number is in no request line."""
    authority, now = acting(request)
    raw = request.POST.get("phone") or request.POST.get("complainant_phone") or ""
    digits = normalise_phone(raw[:30])
    rows: list[dict[str, Any]] = []
    if digits.isdigit() and len(digits) >= MIN_DIGITS:
        page = selectors.list_cases(
            authority, selectors.CaseFilters(text=digits), now=now, limit=LOOKUP_LIMIT
        )
        cases = sorted(page.items, key=lambda c: c.state not in OPEN_STATES)  # stable: newest
        calendar = display.calendar_for(now, [case.next_due for case in cases])
        last_steps = _last_steps([case.pk for case in cases])
        rows = [
            {
                "case": case,
                "open": case.state in OPEN_STATES,
                "state": label(State(case.state)),
                "complainant": complainant(case, authority),
                "due": display.next_due_of(case, calendar, now),
                "last_step": last_steps.get(case.pk),
                "follow_up": follow_up_url(case) if opens_follow_up(case, now) else "",
                "hasten": action_form(Action.HASTEN)
                if Action.HASTEN in actions_for(case, authority, now)
                else None,
            }
            for case in cases
        ]
    context = {
        "rows": rows,
        "digits": digits,
        "searched": len(digits) >= MIN_DIGITS,
        "p": display.punctuation(),
    }
    return render(request, "web/_lookup.html", context)


def _last_steps(case_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The latest history step of each case (label and time): what the agent reads out when
    the caller asks "到哪一步了？"."""
    return {
        case_id: {"label": event_label(event.action), "at": event.at}
        for case_id, event in selectors.last_steps(case_ids).items()
    }


TRIAGE_MIN_CHARS = 4


@login_required
@require_POST
def triage(request: HttpRequest) -> HttpResponse:
    """The suggestions panel while the agent types the facts (HTMX, debounced): the likely
    categories as one-keystroke choices, the major-complaint cues with the words that triggered
    them (to confirm), the tone, and visible cases that look like the same complaint."""
    authority, now = acting(request)
    if not authority.may(Permission.REGISTER_CASE):
        raise PermissionDenied(_("Your role cannot register cases."))
    facts = request.POST.get("facts", "")[:10_000]
    context: dict[str, Any] = {"p": display.punctuation(), "typed": False}
    if len(facts.strip()) >= TRIAGE_MIN_CHARS:
        count = request.POST.get("complainant_count", "1")
        found = triage_selectors.suggest(
            authority,
            now=now,
            facts=facts,
            phone=request.POST.get("complainant_phone", "")[:30],
            order=request.POST.get("subject_order_number", "")[:60],
            complainant_count=int(count) if count.isdigit() and len(count) < 6 else 1,
            exclude=request.POST.get("exclude", "")[:40],
            offered_criteria=list(options.industry().major_criteria),
        )
        context |= {
            "typed": True,
            "found": found,
            "cues": [
                {"code": cue.code, "label": term_name(TRIAGE_TERMS[cue.code]), "words": cue.words}
                for cue in found.cues
                if cue.code in TRIAGE_TERMS
            ],
            "sentiment_label": _sentiment_label(found.sentiment.label),
            "similar": _similar_rows(found.similar_cases, authority, now),
        }
    return render(request, "web/_triage.html", context)


def _sentiment_label(code: str) -> str:
    labels = {"negative": _("negative"), "neutral": _("neutral"), "positive": _("positive")}
    return labels[code]


def _similar_rows(found: list[dict[str, Any]], authority: Authority, now: Any) -> list[Any]:
    """Similar cases with their state and a 催办 form when the case may be hastened."""
    numbers = [f["number"] for f in found]
    cases = {c.number: c for c in triage_selectors.visible_by_numbers(authority, numbers)}
    rows = []
    for item in found:
        case = cases.get(item["number"])
        if case is None:
            continue
        rows.append(
            {
                "case": case,
                "score": round(item["score"] * 100),
                "state": label(State(case.state)),
                "hasten": action_form(Action.HASTEN)
                if Action.HASTEN in actions_for(case, authority, now)
                else None,
            }
        )
    return rows


@login_required
@require_GET
def case_triage(request: HttpRequest, number: str) -> HttpResponse:
    """The suggestions panel of the case page (loaded after the page): what triage says about
    this case's facts, and the other cases that look like the same complaint."""
    authority, now = acting(request)
    case = visible_case(authority, number)
    found = triage_selectors.suggest(
        authority,
        now=now,
        facts=case.facts,
        phone=case.complainant_phone,
        order=case.subject_order_number,
        complainant_count=case.complainant_count,
        exclude=case.number,
        offered_criteria=list(options.industry().major_criteria),
    )
    context = {
        "p": display.punctuation(),
        "typed": True,
        "on_case": case,
        "found": found,
        "cues": [
            {"code": cue.code, "label": term_name(TRIAGE_TERMS[cue.code]), "words": cue.words}
            for cue in found.cues
            if cue.code in TRIAGE_TERMS and cue.code not in (case.major_criteria or [])
        ],
        "sentiment_label": _sentiment_label(found.sentiment.label),
        "similar": _similar_rows(found.similar_cases, authority, now),
    }
    return render(request, "web/_triage.html", context)
