"""A customer's own complaint (portal, its API, a mini-program) through arrival: a customer
whose phone or e-mail has an open case is attached to it as 催办 with their files as its
evidence, instead of opening a second case; otherwise registered as `cases.services.portal`
does (consent, evidence), then placed in a batch or group complaint."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kesu.cases.services.portal import (
    CustomerComplaint,
    check_complaint,
    keep_submission,
    portal_authority,
    portal_key,
    registration_of,
)
from kesu.domain.vocabulary import Channel
from kesu.intake.services.arrival import Arrival, Outcome, receive


def submit(
    *,
    data: CustomerComplaint,
    channel: Channel,
    now: datetime,
    idempotency_key: str | None = None,
    evidence: Sequence[UploadedFile] = (),
) -> Arrival:
    """The customer's complaint, in one transaction; the same `idempotency_key` (the form's
    hidden token, the API header) answers with the first outcome."""
    check_complaint(data, channel, evidence)
    authority = portal_authority(now)
    with transaction.atomic():
        arrival = receive(
            registration_of(data, channel), authority=authority, now=now,
            idempotency_key=portal_key(idempotency_key), attach_repeats=True,
        )  # fmt: skip
        if arrival.created or (arrival.outcome is Outcome.HASTENED and not arrival.repeated):
            keep_submission(
                arrival.case, created=arrival.created, evidence=evidence, authority=authority,
                now=now,
            )  # fmt: skip
    return arrival
