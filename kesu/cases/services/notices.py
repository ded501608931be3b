"""Messages the workflow sends as part of a transition (inside its transaction): to the customer
(acknowledgement, answer, decline) and to the staff who hold a case or must act on it next
(assignment, 催办, a plan to approve, a plan returned or approved, a return visit to make).

Who is told what:

| event | template | to |
|---|---|---|
| accepted | case_acknowledged | the customer (SMS, e-mail) |
| declined 不予受理 | case_declined | the customer, with the reason's customer text |
| answered | case_answered | the customer: the answer in full by e-mail, its beginning by SMS |
| answered | return_visit_requested | whoever makes the 回访 (the receiver) |
| deadline extended (CBIRC) | deadline_extended | the customer: the new date and why |
| progress asked for | case_progress | the customer (`kesu.cases.services.progress`) |
| back to the department (not satisfied, reopened) | case_reopened | the customer |
| visit planned | return_visit_invitation | the customer, with the questionnaire link |
| assigned | case_assigned | the handler, else the department's heads |
| hastened 催办 | case_hastened | the owner of the earliest running clock |
| customer added information (portal) | customer_added_information | the same owner |
| plan submitted | plan_submitted | `plan_approvers` (the approval matrix's role) |
| plan returned / approved | plan_returned / plan_approved | the plan's author and the handler |

Staff are not told of what they did themselves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation

from kesu.approvals.selectors import approvers_in
from kesu.cases.models import Case, DeclineReason
from kesu.cases.services import deadlines as case_deadlines
from kesu.core.labels import CLOCK_LABELS
from kesu.domain.excerpt import excerpt
from kesu.domain.vocabulary import Role
from kesu.notify.services import language_of, notify
from kesu.org.access import holding
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME

#: Characters of the answer an SMS carries (with its frame about three concatenated Chinese
#: SMS); a longer answer is cut after a sentence and the SMS says where the rest is.
SMS_ANSWER_CHARS = 120
#: Who is asked to approve a plan today: the complaint supervisors and the customer-service
#: managers (the general manager may approve too, but is not sent every plan).
PLAN_APPROVER_ROLES = (Role.SUPERVISOR, Role.CS_MANAGER)
SENTENCE_END = ("。", "！", "？", ".", "!", "?")


def tell_customer(
    case: Case,
    template: str,
    *,
    due: datetime | None,
    key: str = "",
    note: str = "",
    extra: dict[str, Any] | None = None,
) -> None:
    """SMS and e-mail to the complainant (where they gave a number or address). `case_url` is
    the portal's track page when the site has a public address (KESU_PUBLIC_URL)."""
    notify(
        template=template,
        dedupe_key=f"{template}:{case.pk}:{key}",
        context={
            "number": case.number,
            "name": case.complainant_name,
            "due": due,
            "note": note,
            "case_url": portal_url(),
            **(extra or {}),
        },
        case=case,
        phone=case.complainant_phone,
        email=case.complainant_email,
        channels=("sms", "email"),
    )


def portal_url() -> str:
    """The customer portal's track page (where a long answer is read in full); empty when the
    site has no public address configured."""
    base = getattr(settings, "KESU_PUBLIC_URL", "")
    return f"{base}/portal/" if base else ""


def tell_reopened(case: Case, *, now: datetime, note: str) -> None:
    """The customer hears that the case is handled again (not satisfied at the return visit, or
    reopened inside the provisional window), and the new answer date."""
    tell_customer(case, "case_reopened", due=case.resolution_due, key=now.isoformat(), note=note)


def tell_answer(case: Case, *, now: datetime) -> None:
    """The answer to the customer: in full by e-mail; by SMS the answer's beginning, and where
    to get the rest when it had to be cut (the e-mail, else the hotline)."""
    short = excerpt(case.answer, SMS_ANSWER_CHARS)
    tell_customer(
        case,
        "case_answered",
        due=case.resolution_due,
        key=now.isoformat(),
        extra={
            "answer": case.answer,
            "answer_sms": short.text,
            "answer_cut": short.cut,
            "has_email": bool(case.complainant_email.strip()),
            "note": case.answer,  # what templates edited before 2026-12 print
        },
    )


def tell_declined(case: Case, reason: DeclineReason, *, now: datetime) -> None:
    """The customer hears that the complaint is not accepted, why (the reason's customer text,
    in the messages' language) and what they can do (in the template)."""
    text = reason.customer_text(language_of(None))
    if not text.endswith(SENTENCE_END):
        text += "." if language_of(None) == "en" else "。"
    tell_customer(case, "case_declined", due=None, key=now.isoformat(), extra={"reason": text})


