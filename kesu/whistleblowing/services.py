"""The only writers of whistleblowing 举报 (R-28, seed 004 员工投诉举报管理办法).

A report is a case of kind `whistleblowing`, registered by `register_case` like any other (so
it is numbered, idempotent and on the history chain) with placeholders where a complaint has
the complainant: the identity, when the reporter gives one, is sealed in `SealedIdentity` and
nowhere else. Each step here locks the case row, writes its history event in the same
transaction and, where seed 004 says the reporter is told (acceptance, extension, outcome),
adds a notice to the thread the reporter reads through the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import AccessRecord, Case
from kesu.cases.services.access import record_access
from kesu.cases.services.events import record_event
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.signals import closing_details
from kesu.core.clock import local, local_date
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.deadlines.services import work_calendar
from kesu.domain import whistleblowing as rules
from kesu.domain.deadlines import add_working_days
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import CaseKind, Channel, Role, State
from kesu.org.access import Authority, authority_of
from kesu.org.models import Department, User
from kesu.org.services import system_user
from kesu.whistleblowing import sealing
from kesu.whistleblowing.models import (
    ExtensionRequest,
    Message,
    NamedPerson,
    Report,
    SealedIdentity,
)

#: What the case shows where a complaint shows the complainant.
ANONYMOUS_NAME = "匿名举报人"
SEALED_NAME = "实名举报人(身份已密封)"
FACTS_MAX = 5_000
MESSAGE_MAX = 2_000
REASON_MAX = 200
NAME_MAX, PHONE_MAX, EMAIL_MAX, OTHER_MAX = 60, 30, 254, 200
PERSONS_MAX = 200

ACCEPT = "wb_accept"
MESSAGE = "wb_message"
EXTENSION_ASKED = "wb_extension_asked"
EXTENDED = "wb_extended"
EXTENSION_REFUSED = "wb_extension_refused"
CLOSE = "wb_close"
NAME_PERSON = "wb_name_person"


@dataclass(frozen=True)
class Identity:
    name: str
    phone: str = ""
    email: str = ""
    other: str = ""


@dataclass(frozen=True)
class Submission:
    """What a reporter gives: the facts, whom and which department it concerns, and — unless
    anonymous — who they are (sealed at once)."""

    facts: str
    persons_named: str = ""
    department_code: str = ""
    identity: Identity | None = None
    channel: Channel = Channel.WEB
    received_at: datetime | None = None


@dataclass(frozen=True)
class Receipt:
    case: Case
    report: Report
    key: str
    #: Shown once, to the reporter; None when the submission repeated an earlier one.
    password: str | None
    created: bool


def _check(data: Submission) -> None:
    facts = data.facts.strip()
    if not facts:
        raise ServiceError("facts_required", _("Describe what you report."), field="facts")
    if len(facts) > FACTS_MAX:
        raise ServiceError(
            "facts_too_long",
            _("At most %(n)s characters.") % {"n": FACTS_MAX},
            field="facts",
        )
    if len(data.persons_named) > PERSONS_MAX:
        raise ServiceError(
            "persons_too_long",
            _("At most %(n)s characters.") % {"n": PERSONS_MAX},
            field="persons_named",
        )
    who = data.identity
    if who is not None:
        if not who.name.strip():
            raise ServiceError(
                "name_required", _("Give your name, or report anonymously."), field="name"
            )
        for value, limit, field in (
            (who.name, NAME_MAX, "name"),
            (who.phone, PHONE_MAX, "phone"),
            (who.email, EMAIL_MAX, "email"),
            (who.other, OTHER_MAX, "other"),
        ):
            if len(value) > limit:
                raise ServiceError(
                    "too_long", _("At most %(n)s characters.") % {"n": limit}, field=field
                )


def _department(code: str) -> Department | None:
    if not code:
        return None
    department = Department.objects.filter(code=code, is_active=True).first()
    if department is None:
        raise ServiceError(
            "unknown_department", _("There is no such department."), field="department"
        )
    return department


def submit_report(
    data: Submission,
    *,
    now: datetime,
    authority: Authority | None = None,
    idempotency_key: str | None = None,
) -> Receipt:
    """Register a report: through the portal (`authority` None: the system account, nothing
    about the sender kept) or by a member of staff who received it (letter, phone, visit).
    The same submission twice gives the first report back (without its password)."""
    _check(data)
    if authority is not None and not (
        authority.may(Permission.REGISTER_CASE) or authority.may(Permission.HANDLE_WHISTLEBLOWING)
    ):
        raise Forbidden("not_allowed", _("Your role cannot register cases."))
    department = _department(data.department_code)
    registering = authority if authority and authority.may(Permission.REGISTER_CASE) else None
    registering = registering or authority_of(system_user(), now=now)
    registration = Registration(
        complainant_name=ANONYMOUS_NAME if data.identity is None else SEALED_NAME,
        facts=data.facts.strip(),
        channel=data.channel,
        kind=CaseKind.WHISTLEBLOWING,
        received_at=data.received_at,
    )
    with transaction.atomic():
        case, created = register_case(
            data=registration,
            authority=registering,
            now=now,
            idempotency_key=idempotency_key,
            sealed_report=True,
        )
        if not created:
            report = Report.objects.filter(case=case).first()
            if report is None:  # an identical complaint, not a report: refuse rather than merge
                raise Conflict("duplicate", _("This was already registered."))
            return Receipt(case=case, report=report, key=report.key, password=None, created=False)
        # The discipline function keeps its own time (第十二条, `accept`): no warnings or
        # escalations 督办 from the sweep, whose alerts go to the front office.
        Case.objects.filter(pk=case.pk).update(next_alert_at=None)
        password = rules.new_password()
        report = Report.objects.create(
            case=case,
            anonymous=data.identity is None,
            key=_unused_key(),
            password_hash=make_password(password),
            reported_department=department,
            persons_named=data.persons_named.strip(),
        )
        if data.identity is not None:
            who = data.identity
            SealedIdentity.objects.create(
                report=report,
                name=sealing.seal(who.name.strip()),
                phone=sealing.seal(who.phone.strip()),
                email=sealing.seal(who.email.strip()),
                other=sealing.seal(who.other.strip()),
                sealed_at=now,
            )
        Message.objects.create(
            report=report,
            at=now,
            side=Message.NOTICE,
            notice="received",
            body=_("Your report was received. We will tell you here whether it is accepted."),
        )
    return Receipt(case=case, report=report, key=report.key, password=password, created=True)


def _unused_key() -> str:
    while True:
        key = rules.new_key()
        if not Report.objects.filter(key=key).exists():
            return key


def reporter_report(key: str, password: str) -> Report | None:
    """The report `key` opens with `password`, or None (the caller throttles tries)."""
    report = Report.objects.filter(key=rules.normalise_key(key)).select_related("case").first()
    if report is None:
        make_password(password)  # the same work as a wrong password: no timing hint
        return None
    return report if check_password(password, report.password_hash) else None


def _locked(authority: Authority, case_id: int) -> tuple[Case, Report]:
    """The report's case row locked, if `authority` handles whistleblowing and is not recused."""
    from kesu.whistleblowing.selectors import visible_reports  # noqa: PLC0415 (cycle)

    if not authority.may(Permission.HANDLE_WHISTLEBLOWING):
        raise NotFound("not_found", _("Not found."))
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or not visible_reports(authority).filter(case_id=case_id).exists():
        raise NotFound("not_found", _("Not found."))
    return case, Report.objects.get(case=case)


