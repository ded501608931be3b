"""Writes the case queue makes: saved filters (我的筛选) and bulk assignment (批量分派).

A saved filter is the user's own preference, not part of a case's record, so it has no history
event; it is written in one transaction that also enforces the per-user limit. Bulk assignment
writes nothing itself: each case goes through `perform_transition` in its own transaction, with
its own row lock and history event, exactly as a single assignment does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kesu.cases import selectors
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.core.errors import NotFound, ServiceError
from kesu.core.labels import refusal_message
from kesu.domain.errors import TransitionNotAllowed
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import Action
from kesu.org.access import Authority
from kesu.org.models import User
from kesu.web.models import MAX_NAME, MAX_QUERY, SavedFilter

MAX_SAVED_FILTERS = 30
MAX_BULK = 100  # two pages of the queue: one request stays well under a minute
#: Whoever the workflow table lets assign (supervisors, managers, department heads).
def may_assign(authority: Authority) -> bool:
    """Whether the user may assign at all: decides whether the queue offers bulk assignment.
    Whether a particular case may be assigned is still decided per case by the workflow."""
    return authority.may(Permission.ASSIGN)


def saved_filters(owner: User) -> QuerySet[SavedFilter]:
    """The user's own saved filters, by name (the one reader of `SavedFilter`)."""
    return SavedFilter.objects.filter(owner=owner).order_by("name", "id")


def save_filter(*, owner: User, name: str, query: str, now: datetime) -> SavedFilter:
    """Save the queue query `query` (a checked, normalised query string: the page makes it with
    `QueueFilterForm.query_string`) under `name` for `owner`. Refused (ServiceError) when the
    name is empty, too long or already used by the owner, or when the owner has the maximum
    number of filters."""
    name = name.strip()
    if not name:
        raise ServiceError("required", _("Give the filter a name."), field="name")
    if len(name) > MAX_NAME:
        raise ServiceError(
            "too_long",
            _("The name is too long (at most %(max)d characters).") % {"max": MAX_NAME},
            field="name",
        )
    if len(query) > MAX_QUERY:
        raise ServiceError("too_long", _("The filter is too long to save."), field="query")
    duplicate = ServiceError(
        "duplicate_name",
        _("You already have a filter named “%(name)s”.") % {"name": name},
        field="name",
    )
    try:
        with transaction.atomic():
            # The owner's row serialises their saves, so two at once cannot pass the limit.
            User.objects.select_for_update().filter(pk=owner.pk).values_list("pk").first()
            mine = SavedFilter.objects.filter(owner=owner)
            if mine.filter(name=name).exists():
                raise duplicate
            if mine.count() >= MAX_SAVED_FILTERS:
                raise ServiceError(
                    "too_many",
                    _("You can keep at most %(max)d saved filters; delete one first.")
                    % {"max": MAX_SAVED_FILTERS},
                )
            return SavedFilter.objects.create(owner=owner, name=name, query=query, created_at=now)
    except IntegrityError as error:  # the same name saved at the same moment
        raise duplicate from error


def delete_filter(*, owner: User, filter_id: int) -> None:
    """Delete one of the owner's saved filters; someone else's answers as not found."""
    with transaction.atomic():
        deleted, _details = SavedFilter.objects.filter(owner=owner, pk=filter_id).delete()
    if not deleted:
        raise NotFound("not_found", _("Saved filter not found."))


@dataclass(frozen=True)
class BulkResult:
    assigned: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (case number, why)


def bulk_assign(
    *, authority: Authority, numbers: list[str], data: TransitionInput, now: datetime
) -> BulkResult:
    """Assign each case in `numbers` as `data` says, one `perform_transition` each: a case the
    user cannot see, or that the workflow or the input rules refuse, is reported with the
    reason and left exactly as it was; the others are assigned."""
    wanted = list(dict.fromkeys(number.strip() for number in numbers if number.strip()))
    if not wanted:
        raise ServiceError("nothing_selected", _("Tick the cases to assign."), field="case")
    if len(wanted) > MAX_BULK:
        raise ServiceError(
            "too_many",
            _("Assign at most %(max)d cases at once.") % {"max": MAX_BULK},
            field="case",
        )
    ids = dict(
        selectors.visible_cases(authority).filter(number__in=wanted).values_list("number", "pk")
    )
    result = BulkResult()
    for number in wanted:
        if number not in ids:  # absent or invisible: the same answer, as everywhere
            result.refused.append((number, _("Case not found.")))
            continue
        try:
            perform_transition(
                case_id=ids[number], authority=authority, action=Action.ASSIGN, data=data, now=now
            )
        except TransitionNotAllowed as refused:
            result.refused.append(
                (number, refusal_message(refused.action, refused.state, refused.reason))
            )
        except ServiceError as problem:
            result.refused.append((number, str(problem.message)))
        else:
            result.assigned.append(number)
    return result
