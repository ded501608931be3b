"""Deliberation 合议 (R-14, seed 004 恒康天安 第七条): every step is one function here, in one
transaction with its case history event; the rules themselves are `kesu.domain.deliberation`.

The steps:
- `request_deliberation` — the handler asks (经办人提请), with the reason; the approvers are told.
- `refuse_request` — the approver does not agree.
- `convene` — the supervisor (or above) schedules the meeting — time, place, participants,
  evidence bundle — for a major case straight away, or as the approval of a request; they
  chair it. Participants are told in-app and by e-mail. The final decision is due
  `KESU_DELIBERATION_DAYS` (15) calendar days after the meeting (第八条(四)).
- `record_minutes` — the chair writes the minutes (录入会议内容).
- `confirm_opinion` — each participant writes and confirms their own opinion: their signature
  (全部与会人员签名确认); nobody confirms for another, and a confirmed opinion is final.
- `record_decision` — the chair records a preliminary leaning (初步的、具有倾向性的意见) or the
  final decision, once the minutes are written and every participant has confirmed.
- `report_late_deliberations(now=…)` — the sweep: a final decision past its day is reported
  once to the chair and the customer-service managers, with a history event. The deadline
  sweep (`manage.py sweep_deadlines`) is where the lead hooks it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.selectors import visible_cases
from kesu.cases.services.events import record_event
from kesu.core.clock import local
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.deadlines.services import work_calendar
from kesu.decisions.models import MAX_PLACE, MAX_TEXT, Deliberation, DeliberationSeat
from kesu.decisions.routing import deliberation_approver
from kesu.domain import deliberation as rules
from kesu.domain.deliberation import Grounds, Refused, Seat, Status
from kesu.domain.permissions import Permission, holders
from kesu.domain.vocabulary import OPEN_STATES, Role, Severity
from kesu.notify.services import notify
from kesu.org.access import Authority, authority_of, holding, roles_held
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME, system_user

P = Permission
#: At most this many people sit in one meeting (the form offers the staff list).
MAX_PARTICIPANTS = 30
#: Who hears of a late final decision besides the chair.
LATE_REPORTED_TO = (Role.CS_MANAGER,)

REQUESTED = "deliberation_requested"
REFUSED = "deliberation_refused"
CONVENED = "deliberation_convened"
MINUTES = "deliberation_minutes"
OPINION = "deliberation_opinion"
PRELIMINARY = "deliberation_preliminary"
DECIDED = "deliberation_decided"
OVERDUE = "deliberation_overdue"


def _refusal(error: Refused) -> Conflict:
    """A rule of the deliberation refused the step: 409 with the reason in the user's words."""
    messages: dict[str, str] = {
        "not_convenable": _(
            "Only a major case, or a deliberation asked for and not yet answered, can be convened."
        ),
        "not_open": _("This deliberation is no longer open."),
        "before_meeting": _("Opinions are confirmed once the meeting has begun."),
        "not_participant": _("Only a participant confirms an opinion, and only their own."),
        "already_confirmed": _("Your opinion is already confirmed; a signature is not changed."),
        "already_preliminary": _(
            "A preliminary leaning is already recorded; record the final decision."
        ),
        "no_minutes": _("Record the minutes first."),
        "unconfirmed": _("Every participant must confirm their opinion first."),
    }
    return Conflict(error.code, messages.get(error.code, _("Not possible now.")))


def _text(value: str, field: str, *, required: str | Promise = "", most: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ServiceError("required", required, field=field)
    if len(value) > most:
        raise ServiceError("too_long", _("At most %(n)s characters.") % {"n": most}, field=field)
    return value


def _locked_case(case_id: int, authority: Authority) -> Case:
    """The case row locked, if `authority` may see it (404 otherwise, as everywhere)."""
    case = (
        visible_cases(authority)
        .select_for_update(of=("self",))
        .select_related("assigned_department")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("not_found", _("Case not found."))
    return case


def _locked(deliberation_id: int, authority: Authority) -> Deliberation:
    """The deliberation and its case, both locked, if the case is visible."""
    found = Deliberation.objects.filter(pk=deliberation_id).values_list("case_id", flat=True)
    case_id = found.first()
    if case_id is None:
        raise NotFound("not_found", _("Deliberation not found."))
    case = _locked_case(case_id, authority)
    deliberation = (
        Deliberation.objects.select_for_update(of=("self",))
        .select_related("chair")
        .get(pk=deliberation_id)
    )
    deliberation.case = case
    return deliberation


def _require(authority: Authority, permission: Permission, case: Case) -> Role:
    """The role the step is taken in, or 403 when no role of the user allows it on `case`."""
    roles = authority.roles_on(case.assigned_department, case.handler_id) & holders(permission)
    if not roles:
        raise Forbidden("forbidden", _("Your role may not do this on this case."))
    return min(roles)


def _record(
    deliberation: Deliberation,
    authority: Authority,
    action: str,
    now: datetime,
    *,
    role: Role | None,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    record_event(
        case=deliberation.case,
        authority=authority,
        action=action,
        at=now,
        role=role,
        data={"deliberation": deliberation.pk, **(data or {})},
        note=note,
    )


def _tell(
    deliberation: Deliberation,
    template: str,
    people: Iterable[User],
    *,
    actor: User | None,
    now: datetime,
    context: dict[str, Any],
) -> None:
    """In-app and e-mail to each of `people` once, leaving out the actor and anyone inactive."""
    told: set[int] = set()
    for person in people:
        if (actor is not None and person.pk == actor.pk) or person.pk in told:
            continue
        if not person.is_active:
            continue
        told.add(person.pk)
        notify(
            template=template,
            dedupe_key=f"{template}:{deliberation.pk}:{person.pk}:{now.isoformat()}",
            context={
                "number": deliberation.case.number,
                "actor": str(actor or ""),
                "staff_name": str(person),
            }
            | context,
            case=deliberation.case,
            recipient=person,
            channels=("in_app", "email"),
        )


def _staff_holding(roles: Iterable[Role]) -> list[User]:
    return list(
        User.objects.filter(holding(tuple(roles)), is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .order_by("pk")
    )


def _seats(deliberation: Deliberation) -> list[Seat]:
    return [
        Seat(user_id=user_id, confirmed=confirmed is not None)
        for user_id, confirmed in deliberation.seats.values_list("user_id", "confirmed_at")
    ]


def _open_on(case: Case) -> None:
    if case.state not in OPEN_STATES:
        raise Conflict("case_closed", _("The case is no longer open."))
    if case.deliberations.filter(status__in=rules.OPEN).exists():
        raise Conflict("already_deliberating", _("This case already has an open deliberation."))


def request_deliberation(
    *, case_id: int, authority: Authority, reason: str, now: datetime
) -> Deliberation:
    """The handler asks for a deliberation (经办人认为有必要提起合议); the approvers hear of it."""
    reason = _text(reason, "reason", required=_("Say why the case needs a deliberation."))
    with transaction.atomic():
        case = _locked_case(case_id, authority)
        role = _require(authority, P.REQUEST_DELIBERATION, case)
        _open_on(case)
        deliberation = Deliberation.objects.create(
            case=case,
            status=Status.REQUESTED,
            grounds=Grounds.REQUESTED,
            reason=reason,
            requested_by=authority.user,
            requested_at=now,
        )
        _record(deliberation, authority, REQUESTED, now, role=role, note=reason)
        approvers = deliberation_approver(case, requester_roles=authority.roles)
        _tell(
            deliberation, REQUESTED, _staff_holding(approvers), actor=authority.user, now=now,
            context={"note": reason},
        )  # fmt: skip
    return deliberation


def _approver_role(deliberation: Deliberation, authority: Authority) -> Role:
    """The role the request is answered in: one the routing names, never by the requester."""
    case = deliberation.case
    allowed = deliberation_approver(
        case, requester_roles=frozenset(roles_held(deliberation.requested_by))
    )
    role = next((r for r in sorted(authority.roles) if r in allowed), None)
    if role is None or not authority.may(P.CONVENE_DELIBERATION):
        raise Forbidden("forbidden", _("Your role may not approve this deliberation."))
    if deliberation.requested_by_id in authority.user_ids:
        raise Forbidden("own_request", _("A request is approved by someone else than its author."))
    return role


def refuse_request(
    *, deliberation_id: int, authority: Authority, note: str, now: datetime
) -> Deliberation:
    """The approver does not agree to a requested deliberation (with the reason)."""
    note = _text(note, "note", required=_("Say why the deliberation is not approved."))
    with transaction.atomic():
        deliberation = _locked(deliberation_id, authority)
        role = _approver_role(deliberation, authority)
        if deliberation.status != Status.REQUESTED:
            raise _refusal(Refused("not_open"))
        deliberation.status = Status.REFUSED
        deliberation.answered_by, deliberation.answered_at = authority.user, now
        deliberation.answer_note = note
        deliberation.save()
        _record(deliberation, authority, REFUSED, now, role=role, note=note)
        _tell(
            deliberation, REFUSED, [deliberation.requested_by], actor=authority.user, now=now,
            context={"note": note},
        )  # fmt: skip
    return deliberation


@dataclass(frozen=True)
class Meeting:
    """What the supervisor fills in to convene: when, where, who, with which evidence."""

    meeting_at: datetime
    place: str
    participants: Sequence[str]  # usernames
    evidence: Sequence[int] = ()  # attachment ids of the case
    note: str = ""


def _participants(usernames: Sequence[str], chair: User) -> list[User]:
    wanted = list(dict.fromkeys(name.strip() for name in usernames if name.strip()))
    if len(wanted) > MAX_PARTICIPANTS:
        raise ServiceError(
            "too_many_participants",
            _("At most %(n)s participants.") % {"n": MAX_PARTICIPANTS},
            field="participants",
        )
    found = {
        user.username: user
        for user in User.objects.filter(username__in=wanted, is_active=True).exclude(
            username=SYSTEM_USERNAME
        )
    }
    missing = [name for name in wanted if name not in found]
    if missing:
        raise ServiceError(
            "unknown_participant",
            _("Unknown or inactive participant: %(names)s.") % {"names": ", ".join(missing)},
            field="participants",
        )
    people = [chair, *(found[name] for name in wanted if name != chair.username)]
    if len(people) < 2:
        raise ServiceError(
            "too_few_participants",
            _("Invite at least one participant besides the chair."),
            field="participants",
        )
    return people


def convene(
    *,
    case_id: int,
    authority: Authority,
    meeting: Meeting,
    now: datetime,
    deliberation_id: int | None = None,
) -> Deliberation:
    """Schedule the meeting (拟定会议时间和地点, 通知与会人员): for a major case straight away
    (`deliberation_id` None), or as the approval of the request `deliberation_id`. The convener
    chairs; participants are told; the final decision's day is set from the meeting's."""
    place = _text(meeting.place, "place", required=_("Give the meeting place."), most=MAX_PLACE)
    note = _text(meeting.note, "note")
    if not 2000 <= local(meeting.meeting_at).year <= 2099:
        raise ServiceError(
            "invalid_meeting_at", _("Choose a date between 2000 and 2099."), field="meeting_at"
        )
    with transaction.atomic():
        case = _locked_case(case_id, authority)
        if deliberation_id is None:
            role = _require(authority, P.CONVENE_DELIBERATION, case)
            if case.severity != Severity.MAJOR:
                raise _refusal(Refused("not_convenable"))
            _open_on(case)
            deliberation = Deliberation(
                case=case, grounds=Grounds.MAJOR, requested_by=authority.user, requested_at=now
            )
            try:
                rules.may_convene(None, Grounds.MAJOR)
            except Refused as error:
                raise _refusal(error) from error
        else:
            deliberation = _locked(deliberation_id, authority)
            if deliberation.case_id != case.pk:
                raise NotFound("not_found", _("Deliberation not found."))
            role = _approver_role(deliberation, authority)
            try:
                rules.may_convene(Status(deliberation.status), Grounds(deliberation.grounds))
            except Refused as error:
                raise _refusal(error) from error
            deliberation.answered_by, deliberation.answered_at = authority.user, now
        people = _participants(meeting.participants, authority.user)
        evidence = list(case.attachments.filter(pk__in=list(meeting.evidence)))
        if len(evidence) != len(set(meeting.evidence)):
            raise ServiceError(
                "unknown_evidence",
                _("The evidence bundle holds only this case's attachments."),
                field="evidence",
            )
        meeting_at = local(meeting.meeting_at)
        calendar = work_calendar(range(meeting_at.year, meeting_at.year + 2))
        deliberation.status = Status.CONVENED
        deliberation.chair = authority.user
        deliberation.convened_at = now
        deliberation.meeting_at = meeting_at
        deliberation.place = place
        deliberation.due_at = rules.final_due(calendar, meeting_at, settings.KESU_DELIBERATION_DAYS)
        deliberation.save()
        deliberation.evidence.set(evidence)
        DeliberationSeat.objects.bulk_create(
            [DeliberationSeat(deliberation=deliberation, user=person) for person in people]
        )
        _record(
            deliberation, authority, CONVENED, now, role=role, note=note,
            data={
                "grounds": deliberation.grounds,
                "meeting_at": meeting_at.isoformat(),
                "place": place,
                "participants": [person.username for person in people],
                "evidence": [item.original_name for item in evidence],
                "due_at": deliberation.due_at.isoformat(),
            },
        )  # fmt: skip
        _tell(
            deliberation, CONVENED, people, actor=authority.user, now=now,
            context={"due": meeting_at, "place": place, "note": note},
        )  # fmt: skip
    return deliberation


def _chair_role(deliberation: Deliberation, authority: Authority) -> Role:
    """Minutes and decisions are the chair's (由咨诉主管担任合议会议主持人)."""
    role = _require(authority, P.RECORD_DELIBERATION, deliberation.case)
    if deliberation.chair_id not in authority.user_ids:
        raise Forbidden("not_chair", _("Only the chair of the meeting records this."))
    return role


def record_minutes(
    *, deliberation_id: int, authority: Authority, minutes: str, now: datetime
) -> Deliberation:
    """The chair writes (or completes) the minutes while the deliberation is open."""
    minutes = _text(minutes, "minutes", required=_("Write the minutes."))
    with transaction.atomic():
        deliberation = _locked(deliberation_id, authority)
        role = _chair_role(deliberation, authority)
        if deliberation.status not in {Status.CONVENED, Status.PRELIMINARY}:
            raise _refusal(Refused("not_open"))
        if minutes == deliberation.minutes:
            return deliberation
        deliberation.minutes = minutes
        deliberation.save()
        _record(deliberation, authority, MINUTES, now, role=role, note=minutes)
    return deliberation


def confirm_opinion(
    *, deliberation_id: int, authority: Authority, opinion: str, now: datetime
) -> DeliberationSeat:
    """A participant writes and confirms their own opinion — their signature, with the time.
    Only the person in the seat (not a delegate, not the chair for them); once only."""
    opinion = _text(opinion, "opinion", required=_("Write your opinion."))
    with transaction.atomic():
        deliberation = _locked(deliberation_id, authority)
        if not authority.may(P.CONFIRM_DELIBERATION_OPINION):
            raise Forbidden("forbidden", _("Your role may not do this on this case."))
        met = deliberation.meeting_at is not None and now >= deliberation.meeting_at
        try:
            rules.may_confirm(
                Status(deliberation.status), _seats(deliberation), authority.user.pk, met=met
            )
        except Refused as error:
            raise _refusal(error) from error
        seat = DeliberationSeat.objects.select_for_update().get(
            deliberation=deliberation, user=authority.user
        )
        seat.opinion, seat.confirmed_at = opinion, now
        seat.save()
        _record(
            deliberation, authority, OPINION, now, role=authority.role_for(
                P.CONFIRM_DELIBERATION_OPINION
            ), note=opinion,
        )  # fmt: skip
    return seat


def record_decision(
    *, deliberation_id: int, authority: Authority, text: str, final: bool, now: datetime
) -> Deliberation:
    """The chair records the decision (明确的处理决定) or, when the meeting could not agree,
    a preliminary leaning; the final decision stops the 15-day clock."""
    text = _text(text, "decision", required=_("Write the decision."))
    with transaction.atomic():
        deliberation = _locked(deliberation_id, authority)
        role = _chair_role(deliberation, authority)
        try:
            rules.may_decide(
                Status(deliberation.status), _seats(deliberation), final=final,
                has_minutes=bool(deliberation.minutes.strip()),
            )  # fmt: skip
        except Refused as error:
            raise _refusal(error) from error
        if final:
            deliberation.status, deliberation.decision = Status.DECIDED, text
            deliberation.decided_at = now
        else:
            deliberation.status, deliberation.preliminary = Status.PRELIMINARY, text
            deliberation.preliminary_at = now
        deliberation.save()
        _record(
            deliberation, authority, DECIDED if final else PRELIMINARY, now, role=role,
            note=text,
        )  # fmt: skip
        people = [seat.user for seat in deliberation.seats.select_related("user")]
        _tell(
            deliberation, DECIDED if final else PRELIMINARY, people, actor=authority.user,
            now=now, context={"note": text, "due": deliberation.due_at},
        )  # fmt: skip
    return deliberation


def report_late_deliberations(*, now: datetime, authority: Authority | None = None) -> int:
    """The sweep: every open deliberation whose final decision is past its day is reported
    once — a history event and a notice to the chair and the customer-service managers.
    Returns how many. Meant to run with the deadline sweep (`sweep_deadlines`); acts as the
    system user 系统自动 unless told otherwise. `manage.py sweep_deliberations` runs it alone."""
    authority = authority or authority_of(system_user(), now=now)
    late = list(
        Deliberation.objects.filter(
            status__in=[Status.CONVENED, Status.PRELIMINARY],
            due_at__lt=now,
            late_reported_at__isnull=True,
        )
        .select_related("case", "chair")
        .order_by("due_at", "pk")
    )
    managers = _staff_holding(LATE_REPORTED_TO) if late else []
    for deliberation in late:
        with transaction.atomic():
            locked = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
            if locked.late_reported_at is not None:
                continue
            locked.late_reported_at = now
            locked.save(update_fields=["late_reported_at"])
            _record(
                deliberation, authority, OVERDUE, now, role=None,
                data={"due_at": local(deliberation.due_at).isoformat()}
                if deliberation.due_at else {},
            )  # fmt: skip
            people = [deliberation.chair, *managers] if deliberation.chair else managers
            _tell(
                deliberation, OVERDUE, people, actor=None, now=now,
                context={"due": deliberation.due_at},
            )  # fmt: skip
    return len(late)