def _role(authority: Authority) -> Role | None:
    return authority.role_for(Permission.HANDLE_WHISTLEBLOWING)


def unseal_identity(authority: Authority, case_id: int, *, reason: str, now: datetime) -> Identity:
    """The reporter's identity, opened for a discipline officer with a reason; on record
    (`AccessRecord` UNSEAL, who, when, why) before it is returned."""
    reason = reason.strip()
    if not authority.may(Permission.UNSEAL_IDENTITY):
        raise NotFound("not_found", _("Not found."))
    if not reason:
        raise ServiceError("reason_required", _("Say why you open the identity."), field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(
            "reason_too_long", _("At most %(n)s characters.") % {"n": REASON_MAX}, field="reason"
        )
    with transaction.atomic():
        case, report = _locked(authority, case_id)
        sealed = SealedIdentity.objects.filter(report=report).first()
        if sealed is None:
            raise Conflict("anonymous", _("This report is anonymous: there is nothing to open."))
        record_access(authority, case, AccessRecord.UNSEAL, now=now, detail="identity", why=reason)
        return Identity(
            name=sealing.unseal(sealed.name),
            phone=sealing.unseal(sealed.phone),
            email=sealing.unseal(sealed.email),
            other=sealing.unseal(sealed.other),
        )


def _end_of(day_count: int, case: Case) -> datetime:
    start = local(case.received_at)
    calendar = work_calendar([start.year])
    due = add_working_days(calendar, start.date(), day_count).due
    return datetime.combine(due, time(23, 59, 59), tzinfo=start.tzinfo)


def accept(authority: Authority, case_id: int, *, now: datetime, note: str = "") -> Case:
    """Accept the report for investigation (第九条): 30 working days from receipt run; the
    reporter is told through the key."""
    with transaction.atomic():
        case, report = _locked(authority, case_id)
        if case.state != State.REGISTERED:
            raise Conflict("not_now", _("This step is not possible in the report's state."))
        before = case.state
        case.state = State.ACCEPTED
        case.accepted_at = now
        case.resolution_due = _end_of(rules.TIME_LIMIT.amount, case)
        case.acceptance_due = None
        case.next_due = case.resolution_due
        case.next_alert_at = None
        case.save(
            update_fields=[
                "state",
                "accepted_at",
                "resolution_due",
                "acceptance_due",
                "next_due",
                "next_alert_at",
                "updated_at",
            ]
        )
        report.accepted_at = now
        report.save(update_fields=["accepted_at"])
        record_event(
            case=case,
            authority=authority,
            action=ACCEPT,
            at=now,
            role=_role(authority),
            from_state=before,
            to_state=case.state,
            note=note[:MESSAGE_MAX],
            data={"resolution_due": local_date(case.resolution_due).isoformat()},
        )
        _notice(
            report,
            "accepted",
            now,
            _("Your report was accepted for investigation. We will answer by %(day)s.")
            % {"day": local_date(case.resolution_due).isoformat()},
        )
    return case


def _notice(report: Report, notice: str, now: datetime, body: str) -> None:
    Message.objects.create(report=report, at=now, side=Message.NOTICE, notice=notice, body=body)


def reply(authority: Authority, case_id: int, *, body: str, now: datetime) -> Message:
    """An officer's answer in the reporter's thread."""
    body = _message_text(body)
    with transaction.atomic():
        case, report = _locked(authority, case_id)
        message = Message.objects.create(report=report, at=now, side=Message.OFFICER, body=body)
        record_event(
            case=case,
            authority=authority,
            action=MESSAGE,
            at=now,
            role=_role(authority),
            data={"side": Message.OFFICER},
        )
    return message


def _message_text(body: str) -> str:
    body = body.strip()
    if not body:
        raise ServiceError("message_required", _("Write a message."), field="body")
    if len(body) > MESSAGE_MAX:
        raise ServiceError(
            "message_too_long", _("At most %(n)s characters.") % {"n": MESSAGE_MAX}, field="body"
        )
    return body


def reporter_message(report: Report, *, body: str, now: datetime) -> Message:
    """The reporter's question or addition, through the key (recorded under the system
    account: the reporter has none)."""
    body = _message_text(body)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=report.case_id)
        if report.closed_at is not None:
            raise Conflict("closed", _("This report is closed."))
        message = Message.objects.create(report=report, at=now, side=Message.REPORTER, body=body)
        record_event(
            case=case,
            authority=authority_of(system_user(), now=now),
            action=MESSAGE,
            at=now,
            data={"side": Message.REPORTER, "source": "portal"},
        )
    return message


def request_extension(
    authority: Authority, case_id: int, *, reason: str, now: datetime
) -> ExtensionRequest:
    """Ask the president 总裁 for the time beyond 30 working days (第十二条)."""
    reason = reason.strip()
    if not reason:
        raise ServiceError("reason_required", _("Give the reason."), field="reason")
    if len(reason) > 500:
        raise ServiceError(
            "reason_too_long", _("At most %(n)s characters.") % {"n": 500}, field="reason"
        )
    with transaction.atomic():
        case, report = _locked(authority, case_id)
        if case.state != State.ACCEPTED or report.extended_at is not None:
            raise Conflict("not_now", _("This step is not possible in the report's state."))
        if report.extensions.filter(state=ExtensionRequest.PENDING).exists():
            raise Conflict("pending", _("An extension is already waiting for approval."))
        request = ExtensionRequest.objects.create(
            report=report, requested_by=authority.user, requested_at=now, reason=reason
        )
        record_event(
            case=case,
            authority=authority,
            action=EXTENSION_ASKED,
            at=now,
            role=_role(authority),
            note=reason,
        )
    return request


def decide_extension(
    authority: Authority, request_id: int, *, approve: bool, now: datetime, note: str = ""
) -> ExtensionRequest:
    """The president approves (to 60 working days from receipt in all) or refuses. A president
    named in the report, or in its department's line, cannot decide it (404)."""
    from kesu.whistleblowing.selectors import recused_report_ids  # noqa: PLC0415

    if not authority.may(Permission.APPROVE_WHISTLEBLOWING_EXTENSION):
        raise NotFound("not_found", _("Not found."))
    with transaction.atomic():
        request = ExtensionRequest.objects.select_related("report").filter(pk=request_id).first()
        if request is None or recused_report_ids(authority).filter(pk=request.report_id).exists():
            raise NotFound("not_found", _("Not found."))
        case = Case.objects.select_for_update().get(pk=request.report.case_id)
        request = ExtensionRequest.objects.select_for_update().get(pk=request_id)
        if request.state != ExtensionRequest.PENDING:
            raise Conflict("decided", _("This request was already decided."))
        report = request.report
        request.state = ExtensionRequest.APPROVED if approve else ExtensionRequest.REFUSED
        request.decided_by = authority.user
        request.decided_at = now
        request.save(update_fields=["state", "decided_by", "decided_at"])
        role = authority.role_for(Permission.APPROVE_WHISTLEBLOWING_EXTENSION)
        if approve:
            before = case.resolution_due
            case.resolution_due = _end_of(rules.EXTENDED_LIMIT.amount, case)
            case.next_due = case.resolution_due
            case.save(update_fields=["resolution_due", "next_due", "updated_at"])
            report.extended_at = now
            report.save(update_fields=["extended_at"])
            record_event(
                case=case,
                authority=authority,
                action=EXTENDED,
                at=now,
                role=role,
                note=note,
                changes={
                    "resolution_due": [
                        local_date(before).isoformat() if before else None,
                        local_date(case.resolution_due).isoformat(),
                    ]
                },
            )
            _notice(
                report,
                "extended",
                now,
                _(
                    "The investigation needs more time; the president approved an extension. "
                    "We will answer by %(day)s."
                )
                % {"day": local_date(case.resolution_due).isoformat()},
            )
        else:
            record_event(
                case=case,
                authority=authority,
                action=EXTENSION_REFUSED,
                at=now,
                role=role,
                note=note,
            )
    return request


def close_report(authority: Authority, case_id: int, *, outcome: str, now: datetime) -> Case:
    """Close with the outcome the reporter is told (第七条: 以适当的方式将处理结果反馈给举报人)."""
    outcome = _message_text(outcome)
    with transaction.atomic():
        case, report = _locked(authority, case_id)
        if case.state not in (State.REGISTERED, State.ACCEPTED):
            raise Conflict("not_now", _("This step is not possible in the report's state."))
        before = case.state
        case.state = State.CLOSED
        case.closed_at = now
        case.next_due = None
        case.next_alert_at = None
        case.save(update_fields=["state", "closed_at", "next_due", "next_alert_at", "updated_at"])
        report.outcome = outcome
        report.closed_at = now
        report.save(update_fields=["outcome", "closed_at"])
        record_event(
            case=case,
            authority=authority,
            action=CLOSE,
            at=now,
            role=_role(authority),
            from_state=before,
            to_state=case.state,
            note=outcome,
            data=closing_details(case, now, authority),
        )
        _notice(report, "outcome", now, outcome)
    return case


def name_person(authority: Authority, case_id: int, *, username: str, now: datetime) -> NamedPerson:
    """Link a staff account to the report: that person is recused from it from now on."""
    with transaction.atomic():
        case, report = _locked(authority, case_id)
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ServiceError("unknown_user", _("There is no such user."), field="username")
        named, _created = NamedPerson.objects.get_or_create(
            report=report, user=user, defaults={"added_at": now}
        )
        record_event(
            case=case,
            authority=authority,
            action=NAME_PERSON,
            at=now,
            role=_role(authority),
            data={"user": user.username},
        )
    return named


def reseal_all() -> int:
    """Re-encrypt every sealed identity under the current (first) key, a row at a time under
    its lock; returns how many rows (key rotation, decision 0006)."""
    count = 0
    for pk in SealedIdentity.objects.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            row = SealedIdentity.objects.select_for_update().get(pk=pk)
            for field in ("name", "phone", "email", "other"):
                setattr(row, field, sealing.reseal(getattr(row, field)))
            row.save(update_fields=["name", "phone", "email", "other"])
        count += 1
    return count
