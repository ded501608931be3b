"""Test data built through the real services (so paths, numbers and events are real)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kesu.cases.models import Case
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.domain.vocabulary import Action, CaseKind, Channel, Severity
from kesu.org.access import authority_of
from kesu.org.models import User
from tests.conftest import at


def registration(**overrides: Any) -> Registration:
    fields: dict[str, Any] = {
        "complainant_name": "王丽",
        "complainant_phone": "13812345678",
        "facts": "空调报修后一周无人上门。",
        "channel": Channel.HOTLINE,
        "kind": CaseKind.COMPLAINT,
        "severity": Severity.GENERAL,
        "category_code": "after_sales_repair_delay",
    }
    fields.update(overrides)
    return Registration(**fields)


def register(user: User, now: datetime, **overrides: Any) -> Case:
    case, _created = register_case(
        data=registration(**overrides), authority=authority_of(user, now=now), now=now
    )
    return case


def act(case: Case, user: User, action: Action, now: datetime, **fields: Any) -> Case:
    return perform_transition(
        case_id=case.pk,
        authority=authority_of(user, now=now),
        action=action,
        data=TransitionInput(**fields),
        now=now,
    )


def assigned(org: Any, day: str, *, handler: str | None = "handler", **fields: Any) -> Case:
    """Registered at 09:00 on `day`, accepted at 10:00, assigned to 售后服务部 at 11:00."""
    case = register(org["agent"], at(f"{day} 09:00"), **fields)
    act(case, org["agent"], Action.ACCEPT, at(f"{day} 10:00"))
    people = {"handler": handler} if handler else {}
    return act(
        case,
        org["supervisor"],
        Action.ASSIGN,
        at(f"{day} 11:00"),
        department="after-sales",
        **people,
    )
