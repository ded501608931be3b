"""What customers do on their own case, through the portal, its API or a mini-program: complain,
add information and evidence, rate the handling. Each goes through the same services as the
hotline (`register_case`, `add_attachment`, `reopen_with_new_material`), recorded under the
system account with the source "portal" in the history, so every rule holds here too.

Customers have no account: the portal's pages and API have checked the case's one-time code
(`kesu.cases.services.tracking`) before they call `add_information` or `rate_case`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import CUSTOMER_ADDITION, RATING, Case, CaseRating, normalise_phone
from kesu.cases.services.attachments import add_attachment, check_upload
from kesu.cases.services.events import record_event
from kesu.cases.services.limits import FACTS_MAX
from kesu.cases.services.notices import tell_owners
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.services.transitions import reopen_with_new_material
from kesu.core.errors import Conflict, NotFound, ServiceError
from kesu.domain.vocabulary import Channel, State
from kesu.org.access import Authority, authority_of
from kesu.org.services import system_user

SOURCE = "portal"
#: The ways a customer reaches us by themselves: the web portal, a mini-program or an app.
CUSTOMER_CHANNELS = (Channel.WEB, Channel.MOBILE)
MAX_FILES = 5
COMMENT_MAX = 2_000
#: Keys the portal prefixes to a customer's Idempotency-Key (all portal cases have one receiver).
KEY_PREFIX = "portal:"
KEY_MAX = 100 - len(KEY_PREFIX)
#: States in which the case has been answered and the customer may rate its handling.
RATEABLE = frozenset({State.ANSWERED, State.PROVISIONALLY_CLOSED, State.CLOSED})


@dataclass(frozen=True)
class CustomerComplaint:
    """The seed fields a customer can know (R-03): who they are and how to reach them, what
    happened, the product, the order or policy number, the amount, what they want."""

    name: str
    phone: str
    facts: str
    email: str = ""
    product: str = ""
    order_number: str = ""
    amount: Decimal | None = None
    demand: str = ""
    privacy_consent: bool = False


def _system(now: datetime) -> Authority:
    return authority_of(system_user(), now=now)


def check_complaint(
    data: CustomerComplaint, channel: Channel, evidence: Sequence[UploadedFile] = ()
) -> None:
    """What a customer's complaint must have before anything is stored (every file checked)."""
    if channel not in CUSTOMER_CHANNELS:
        raise ServiceError("unknown_channel", _("Not a customer channel."), field="channel")
    if not data.privacy_consent:
        raise ServiceError(
            "privacy_consent_required",
            _("Please read and agree to the privacy notice."),
            field="privacy_consent",
        )
    if not normalise_phone(data.phone):
        raise ServiceError(
            "required", _("Enter your mobile phone number: it is how you track the case."),
            field="phone",
        )  # fmt: skip
    if len(evidence) > MAX_FILES:
        raise ServiceError(
            "too_many_files", _("At most %(n)s files.") % {"n": MAX_FILES}, field="evidence"
        )
    for upload in evidence:
        check_upload(upload)


def portal_key(idempotency_key: str | None) -> str | None:
    """The customer's Idempotency-Key as stored (all portal cases have one receiver)."""
    return f"{KEY_PREFIX}{idempotency_key[:KEY_MAX]}" if idempotency_key else None


def registration_of(data: CustomerComplaint, channel: Channel) -> Registration:
    return Registration(
        complainant_name=data.name,
        complainant_phone=data.phone,
        complainant_email=data.email,
        facts=data.facts,
        subject_product=data.product,
        subject_order_number=data.order_number,
        subject_amount=data.amount,
        demand=data.demand,
        channel=channel,
    )


def portal_authority(now: datetime) -> Authority:
    """Whom the portal acts as: the system account."""
    return _system(now)


def keep_submission(
    case: Case,
    *,
    created: bool,
    evidence: Sequence[UploadedFile],
    authority: Authority,
    now: datetime,
) -> None:
    """After the case is registered (`created`) or found again: the consent on a new case, and
    the customer's files as its evidence. Inside the caller's transaction."""
    if created:
        case.privacy_consent_version = settings.KESU_PRIVACY_NOTICE_VERSION
        case.privacy_consent_at = now
        case.save(update_fields=["privacy_consent_version", "privacy_consent_at"])
    for upload in evidence:
        add_attachment(case_id=case.pk, upload=upload, authority=authority, now=now)


def submit_complaint(
    *,
    data: CustomerComplaint,
    channel: Channel,
    now: datetime,
    idempotency_key: str | None = None,
    evidence: Sequence[UploadedFile] = (),
) -> tuple[Case, bool]:
    """Register a customer's own complaint with its evidence, in one transaction; returns
    `(case, created)`. The same `idempotency_key` (the form's hidden token, the API header)
    answers with the case it created first. Every file is checked before anything is stored.
    (The portal calls `kesu.intake.services.customer.submit`, which attaches a repeat to the
    customer's open case first.)"""
    check_complaint(data, channel, evidence)
    authority = _system(now)
    with transaction.atomic():
        case, created = register_case(
            data=registration_of(data, channel), authority=authority, now=now,
            idempotency_key=portal_key(idempotency_key),
        )  # fmt: skip
        if created:
            keep_submission(case, created=True, evidence=evidence, authority=authority, now=now)
    return case, created


def add_information(
    *, case_id: int, text: str, evidence: Sequence[UploadedFile] = (), now: datetime
) -> Case:
    """The customer adds information and evidence to their open case: each lands in the case
    history (source "portal"), a provisionally closed case inside its window is reopened, and
    whoever holds the case is told (in-app and e-mail)."""
    text = text.strip()
    if not text and not evidence:
        raise ServiceError(
            "nothing_added", _("Write something or choose a file to add."), field="text"
        )
    if len(text) > FACTS_MAX:
        raise ServiceError(
            "too_long", _("At most %(n)s characters.") % {"n": FACTS_MAX}, field="text"
        )
    if len(evidence) > MAX_FILES:
        raise ServiceError(
            "too_many_files", _("At most %(n)s files.") % {"n": MAX_FILES}, field="evidence"
        )
    for upload in evidence:
        check_upload(upload)
    authority = _system(now)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).filter(pk=case_id).first()
        if case is None:
            raise NotFound("not_found", _("Case not found."))
        if not case.is_open:
            raise Conflict(
                "case_closed",
                _("This case is closed. Please call us or submit a new complaint."),
            )
        names = [upload.name or "file" for upload in evidence]
        record_event(
            case=case,
            authority=authority,
            action=CUSTOMER_ADDITION,
            at=now,
            data={"source": SOURCE, "files": names},
            note=text,
        )
        for upload in evidence:
            add_attachment(case_id=case.pk, upload=upload, authority=authority, now=now)
        case.refresh_from_db()
        reopen_with_new_material(
            case=case,
            authority=authority,
            now=now,
            note=text,
            details={"new_material": CUSTOMER_ADDITION},
        )
        summary = text or _("%(n)s new file(s)") % {"n": len(names)}
        tell_owners(case, "customer_added_information", summary, now)
    return case


def rate_case(
    *,
    case: Case,
    result: int,
    process: int,
    comment: str = "",
    source: str = SOURCE,
    now: datetime,
    authority: Authority | None = None,
) -> CaseRating:
    """Record the customer's marks (1–5 for the result and for the handling, a comment) once
    the case is answered: a stored rating the statistics count and a step in the history. One
    rating per case and `source` ("portal", "return_visit", "survey"…); `authority` is who
    records it (default: the system account, for the customer's own rating)."""
    for field, mark in (("result", result), ("process", process)):
        if not 1 <= mark <= 5:
            raise ServiceError("mark_range", _("Choose a mark from 1 to 5."), field=field)
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise ServiceError(
            "too_long", _("At most %(n)s characters.") % {"n": COMMENT_MAX}, field="comment"
        )
    source = source.strip()[:20] or SOURCE
    acting = authority or _system(now)
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if locked.state not in RATEABLE or locked.answered_at is None:
            raise Conflict(
                "not_answered", _("You can rate the handling once the case has been answered.")
            )
        if CaseRating.objects.filter(case=locked, source=source).exists():
            raise Conflict("already_rated", _("This case has already been rated. Thank you."))
        rating = CaseRating.objects.create(
            case=locked,
            source=source,
            result=result,
            process=process,
            comment=comment,
            rated_at=now,
        )
        record_event(
            case=locked,
            authority=acting,
            action=RATING,
            at=now,
            data={"source": source, "result": result, "process": process},
            note=comment,
        )
    return rating
