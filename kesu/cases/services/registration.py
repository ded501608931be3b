"""Registering a case: validation, idempotency, numbering, first due time, first event."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.models import (
    REGISTER,
    Case,
    CaseEvent,
    CaseSequence,
    Category,
    normalise_phone,
)
from kesu.cases.services.deadlines import (
    matching_policy,
    next_alert_at,
    next_due,
    set_acceptance_due,
)
from kesu.cases.services.events import plain, record_event
from kesu.cases.services.limits import FOLLOW_REASON_MAX, registration_problems
from kesu.cases.services.transitions import (
    continues_in_window,
    opens_follow_up,
    reopen_with_new_material,
)
from kesu.core.clock import local_date
from kesu.core.errors import Conflict, Forbidden, ServiceError
from kesu.deadlines.services import FIRST_YEAR
from kesu.domain.numbering import NumberPattern
from kesu.domain.permissions import Permission
from kesu.domain.presets.terms import MAJOR_CRITERIA, RELATIONS
from kesu.domain.severity import suggest_severity
from kesu.domain.vocabulary import Action, CaseKind, Channel, Severity, State
from kesu.org.access import Authority

#: A second identical submission by the same receiver within this window returns the first case
#: (a double click, a retried request without an Idempotency-Key).
DUPLICATE_WINDOW = timedelta(minutes=10)
MAX_CLOCK_SKEW = timedelta(minutes=5)
RELATION_CODES = frozenset(term.code for term in RELATIONS)
MAJOR_CRITERION_CODES = frozenset(term.code for term in MAJOR_CRITERIA)
#: A follow-up case (R-06) continues a case the customer was told is finished: a closed one, or
#: a provisionally closed one whose window has run out (`transitions.opens_follow_up`). Inside
#: the window the follow-up reopens the same case instead (seed 004 恒康天安 第五条(五)).
FOLLOWABLE_STATES = frozenset({State.CLOSED, State.PROVISIONALLY_CLOSED})
MAX_FOLLOW_REASON = FOLLOW_REASON_MAX


@dataclass(frozen=True)
class Registration:
    """What the receiver records (R-03). Types are already checked by the caller's schema."""

    complainant_name: str
    facts: str
    channel: Channel
    kind: CaseKind = CaseKind.COMPLAINT
    severity: Severity = Severity.GENERAL
    received_at: datetime | None = None
    category_code: str | None = None
    complainant_phone: str = ""
    complainant_email: str = ""
    complainant_address: str = ""
    complainant_employer: str = ""
    complainant_id_number: str = ""
    complainant_relation: str = ""
    complainant_count: int = 1
    subject_product: str = ""
    subject_order_number: str = ""
    subject_amount: Decimal | None = None
    subject_purchase_date: date | None = None
    event_date: date | None = None
    demand: str = ""
    major_criteria: tuple[str, ...] = field(default_factory=tuple)
    #: The number of a closed case this one follows up, and why the customer is not satisfied.
    follows_number: str = ""
    follow_reason: str = ""
    #: A due time set from outside: the regulator's reply-due date of a transferred complaint
    #: (kesu/imports). The stricter of it and the policy's due times runs.
    external_due: datetime | None = None

    def fingerprint(self, receiver_id: int) -> str:
        payload = {k: str(v).strip() for k, v in asdict(self).items()} | {"receiver": receiver_id}
        if self.event_date is None:  # fields added later leave earlier fingerprints unchanged
            del payload["event_date"]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def register_case(
    *,
    data: Registration,
    authority: Authority,
    now: datetime,
    idempotency_key: str | None = None,
    sealed_report: bool = False,
) -> tuple[Case, bool]:
    """Register a case and number it; returns `(case, created)`.

    The same `idempotency_key` from the same receiver always answers with the case it first
    created (a different submission under a used key is refused); an identical submission by
    the same receiver within `DUPLICATE_WINDOW` is treated as a repeat too. Both checks run
    again under the year's sequence lock, so two simultaneous requests still make one case.
    """
    if not authority.may(Permission.REGISTER_CASE):
        raise Forbidden("not_allowed", _("Your role cannot register cases."))
    if data.kind == CaseKind.WHISTLEBLOWING and not sealed_report:
        # Only `whistleblowing.services.submit_report` registers a report: it seals the
        # reporter's identity first. Any other way in would store it in clear on the case.
        raise ServiceError(
            "report_elsewhere",
            _(
                "A whistleblowing report is filed through the reporting channel, which seals "
                "the reporter's identity; it cannot be registered as an ordinary case."
            ),
            field="kind",
        )
    _check(data, now)
    fingerprint = data.fingerprint(authority.user.pk)
    # A retry under a used key answers with its case before anything else is checked; a repeat
    # without a key (a double click) is found under the lock below, which decides anyway.
    existing = (
        _earlier_submission(idempotency_key, fingerprint, authority, now)
        if idempotency_key
        else None
    )
    if existing is None and data.follows_number:
        existing = _earlier_continuation(fingerprint, authority)
    if existing is not None:
        return existing, False
    category = _category(data.category_code)
    follows = _followed_case(data, authority, now)
    if follows is not None and continues_in_window(follows, now):
        return _continue_provisional(follows, data, authority, now, fingerprint), False
    # Speed (issue 18 part 5): everything that does not need the number (severity, policy, due
    # times, the history entry's content) is computed before the year's sequence row is locked;
    # under the lock only the number is taken, the repeat re-checked and the two rows inserted.
    registered_on = local_date(now)
    pattern = NumberPattern.parse(settings.KESU_CASE_NUMBER_PATTERN)
    case, changes = _create(
        data=data,
        category=category,
        follows=follows,
        authority=authority,
        now=now,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )
    try:
        with transaction.atomic():
            last = _take_number(registered_on.year)  # locks the year's row until commit
            existing = _earlier_submission(idempotency_key, fingerprint, authority, now)
            if existing is not None:
                raise _Repeat(existing)  # rolls the number back: no gap
            if follows is not None:  # still closed now that it is locked (not reopened meanwhile)
                _check_closed(Case.objects.select_for_update().get(pk=follows.pk), now)
            case.number = pattern.format(registered_on, last)
            _insert(case, changes, authority, now)
    except _Repeat as repeat:
        return repeat.case, False
    return case, True


