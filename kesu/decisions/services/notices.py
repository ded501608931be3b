"""Who hears of co-handling and handover steps: the assisting (or receiving) department's
named person, else its heads; with nobody there, the complaint supervisors. Messages reuse the
staff templates (`case_assigned`), written inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.domain.vocabulary import Role
from kesu.notify.services import notify
from kesu.org.access import holding
from kesu.org.models import Department, User
from kesu.org.services import SYSTEM_USERNAME


def people_of(department: Department, named: User | None) -> list[User]:
    """The named person if active, else the department's heads, else the supervisors."""
    if named is not None and named.is_active:
        return [named]
    heads = list(
        User.objects.filter(
            holding({Role.DEPARTMENT_HEAD}), is_active=True, department=department
        ).order_by("pk")
    )
    if heads:
        return heads
    return list(
        User.objects.filter(holding({Role.SUPERVISOR}), is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .order_by("pk")
    )


def _tell(
    case: Case, people: list[User], key: str, *, clock: str, due: datetime | None, note: str
) -> None:
    for person in people:
        notify(
            template="case_assigned",
            dedupe_key=f"{key}:{person.pk}",
            context={
                "number": case.number,
                "due": due,
                "clock": clock,
                "note": note,
                "resolution_due": None,
                "staff_name": str(person),
            },
            case=case,
            recipient=person,
            channels=("in_app", "email"),
        )


def tell_task_opened(task: CoHandlingTask, *, now: datetime) -> None:
    """The assisting department hears of the request and when its answer is due."""
    with translation.override(settings.LANGUAGE_CODE):
        clock = _("co-handling answer")
    _tell(
        task.case,
        people_of(task.department, task.assignee),
        f"co_handling:{task.pk}",
        clock=clock,
        due=task.due_at,
        note=task.request,
    )


def tell_handover_pending(handover: HandoverRequest, *, now: datetime) -> None:
    """The receiving department is asked to acknowledge the handover."""
    with translation.override(settings.LANGUAGE_CODE):
        clock = _("handover acknowledgement")
    _tell(
        handover.case,
        people_of(handover.to_department, handover.handler),
        f"handover:{handover.pk}",
        clock=clock,
        due=None,
        note=handover.reason,
    )
