"""Batches 批量 and group complaints 群诉 on arrival (R-06, seed 004).

A new case is compared with the cases received within the window (`KESU_INTAKE_BATCH_DAYS`,
default 7) that share its product, order number or address; those whose facts say the same
thing (`similarity.score` ≥ `KESU_INTAKE_SIMILARITY`) join it in a `CaseGroup`. A group is a
proposed batch for a supervisor to confirm or dismiss — until five or more distinct
complainants (distinct phones, else e-mail addresses) are in it: then it is a group complaint,
confirmed at once, every member raised to major with its history event, and the people who
must know (`KESU_INTAKE_GROUP_ROLES`: the complaint supervisors and customer-service managers)
told in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kesu.cases.models import Case, normalise_phone
from kesu.cases.services.events import record_event
from kesu.cases.services.severity import raise_to_major
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.domain.severity import GROUP_COMPLAINT_SIZE
from kesu.domain.vocabulary import Role
from kesu.intake import similarity
from kesu.intake.models import CaseGroup, CaseGroupMember
from kesu.notify.services import notify
from kesu.org.access import Authority, authority_of, holding
from kesu.org.models import User
from kesu.org.services import SYSTEM_USERNAME, system_user

#: Cases compared with a new one, newest first (a product with a flood of complaints is
#: compared with its latest ones only).
CANDIDATES = 300
GROUP_CRITERION = "group_complaint"
GROUP_FORMED = "group_complaint_formed"
BATCH_CONFIRMED = "batch_confirmed"
MAX_NOTE = 500
DEFAULT_ROLES = (Role.SUPERVISOR.value, Role.CS_MANAGER.value)


def window() -> timedelta:
    return timedelta(days=int(getattr(settings, "KESU_INTAKE_BATCH_DAYS", 7)))


def _subject_filter(case: Case) -> Q | None:
    keys = Q()
    if case.subject_product.strip():
        keys |= Q(subject_product__iexact=case.subject_product.strip())
    if case.subject_order_number.strip():
        keys |= Q(subject_order_number=case.subject_order_number.strip())
    if case.complainant_address.strip():
        keys |= Q(complainant_address=case.complainant_address.strip())
    return keys or None


def similar_recent(case: Case, *, now: datetime) -> list[tuple[int, int]]:
    """`(case id, score)` of the recent cases about the same subject saying the same thing."""
    keys = _subject_filter(case)
    if keys is None:
        return []
    rows = (
        Case.objects.filter(keys, received_at__gte=now - window())
        .exclude(pk=case.pk)
        .order_by("-received_at", "-id")
        .values_list("id", "facts")[:CANDIDATES]
    )
    found = [
        (pk, similarity.score(case.facts, facts, subject=case.subject_product))
        for pk, facts in rows
    ]
    least = similarity.threshold()
    return [(pk, score) for pk, score in found if score >= least]


def place(*, case: Case, now: datetime) -> CaseGroup | None:
    """Put a newly registered case into the batch of the recent cases like it (proposing one if
    none is open yet); turn the batch into a group complaint when it reaches five complainants.
    Returns the group, or None when the case is like no other."""
    similar = similar_recent(case, now=now)
    if not similar:
        return None
    scores = dict(similar) | {case.pk: 100}
    with transaction.atomic():
        # The cases' rows, locked in key order: two arrivals about one issue queue here, so
        # they do not open two batches.
        list(
            Case.objects.select_for_update()
            .filter(pk__in=sorted(scores))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        group = (
            CaseGroup.objects.select_for_update()
            .filter(
                members__case_id__in=list(scores),
                status__in=[CaseGroup.PROPOSED, CaseGroup.CONFIRMED],
                last_added_at__gte=now - window(),
            )
            .order_by("pk")
            .first()
        )
        if group is None:
            group = CaseGroup.objects.create(
                kind=CaseGroup.BATCH,
                subject=(case.subject_product or case.subject_order_number
                         or case.complainant_address).strip()[:200],
                opened_at=now,
                last_added_at=now,
            )  # fmt: skip
        present = set(group.members.values_list("case_id", flat=True))
        new = [pk for pk in scores if pk not in present]
        CaseGroupMember.objects.bulk_create(
            [CaseGroupMember(group=group, case_id=pk, score=scores[pk], added_at=now) for pk in new]
        )
        group.last_added_at = now
        group.save(update_fields=["last_added_at"])
        if group.kind == CaseGroup.GROUP:
            _raise(group, new, now)
        elif complainants(group) >= GROUP_COMPLAINT_SIZE:
            _form_group(group, now)
    return group


def complainants(group: CaseGroup) -> int:
    """Distinct complainants in the group: by phone, else by e-mail (a case with neither is
    nobody the group can count)."""
    people = set()
    for phone, email in Case.objects.filter(pk__in=group.members.values("case_id")).values_list(
        "complainant_phone", "complainant_email"
    ):
        if key := normalise_phone(phone or "") or (email or "").strip().lower():
            people.add(key)
    return len(people)


def _form_group(group: CaseGroup, now: datetime) -> None:
    group.kind = CaseGroup.GROUP
    group.status = CaseGroup.CONFIRMED
    group.decided_at = now
    group.decided_by = system_user()
    group.save(update_fields=["kind", "status", "decided_at", "decided_by"])
    member_ids = list(group.members.order_by("case_id").values_list("case_id", flat=True))
    _raise(group, member_ids, now)
    _announce(group, now)


def _raise(group: CaseGroup, case_ids: list[int], now: datetime) -> None:
    authority = authority_of(system_user(), now=now)
    note = _("Group complaint: %(n)s complainants on one issue.") % {"n": complainants(group)}
    for pk in case_ids:
        raise_to_major(
            case_id=pk,
            authority=authority,
            now=now,
            criterion=GROUP_CRITERION,
            note=note,
            details={"group": group.pk, "subject": group.subject},
        )


def must_know() -> list[User]:
    """Who is told of a group complaint at once: the active holders of `KESU_INTAKE_GROUP_ROLES`."""
    roles = [Role(code) for code in getattr(settings, "KESU_INTAKE_GROUP_ROLES", DEFAULT_ROLES)]
    return list(
        User.objects.filter(holding(roles), is_active=True)
        .exclude(username=SYSTEM_USERNAME)
        .order_by("pk")
    )


def _announce(group: CaseGroup, now: datetime) -> None:
    members = list(
        Case.objects.filter(pk__in=group.members.values("case_id"))
        .order_by("received_at", "pk")
        .values_list("number", flat=True)
    )
    first = Case.objects.get(number=members[0])
    for person in must_know():
        notify(
            template=GROUP_FORMED,
            dedupe_key=f"{GROUP_FORMED}:{group.pk}:{person.pk}",
            context={
                "number": members[0],
                "numbers": "、".join(members),
                "count": complainants(group),
                "subject": group.subject,
                "staff_name": str(person),
            },
            case=first,
            recipient=person,
            channels=("in_app", "email"),
        )
    group.announced_at = now
    group.save(update_fields=["announced_at"])


def decide(
    *, group_id: int, authority: Authority, now: datetime, confirm: bool, note: str = ""
) -> CaseGroup:
    """A supervisor confirms a proposed batch (each member's history says so) or dismisses it."""
    if not authority.may(Permission.DECIDE_BATCHES):
        raise Forbidden("not_allowed", _("Your role cannot decide on batches."))
    if len(note) > MAX_NOTE:
        raise ServiceError(
            "too_long", _("The note is longer than %(n)s characters.") % {"n": MAX_NOTE},
            field="note",
        )  # fmt: skip
    with transaction.atomic():
        group = CaseGroup.objects.select_for_update().filter(pk=group_id).first()
        if group is None:
            raise NotFound("not_found", _("Batch not found."))
        if group.status != CaseGroup.PROPOSED:
            raise ServiceError("already_decided", _("This batch has already been decided."))
        member_ids = list(group.members.order_by("case_id").values_list("case_id", flat=True))
        cases = list(Case.objects.select_for_update().filter(pk__in=member_ids).order_by("pk"))
        group.status = CaseGroup.CONFIRMED if confirm else CaseGroup.DISMISSED
        group.decided_by = authority.user
        group.decided_at = now
        group.decision_note = note.strip()
        group.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if confirm:
            numbers = [c.number for c in cases]
            for case in cases:
                record_event(
                    case=case,
                    authority=authority,
                    action=BATCH_CONFIRMED,
                    at=now,
                    role=authority.role_for(Permission.DECIDE_BATCHES),
                    data={"group": group.pk, "cases": numbers, "subject": group.subject},
                    note=note.strip(),
                )
    return group
