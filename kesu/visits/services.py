"""Writing return visits 回访: planning them for answered cases, recording each call and the
questionnaire (by the caller or by the customer through the link), and what an unhappy or
unreachable customer does to the case. Each function is one transaction that records its step
in the case history."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.services.events import record_event
from kesu.cases.services.locks import case_then
from kesu.cases.services.notices import tell_customer
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.permissions import Permission
from kesu.domain.visits import (
    Answers,
    AttemptOutcome,
    Source,
    VisitReason,
    VisitStatus,
    gives_up,
    visit_reason,
)
from kesu.domain.vocabulary import Action, Role, Severity, State
from kesu.notify.services import notify
from kesu.org.access import Authority, authority_of, holding
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME, system_user
from kesu.visits.models import OnUnhappy, OnUnreachable, Visit, VisitAttempt, VisitPlan

logger = logging.getLogger("kesu.visits")

#: History events of the return visit (labels in `kesu.core.labels.EVENT_LABELS`).
PLANNED, CALLED, DONE, GAVE_UP = "visit_planned", "visit_call", "visit_done", "visit_unreachable"
LINK_SALT = "kesu.visits.link"
MAX_COMMENT = 2000
MAX_NOTE = 500
#: Who hears of an unhappy customer when the plan escalates.
ESCALATE_TO = (Role.SUPERVISOR, Role.CS_MANAGER)


# --- the plan ------------------------------------------------------------------------------


def plan_for(case: Case) -> VisitPlan:
    """The plan of the case's deadline policy, else the organisation's, else the defaults
    (every case called back, 3 tries)."""
    rows = VisitPlan.objects.filter(Q(policy_id=case.policy_id) | Q(policy__isnull=True))
    plans = {p.policy_id: p for p in rows}
    return plans.get(case.policy_id) or plans.get(None) or VisitPlan()


def plan_visits(*, now: datetime, limit: int = 1000) -> list[Visit]:
    """Put every answered case that has no place in the plan yet into it (cron:
    `manage.py plan_visits`, every few minutes): called back when major or drawn into the share,
    due when the case's return-visit clock says; a case left out is closed, its history says
    why. Each case in its own transaction, so one failure stops nothing else."""
    todo = Case.objects.filter(state=State.ANSWERED, visit__isnull=True).order_by("answered_at")
    planned = []
    for case_id in todo.values_list("pk", flat=True)[:limit]:
        visit = plan_case(case_id=case_id, now=now)
        if visit is not None:
            planned.append(visit)
    return planned


def plan_case(*, case_id: int, now: datetime) -> Visit | None:
    """Plan one answered case (see `plan_visits`); None when it is not answered or planned."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).filter(pk=case_id).first()
        if case is None or case.state != State.ANSWERED or Visit.objects.filter(case=case).exists():
            return None
        plan = plan_for(case)
        reason = visit_reason(
            seed=plan.seed,
            number=case.number,
            major=case.severity == Severity.MAJOR,
            share_percent=plan.share_percent,
        )
        visit = Visit.objects.create(
            case=case,
            reason=reason,
            status=VisitStatus.OPEN if reason != VisitReason.NOT_SAMPLED else VisitStatus.DONE,
            due=case.return_visit_due,
            planned_at=now,
            max_tries=plan.max_tries,
            completed_at=now if reason == VisitReason.NOT_SAMPLED else None,
        )
        system = authority_of(system_user(), now=now)
        record_event(
            case=case,
            authority=system,
            action=PLANNED,
            at=now,
            data={"reason": str(reason), "share_percent": plan.share_percent, "seed": plan.seed},
        )
        if reason == VisitReason.NOT_SAMPLED:
            _move(case, system, Action.CONFIRM, _("Not drawn for a return visit; closed."), now)
        elif plan.send_link and (link := visit_link(visit)):
            tell_customer(
                case,
                "return_visit_invitation",
                due=visit.due,
                key=str(visit.pk),
                extra={"case_url": link, "visit_url": link},
            )
    return visit


# --- the customer's link -------------------------------------------------------------------


def visit_token(visit: Visit) -> str:
    return signing.dumps(visit.pk, salt=LINK_SALT, compress=False)


def visit_link(visit: Visit) -> str:
    """The questionnaire's address for the customer; empty without KESU_PUBLIC_URL."""
    base = getattr(settings, "KESU_PUBLIC_URL", "")
    if not base:
        return ""
    return base + reverse("portal:visit_form", args=[visit_token(visit)])


def visit_id_from_token(token: str) -> int:
    """The visit a link names; `NotFound` when it is forged, `ServiceError` when expired."""
    days = getattr(settings, "KESU_VISIT_LINK_DAYS", 14)
    try:
        return int(signing.loads(token, salt=LINK_SALT, max_age=days * 86400))
    except signing.SignatureExpired as error:
        raise ServiceError(
            "link_expired", _("This link has expired. Please call us instead.")
        ) from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise NotFound("not_found", _("This link is not valid.")) from error


# --- calls and answers ---------------------------------------------------------------------


@dataclass(frozen=True)
class CallInput:
    outcome: AttemptOutcome
    note: str = ""


def record_call(*, visit_id: int, authority: Authority, data: CallInput, now: datetime) -> Visit:
    """A call that got no answer or a refusal. After the plan's number of unanswered calls the
    visit is recorded as unreachable (never silently closed) and the case handled as the plan
    says; a refusal ends the visit the same way."""
    if data.outcome == AttemptOutcome.DONE:
        raise ServiceError("use_questionnaire", _("Fill in the questionnaire instead."))
    note = data.note.strip()[:MAX_NOTE]
    with transaction.atomic():
        visit = _open_visit(visit_id, authority)
        VisitAttempt.objects.create(
            visit=visit, at=now, outcome=data.outcome, caller=authority.user, note=note
        )
        if data.outcome == AttemptOutcome.UNREACHABLE:
            visit.tries += 1
        record_event(
            case=visit.case,
            authority=authority,
            action=CALLED,
            at=now,
            data={"outcome": str(data.outcome), "tries": visit.tries},
            note=note,
        )
        ended = data.outcome == AttemptOutcome.REFUSED or gives_up(visit.tries, visit.max_tries)
        if ended:
            visit.status = (
                VisitStatus.REFUSED
                if data.outcome == AttemptOutcome.REFUSED
                else VisitStatus.UNREACHABLE
            )
            visit.completed_at = now
            _after_no_visit(visit, authority, now)
        visit.save()
    return visit


def record_answers(
    *,
    visit_id: int,
    answers: Answers,
    source: Source,
    now: datetime,
    authority: Authority | None = None,
) -> Visit:
    """The questionnaire, filled in by the caller during the call (`authority`) or by the
    customer through the link (no authority: recorded as the system). A satisfied customer's
    case closes; an unhappy one goes back to its department, or also up, as the plan says."""
    comment = answers.comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ServiceError("too_long", _("At most 2000 characters, please."), field="comment")
    with transaction.atomic():
        visit = _open_visit(visit_id, authority)
        actor = authority or authority_of(system_user(), now=now)
        visit.status = VisitStatus.DONE
        visit.source = source
        visit.caller = authority.user if authority is not None else None
        visit.result_satisfaction = answers.result
        visit.process_satisfaction = answers.process
        visit.solved = answers.solved
        visit.comment = comment
        visit.completed_at = now
        visit.save()
        VisitAttempt.objects.create(
            visit=visit, at=now, outcome=AttemptOutcome.DONE, caller=visit.caller
        )
        case = visit.case
        record_event(
            case=case,
            authority=actor,
            action=DONE,
            at=now,
            data={
                "result": answers.result,
                "process": answers.process,
                "solved": answers.solved,
                "source": str(source),
                "unhappy": answers.unhappy,
            },
            note=comment,
        )
        if not answers.unhappy:
            _move(case, actor, Action.CONFIRM, _("Return visit: the customer is satisfied."), now)
        else:
            why = _("Return visit: result %(result)s/5, process %(process)s/5, %(solved)s.") % {
                "result": answers.result,
                "process": answers.process,
                "solved": _("solved") if answers.solved else _("not solved"),
            }
            _move(case, actor, Action.NOT_SATISFIED, f"{why} {comment}".strip(), now)
            if plan_for(case).on_unhappy == OnUnhappy.ESCALATE:
                _tell_supervisors(case, why, comment, now)
    return visit


def _open_visit(visit_id: int, authority: Authority | None) -> Visit:
    if authority is not None and not authority.may(Permission.MAKE_RETURN_VISITS):
        raise Forbidden("forbidden", _("You do not make return visits."))
    visit = case_then(Visit.objects.select_related("case"), visit_id)
    if visit is None:
        raise NotFound("not_found", _("Return visit not found."))
    if visit.status != VisitStatus.OPEN:
        raise ServiceError("visit_closed", _("This return visit is already recorded. Thank you."))
    return visit


def _after_no_visit(visit: Visit, authority: Authority, now: datetime) -> None:
    """The customer could not be reached (or refused): recorded on the case; the plan says
    whether the case stays answered for a supervisor (its return-visit clock runs on into the
    escalation ladder) or closes provisionally (seed 004: 无法联系 → 暂结案)."""
    case = visit.case
    if visit.status == VisitStatus.REFUSED:
        note = _("The customer declined the return visit.")
    else:
        note = _("Return visit: no answer after %(n)s calls.") % {"n": visit.tries}
    record_event(
        case=case,
        authority=authority,
        action=GAVE_UP,
        at=now,
        data={"status": visit.status, "tries": visit.tries},
        note=note,
    )
    if plan_for(case).on_unreachable == OnUnreachable.PROVISIONALLY_CLOSE:
        system = authority_of(system_user(), now=now)
        _move(case, system, Action.PROVISIONALLY_CLOSE, note, now)


def _move(case: Case, authority: Authority, action: Action, note: str, now: datetime) -> None:
    """The transition the visit leads to; a case someone moved meanwhile (no longer answered)
    keeps its state, the visit stays recorded."""
    try:
        perform_transition(
            case_id=case.pk,
            authority=authority,
            action=action,
            data=TransitionInput(note=note[:4000]),
            now=now,
        )
    except TransitionNotAllowed:
        logger.info("case %s: %s not possible after the return visit", case.number, action)
        return
    case.refresh_from_db()


def _tell_supervisors(case: Case, why: str, comment: str, now: datetime) -> None:
    people = (
        User.objects.filter(holding(ESCALATE_TO), is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .order_by("pk")
    )
    for person in people:
        notify(
            template="visit_unhappy",
            dedupe_key=f"visit_unhappy:{case.pk}:{person.pk}:{now.isoformat()}",
            context={
                "number": case.number,
                "staff_name": str(person),
                "note": f"{why} {comment}".strip(),
            },
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )
