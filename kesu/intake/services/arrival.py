"""One arrival service for every channel (R-06): what happens when a complaint comes in.

`receive` is what the hotline, the API, the portal, e-mail and imports call instead of
`register_case`:

- **Repeat 催办.** When the caller's phone or e-mail has an open case and the channel attaches
  repeats (e-mail, portal, import; the API when asked), the contact is recorded on that case
  as 催办 — the workflow's `hasten` action, its history event, its owner told — and no case is
  registered. The hotline does not attach: the agent is *offered* the open cases (`offered`,
  and the hotline form's look-up with its one-click 催办) and decides.
- **Follow-up.** A complaint about a case of the same caller closed within
  `KESU_INTAKE_FOLLOW_UP_DAYS` (default 30) and saying the same thing links to it
  (`follows_number`): inside a provisional-closure window the case is reopened, otherwise a new
  linked case is opened — registration's own rules.
- **Batch and group.** A new case joins or proposes a batch, and five complainants make a group
  complaint (`grouping.place`).
- **Idempotent.** The same submission twice (the same Idempotency-Key, else the same content
  from the same receiver within registration's duplicate window) answers with the first
  outcome: one case, one 催办.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.models import Case, normalise_phone
from kesu.cases.services.limits import FOLLOW_REASON_MAX
from kesu.cases.services.registration import (
    DUPLICATE_WINDOW,
    Registration,
    register_case,
)
from kesu.cases.services.transitions import (
    MAX_NOTE,
    TransitionInput,
    actions_for,
    perform_transition,
)
from kesu.core.errors import Forbidden
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import OPEN_STATES, Action, State
from kesu.intake import similarity
from kesu.intake.models import ArrivalReceipt, CaseGroup
from kesu.intake.services import grouping
from kesu.org.access import Authority

#: Open cases of one caller looked at (newest first).
OPEN_LIMIT = 20


class Outcome(StrEnum):
    REGISTERED = "registered"  # a new case
    FOLLOW_UP = "follow_up"  # a new case following a closed one, or the closed one reopened
    HASTENED = "hastened"  # attached to the caller's open case as 催办
    REPEATED = "repeated"  # the same submission again, which had registered this case


@dataclass(frozen=True)
class Arrival:
    case: Case
    outcome: Outcome
    created: bool
    #: The caller's open cases the receiver may see (what the hotline offers to hasten).
    offered: list[Case] = field(default_factory=list)
    group: CaseGroup | None = None
    #: The same submission again (nothing new was done).
    repeated: bool = False


def follow_up_window() -> timedelta:
    return timedelta(days=int(getattr(settings, "KESU_INTAKE_FOLLOW_UP_DAYS", 30)))


def receive(
    data: Registration,
    *,
    authority: Authority,
    now: datetime,
    idempotency_key: str | None = None,
    attach_repeats: bool,
) -> Arrival:
    """Receive a complaint on any channel: attach it to the caller's open case as 催办 (when
    `attach_repeats`), link it to their recently closed case, or register it — then place it
    in a batch or group complaint. Refusals are registration's (`ServiceError`, `Forbidden`)."""
    if not authority.may(Permission.REGISTER_CASE):
        raise Forbidden("not_allowed", _("Your role cannot register cases."))
    receipt_key = _receipt_key(data, authority, idempotency_key)
    earlier = _receipt(authority, receipt_key, idempotency_key, now)
    if earlier is not None:
        return Arrival(earlier, Outcome.HASTENED, created=False, repeated=True)
    caller = _callers_cases(data, authority)
    open_cases = [c for c in caller if c.state in OPEN_STATES]
    followed = _as_follow_up(data, caller, now) if attach_repeats else data
    # This very submission registered a case already (as sent, or as the follow-up it became).
    registered_before = any(
        _registered_before(variant, authority, idempotency_key, now)
        for variant in dict.fromkeys((data, followed))
    )
    if attach_repeats and not registered_before and not data.follows_number.strip():
        target = _hastenable(open_cases, data, authority, now)
        if target is not None:
            return Arrival(
                _hasten(target, data, authority, now, receipt_key), Outcome.HASTENED, False
            )
    data = followed
    case, created = register_case(
        data=data, authority=authority, now=now, idempotency_key=idempotency_key
    )
    outcome = Outcome.FOLLOW_UP if data.follows_number.strip() else Outcome.REGISTERED
    if not created and (registered_before or outcome is not Outcome.FOLLOW_UP):
        outcome = Outcome.REPEATED
    group = grouping.place(case=case, now=now) if created else None
    offered = [c for c in open_cases if c.pk != case.pk]
    return Arrival(case, outcome, created, offered=offered, group=group, repeated=registered_before)


def _registered_before(
    data: Registration, authority: Authority, key: str | None, now: datetime
) -> bool:
    """Whether this very submission already registered a case (registration answers with it)."""
    mine = Case.objects.filter(receiver=authority.user)
    if key:
        return mine.filter(idempotency_key=key).exists()
    return mine.filter(
        request_fingerprint=data.fingerprint(authority.user.pk),
        registered_at__gte=now - DUPLICATE_WINDOW,
    ).exists()


def _receipt_key(data: Registration, authority: Authority, key: str | None) -> str:
    return f"key:{key}"[:100] if key else f"fp:{data.fingerprint(authority.user.pk)}"


def _receipt(
    authority: Authority, receipt_key: str, idempotency_key: str | None, now: datetime
) -> Case | None:
    """The case an earlier, identical arrival hastened (its key; or its content within
    registration's duplicate window)."""
    receipts = ArrivalReceipt.objects.filter(receiver=authority.user, key=receipt_key)
    if not idempotency_key:
        receipts = receipts.filter(at__gte=now - DUPLICATE_WINDOW)
    receipt = receipts.select_related("case").first()
    return receipt.case if receipt is not None else None


def _callers_cases(data: Registration, authority: Authority) -> list[Case]:
    """The caller's cases the receiver may see (same phone or e-mail), newest first."""
    phone = normalise_phone(data.complainant_phone)
    email = data.complainant_email.strip()
    if not phone and not email:
        return []
    same = Q(complainant_phone=phone) if phone else Q()
    if email:
        same |= Q(complainant_email__iexact=email)
    return list(
        selectors.visible_cases(authority)
        .filter(same)
        .filter(Q(state__in=OPEN_STATES) | Q(closed_at__isnull=False))
        .select_related("assigned_department", "policy", "category")
        .order_by("-received_at", "-id")[:OPEN_LIMIT]
    )


def _hastenable(
    open_cases: list[Case], data: Registration, authority: Authority, now: datetime
) -> Case | None:
    """The open case the contact hastens: the one saying most nearly the same (newest on a
    tie), among those the workflow lets this receiver hasten now."""
    allowed = [c for c in open_cases if Action.HASTEN in actions_for(c, authority, now)]
    if not allowed:
        return None
    return max(allowed, key=lambda c: (similarity.score(c.facts, data.facts), c.received_at))


def _hasten(
    target: Case, data: Registration, authority: Authority, now: datetime, receipt_key: str
) -> Case:
    note = data.facts.strip()
    if data.demand.strip():
        note = f"{note}\n{data.demand.strip()}"
    try:
        with transaction.atomic():
            ArrivalReceipt.objects.create(
                receiver=authority.user, key=receipt_key, case=target, at=now
            )
            case = perform_transition(
                case_id=target.pk,
                authority=authority,
                action=Action.HASTEN,
                data=TransitionInput(note=note[:MAX_NOTE]),
                now=now,
            )
    except IntegrityError:  # the same arrival, a moment earlier, in another request
        return ArrivalReceipt.objects.get(receiver=authority.user, key=receipt_key).case
    return case


def _as_follow_up(data: Registration, caller: list[Case], now: datetime) -> Registration:
    """The registration linked to the caller's recently closed case that says the same thing."""
    if data.follows_number.strip():
        return data
    since = now - follow_up_window()
    closed = [
        c
        for c in caller
        if c.state in {State.CLOSED, State.PROVISIONALLY_CLOSED}
        and (c.closed_at or c.provisional_until or now) >= since
        and (
            similarity.score(c.facts, data.facts) >= similarity.threshold()
            or (data.subject_order_number.strip()
                and c.subject_order_number == data.subject_order_number.strip())
        )
    ]  # fmt: skip
    if not closed:
        return data
    reason = data.follow_reason.strip() or data.facts.strip()
    return replace(data, follows_number=closed[0].number, follow_reason=reason[:FOLLOW_REASON_MAX])