def _earlier_submission(
    key: str | None, fingerprint: str, authority: Authority, now: datetime
) -> Case | None:
    # Two columns first: nearly always nothing is found, and the whole row is read only then.
    if key:
        found = (
            Case.objects.filter(receiver=authority.user, idempotency_key=key)
            .values_list("pk", "request_fingerprint")
            .first()
        )
        if found is not None and found[1] != fingerprint:
            raise Conflict(
                "idempotency_key_reused",
                _("This Idempotency-Key was already used for a different submission."),
            )
    else:
        found = (
            Case.objects.filter(
                request_fingerprint=fingerprint,
                receiver=authority.user,
                registered_at__gte=now - DUPLICATE_WINDOW,
            )
            .order_by("-id")
            .values_list("pk", "request_fingerprint")
            .first()
        )
    return Case.objects.get(pk=found[0]) if found is not None else None


def _earlier_continuation(fingerprint: str, authority: Authority) -> Case | None:
    """The case an identical follow-up by the same receiver already reopened (a retry)."""
    event = (
        CaseEvent.objects.filter(
            action=Action.REOPEN, actor=authority.user, data__request=fingerprint
        )
        .select_related("case")
        .order_by("-id")
        .first()
    )
    return event.case if event is not None else None


def _category(code: str | None) -> Category | None:
    if not code:
        return None
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise ServiceError(
            "unknown_category", _("Unknown category: %(code)s.") % {"code": code}, field="category"
        )
    return category


def _continue_provisional(
    followed: Case, data: Registration, authority: Authority, now: datetime, fingerprint: str
) -> Case:
    """A follow-up inside a provisional window: the same case is handled again, with the
    customer's reason as the step's note and the new facts and demand in its record."""
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("assigned_department", "policy", "category")
            .get(pk=followed.pk)
        )
        details = {"new_material": "follow_up", "request": fingerprint, "facts": data.facts.strip()}
        if data.demand.strip():
            details["demand"] = data.demand.strip()
        reopened = reopen_with_new_material(
            case=case, authority=authority, now=now, note=data.follow_reason, details=details
        )
        if not reopened:
            _check_closed(case, now)  # reopened or closed meanwhile: say what to do instead
            raise ServiceError(
                "followed_case_not_closed",
                _("Case %(number)s cannot be continued by your role.") % {"number": case.number},
                field="follows",
            )
    return case


def _check_closed(followed: Case, now: datetime) -> None:
    if not opens_follow_up(followed, now) and not continues_in_window(followed, now):
        raise ServiceError(
            "followed_case_not_closed",
            _(
                "Case %(number)s is not closed: record the new contact on it (hasten) instead "
                "of opening a follow-up case."
            )
            % {"number": followed.number},
            field="follows",
        )


def _followed_case(data: Registration, authority: Authority, now: datetime) -> Case | None:
    """The closed case a follow-up continues: it must be one the receiver may see (an unknown
    and an invisible number get the same answer) and be closed (or provisionally closed), and
    the reason is required."""
    number = data.follows_number.strip()
    reason = data.follow_reason.strip()
    if not number:
        if reason:
            raise ServiceError(
                "follow_reason_without_case",
                _("Enter the number of the closed case this one follows up."),
                field="follows",
            )
        return None
    followed = selectors.visible_cases(authority).filter(number=number[:40]).first()
    if followed is None:
        raise ServiceError(
            "followed_case_not_found",
            _("Case %(number)s not found.") % {"number": number},
            field="follows",
        )
    _check_closed(followed, now)
    if not reason:
        raise ServiceError(
            "follow_reason_required",
            _("Say why the customer is not satisfied with case %(number)s.") % {"number": number},
            field="follow_reason",
        )
    if len(reason) > MAX_FOLLOW_REASON:
        raise ServiceError(
            "follow_reason_too_long",
            _("The reason is longer than %(n)s characters.") % {"n": MAX_FOLLOW_REASON},
            field="follow_reason",
        )
    return followed


def _check(data: Registration, now: datetime) -> None:
    # The limits every way in shares (lengths, patterns, NUL): the form and the API check them
    # first to show every problem at once; this check is the one no channel can skip.
    for problem in registration_problems(asdict(data))[:1]:
        raise ServiceError(problem.code, problem.message, field=problem.field)
    if not data.complainant_name.strip():
        raise ServiceError("required", _("Enter the complainant's name."), field="complainant_name")
    if not data.facts.strip():
        raise ServiceError("required", _("Describe the facts of the complaint."), field="facts")
    if data.received_at is not None and data.received_at.year < FIRST_YEAR:
        raise ServiceError(
            "received_too_early",
            _("The received time must be in the year 2000 or later."),
            field="received_at",
        )
    if data.received_at is not None and data.received_at > now + MAX_CLOCK_SKEW:
        raise ServiceError(
            "received_in_future",
            _("The received time cannot be in the future."),
            field="received_at",
        )
    if data.complainant_relation and data.complainant_relation not in RELATION_CODES:
        raise ServiceError(
            "unknown_relation",
            _("Unknown relation: %(code)s.") % {"code": data.complainant_relation},
            field="complainant_relation",
        )
    unknown = [code for code in data.major_criteria if code not in MAJOR_CRITERION_CODES]
    if unknown:
        raise ServiceError(
            "unknown_major_criterion",
            _("Unknown major criteria: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="major_criteria",
        )
    if data.subject_purchase_date and data.subject_purchase_date > local_date(now):
        raise ServiceError(
            "purchase_in_future",
            _("The purchase date cannot be in the future."),
            field="subject_purchase_date",
        )
    if data.event_date and data.event_date > local_date(now):
        raise ServiceError(
            "event_in_future", _("The event date cannot be in the future."), field="event_date"
        )


def _create(
    *,
    data: Registration,
    category: Category | None,
    follows: Case | None,
    authority: Authority,
    now: datetime,
    idempotency_key: str | None,
    fingerprint: str,
) -> tuple[Case, dict[str, list[object]]]:
    """The case as it will be stored, without its number, and its first event's changes: all
    computed before the sequence lock is taken (see `register_case`)."""
    received_at = data.received_at or now
    phone = normalise_phone(data.complainant_phone)
    severity = suggest_severity(
        stated=data.severity,
        major_criteria=data.major_criteria,
        complainant_count=data.complainant_count,
    )
    case = Case(
        kind=data.kind,
        severity=severity,
        major_criteria=list(data.major_criteria),
        channel=data.channel,
        category=category,
        received_at=received_at,
        registered_at=now,
        receiver=authority.user,
        complainant_name=data.complainant_name.strip(),
        complainant_phone=phone,
        complainant_phone_reversed=phone[::-1],
        complainant_email=data.complainant_email.strip(),
        complainant_address=data.complainant_address.strip(),
        complainant_employer=data.complainant_employer.strip(),
        complainant_id_number=data.complainant_id_number.strip(),
        complainant_relation=data.complainant_relation,
        complainant_count=data.complainant_count,
        subject_product=data.subject_product.strip(),
        subject_order_number=data.subject_order_number.strip(),
        subject_amount=data.subject_amount,
        subject_purchase_date=data.subject_purchase_date,
        event_date=data.event_date,
        facts=data.facts.strip(),
        demand=data.demand.strip(),
        follows=follows,
        follow_reason=data.follow_reason.strip() if follows else "",
        idempotency_key=idempotency_key or "",
        request_fingerprint=fingerprint,
    )
    case.policy = matching_policy(case)
    if data.external_due is not None:
        case.apply(replace(case.clocks(), external_due=data.external_due))
    set_acceptance_due(case)
    case.next_due = next_due(case)
    case.next_alert_at = next_alert_at(case)
    changes: dict[str, list[object]] = {}
    if severity != data.severity:
        changes["severity"] = [data.severity.value, severity.value]
    if data.external_due is not None:
        changes["external_due"] = [None, plain(data.external_due)]
    if follows is not None:
        changes["follows"] = [None, follows.number]
        changes["follow_reason"] = [None, case.follow_reason]
    return case, changes


def _insert(
    case: Case, changes: dict[str, list[object]], authority: Authority, now: datetime
) -> None:
    """The two rows of a registration, written while the number's lock is held."""
    case.save(force_insert=True)
    record_event(
        case=case,
        authority=authority,
        action=REGISTER,
        at=now,
        to_state=case.state,
        changes=changes,
        role=authority.role_for(Permission.REGISTER_CASE),
        first=True,
    )


class _Repeat(Exception):
    """Raised under the lock when the submission turns out to be a repeat: leaving the
    transaction this way rolls the number taken back."""

    def __init__(self, case: Case) -> None:
        super().__init__(case.number)
        self.case = case


def _take_number(year: int) -> int:
    """The next number of `year`, in one statement that creates or increments the year's row
    and keeps it locked until the transaction ends: concurrent registrations queue here only
    for the inserts that follow, and a rolled-back registration gives its number back."""
    table, year_, last = (
        connection.ops.quote_name(name) for name in (CaseSequence._meta.db_table, "year", "last")
    )
    with connection.cursor() as cursor:
        cursor.execute(  # names from the model, the year a parameter
            f"INSERT INTO {table} ({year_}, {last}) VALUES (%s, 1) ON CONFLICT ({year_}) "  # noqa: S608
            f"DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}",
            [year],
        )
        row = cursor.fetchone()
    return int(row[0])
