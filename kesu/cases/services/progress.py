"""Progress on request: the customer asked how the case stands, and is told by SMS and e-mail
(with the portal's track page), recorded in the case history in the same transaction."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.services import notices
from kesu.cases.services.events import record_event
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import OPEN_STATES, State
from kesu.org.access import Authority

PROGRESS_SENT = "progress_sent"
MAX_PROGRESS = 1000


def send_progress(*, case_id: int, authority: Authority, note: str, now: datetime) -> Case:
    """Tell the customer where their open case stands (`note`, in words for the customer)."""
    text = note.strip()
    if not text:
        raise ServiceError("required", _("Write what the customer is told."), field="note")
    if len(text) > MAX_PROGRESS:
        raise ServiceError("too_long", _("At most 1000 characters, please."), field="note")
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("assigned_department")
            .filter(pk=case_id)
            .first()
        )
        if case is None:
            raise NotFound("not_found", _("Case not found."))
        if not authority.may_on(Permission.LOG_CONTACT, case.assigned_department, case.handler_id):
            raise Forbidden("forbidden", _("You may not write to this customer."))
        if State(case.state) not in OPEN_STATES:
            raise ServiceError(
                "case_closed", _("The case is closed; there is no progress to send.")
            )
        notices.tell_customer(
            case, "case_progress", due=case.resolution_due, key=now.isoformat(), note=text
        )
        record_event(case=case, authority=authority, action=PROGRESS_SENT, at=now, note=text)
    return case