def tell_owners(case: Case, template: str, note: str, now: datetime) -> None:
    """In-app and e-mail word to whoever holds the case now, in this transaction: the owner of
    its earliest running clock (an answered case waiting for its return visit is the receiver's),
    else of acceptance or resolution."""
    clocks = case.clocks()
    running = case_deadlines.open_clocks(case)
    clock: str
    if running:
        clock = min(running, key=lambda name: clocks[name].due or case.received_at)
    else:
        clock = "acceptance" if case.accepted_at is None else "resolution"
    for person in case_deadlines.owners(case, clock):
        notify(
            template=template,
            dedupe_key=f"{template}:{case.pk}:{now.isoformat()}:{person.pk}",
            context={
                "number": case.number,
                "due": case.next_due or case.resolution_due,
                "staff_name": str(person),
                "note": note,
            },
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )


def first_deadline(case: Case) -> tuple[str, datetime] | None:
    """The earliest running clock the department owns (first contact, as a rule) and its due
    time; the front office's clocks (acceptance, return visit) are not the assignee's."""
    clocks = case.clocks()
    running = [
        (str(name), due)
        for name in case_deadlines.open_clocks(case)
        if name not in case_deadlines.FRONT_OFFICE_CLOCKS and (due := clocks[name].due) is not None
    ]
    return min(running, key=lambda item: item[1], default=None)


def tell_assigned(case: Case, *, now: datetime, note: str = "") -> None:
    """The handler (or the department's heads) hear that a case is now theirs, and the first
    deadline they must meet (with the resolution deadline when that is another one)."""
    first = first_deadline(case)
    clock, due = first if first is not None else ("resolution", case.resolution_due)
    context = {
        "number": case.number,
        "due": due,
        "clock": _clock_name(clock),
        "resolution_due": case.resolution_due if clock != "resolution" else None,
        "note": note,
    }
    for person in case_deadlines.owners(case, "resolution"):
        notify(
            template="case_assigned",
            dedupe_key=f"assigned:{case.pk}:{person.pk}:{now.isoformat()}",
            context=context | {"staff_name": str(person)},
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )


def plan_approvers(case: Case, *, author: User | None, now: datetime) -> list[User]:
    """Who is asked to approve the case's plan: the holders of the role the approval matrix
    named (present now, or the delegates of those away); with no matrix in force the active
    supervisors and customer-service managers. Never the plan's author (four eyes)."""
    if case.plan_approver_role:
        return approvers_in(
            Role(case.plan_approver_role), now=now, exclude_user_id=author.pk if author else None
        )
    people = (
        User.objects.filter(holding(PLAN_APPROVER_ROLES), is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .order_by("pk")
    )
    if author is not None:
        people = people.exclude(pk=author.pk)
    return list(people)


def tell_plan_submitted(case: Case, *, actor: User, now: datetime) -> None:
    _tell_staff(
        case,
        "plan_submitted",
        plan_approvers(case, author=case.plan_submitted_by, now=now),
        actor=actor,
        now=now,
        context={"plan": case.plan, "amount": _yuan(case.plan_amount)},
    )


def tell_plan_decided(case: Case, template: str, *, actor: User, note: str, now: datetime) -> None:
    """`plan_returned` (with the reason in `note`) or `plan_approved`: the plan's author and
    whoever handles the case."""
    people = [case.plan_submitted_by] if case.plan_submitted_by is not None else []
    people += case_deadlines.owners(case, "resolution")
    _tell_staff(
        case,
        template,
        people,
        actor=actor,
        now=now,
        context={"note": note, "due": case.resolution_due},
    )


def tell_return_visit(case: Case, *, actor: User, now: datetime) -> None:
    """The answer is given: whoever makes the return visit 回访 hears of it, with its due time."""
    _tell_staff(
        case,
        "return_visit_requested",
        case_deadlines.owners(case, "return_visit"),
        actor=actor,
        now=now,
        context={"answer": case.answer, "due": case.return_visit_due},
    )


def _tell_staff(
    case: Case,
    template: str,
    people: Iterable[User],
    *,
    actor: User,
    now: datetime,
    context: dict[str, Any],
) -> None:
    """In-app and e-mail to each of `people` once, leaving out the actor and anyone inactive."""
    told: set[int] = set()
    for person in people:
        if person.pk == actor.pk or person.pk in told or not person.is_active:
            continue
        told.add(person.pk)
        notify(
            template=template,
            dedupe_key=f"{template}:{case.pk}:{person.pk}:{now.isoformat()}",
            context={"number": case.number, "actor": str(actor), "staff_name": str(person)}
            | context,
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )


def _clock_name(clock: str) -> str:
    """A clock's name in the language the messages are written in (the site's)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(CLOCK_LABELS[clock])


def _yuan(amount: Decimal | None) -> str:
    return "" if amount is None else f"¥{amount:,.2f}"
