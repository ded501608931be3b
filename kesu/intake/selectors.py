"""Reading arrival's records: proposed batches with their cases side by side, a case's groups
and links, and the histories of the cases merged into one. Cases are read through
`cases.selectors.visible_cases`: a member the reader may not see is left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from kesu.cases import selectors as case_selectors
from kesu.cases.models import Case, CaseEvent
from kesu.intake.models import CaseGroup, CaseGroupMember, CaseLink
from kesu.org.access import Authority

PAGE = 50


@dataclass
class GroupView:
    group: CaseGroup
    cases: list[Case] = field(default_factory=list)
    scores: dict[int, int] = field(default_factory=dict)


def groups(authority: Authority, *, status: str = CaseGroup.PROPOSED) -> list[GroupView]:
    """Batches and group complaints in `status`, newest first, each with its visible cases
    (a fixed number of queries whatever the page holds)."""
    found = list(
        CaseGroup.objects.filter(status=status)
        .order_by("-last_added_at", "-pk")
        .prefetch_related(
            Prefetch("members", queryset=CaseGroupMember.objects.order_by("case_id"))
        )[:PAGE]
    )
    ids = {m.case_id for g in found for m in g.members.all()}
    visible = {
        c.pk: c
        for c in case_selectors.visible_cases(authority)
        .filter(pk__in=ids)
        .select_related("category", "assigned_department")
    }
    views = []
    for group in found:
        members = [m for m in group.members.all() if m.case_id in visible]
        if not members:
            continue
        cases = sorted((visible[m.case_id] for m in members), key=lambda c: (c.received_at, c.pk))
        views.append(GroupView(group, cases, {m.case_id: m.score for m in members}))
    return views


def group_of(authority: Authority, group_id: int) -> GroupView | None:
    group = CaseGroup.objects.filter(pk=group_id).first()
    if group is None:
        return None
    member_scores = dict(group.members.values_list("case_id", "score"))
    cases = list(
        case_selectors.visible_cases(authority)
        .filter(pk__in=list(member_scores))
        .select_related("category", "assigned_department")
        .order_by("received_at", "pk")
    )
    return GroupView(group, cases, member_scores) if cases else None


def groups_of_case(case: Case) -> QuerySet[CaseGroup]:
    return CaseGroup.objects.filter(members__case=case).exclude(status=CaseGroup.DISMISSED)


def links_of(case: Case) -> list[CaseLink]:
    """The merges and splits a case took part in, oldest first."""
    return list(
        (CaseLink.objects.filter(source=case) | CaseLink.objects.filter(target=case))
        .select_related("source", "target")
        .order_by("at", "pk")
    )


def merged_sources(case: Case) -> list[Case]:
    """The cases merged into `case`, and into those, oldest merge first."""
    found: list[Case] = []
    frontier = [case.pk]
    seen = {case.pk}
    while frontier:
        links = list(
            CaseLink.objects.filter(kind=CaseLink.MERGED, target_id__in=frontier)
            .select_related("source")
            .order_by("at", "pk")
        )
        frontier = [link.source_id for link in links if link.source_id not in seen]
        seen.update(frontier)
        found += [link.source for link in links if link.source_id in frontier]
    return found


def merged_histories(case: Case) -> list[tuple[Case, list[CaseEvent]]]:
    """Each merged case with its own history, in order (the surviving case's page shows them)."""
    sources = merged_sources(case)
    events: dict[int, list[CaseEvent]] = {c.pk: [] for c in sources}
    for event in (
        CaseEvent.objects.filter(case_id__in=list(events))
        .select_related("actor")
        .order_by("case_id", "seq")
    ):
        events[event.case_id].append(event)
    return [(source, events[source.pk]) for source in sources]
