"""Messages the workflow sends as part of a transition (inside its transaction): the customer's
acknowledgement and answer notices, and word to the staff who hold a case."""

from __future__ import annotations

from datetime import datetime

from kesu.cases.models import Case
from kesu.cases.services import deadlines as case_deadlines
from kesu.notify.services import notify


def tell_customer(
    case: Case, template: str, *, due: datetime | None, key: str = "", note: str = ""
) -> None:
    """SMS and e-mail to the complainant (where they gave a number or address)."""
    notify(
        template=template,
        dedupe_key=f"{template}:{case.pk}:{key}",
        context={"number": case.number, "name": case.complainant_name, "due": due, "note": note},
        case=case,
        phone=case.complainant_phone,
        email=case.complainant_email,
        channels=("sms", "email"),
    )


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


def tell_assigned(case: Case, *, now: datetime) -> None:
    """The handler (or the department's heads) hear that a case is now theirs."""
    for person in case_deadlines.owners(case, "resolution"):
        notify(
            template="case_assigned",
            dedupe_key=f"assigned:{case.pk}:{person.pk}:{now.isoformat()}",
            context={"number": case.number, "due": case.resolution_due, "staff_name": str(person)},
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )
