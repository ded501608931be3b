"""Merging and splitting keep every history event of both cases; the chains still verify; a
supervisor confirms or dismisses a proposed batch, an agent may not."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.cases.integrity import verify
from kesu.cases.models import Case, CaseEvent
from kesu.core.errors import Forbidden, ServiceError
from kesu.domain.vocabulary import State
from kesu.intake import selectors
from kesu.intake.models import CaseGroup, CaseLink
from kesu.intake.services.grouping import decide
from kesu.intake.services.merging import SplitPart, merge_cases, split_case
from kesu.org.access import authority_of
from tests.conftest import at
from tests.factories import assigned, register
from tests.intake.conftest import PRODUCT, REWORDINGS, arrive, phone

pytestmark = pytest.mark.django_db
NOW = at("2026-11-05 10:00")


def events(case: Case) -> list[tuple[int, str]]:
    return list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("seq", "action"))


def test_merge_closes_the_duplicate_and_keeps_both_histories(org: Any) -> None:
    kept = assigned(org, "2026-11-02")
    duplicate = assigned(org, "2026-11-03", complainant_phone="13700000000")
    kept_before, duplicate_before = events(kept), events(duplicate)
    supervisor = authority_of(org["supervisor"], now=NOW)
    merge_cases(
        source=duplicate.number, target=kept.number, authority=supervisor, now=NOW,
        note="同一故障重复登记",
    )  # fmt: skip
    duplicate.refresh_from_db()
    assert duplicate.state == State.CLOSED
    assert duplicate.next_due is None
    assert events(duplicate)[:-1] == duplicate_before  # nothing moved or rewritten
    assert events(duplicate)[-1][1] == "merged_into"
    # Closed like any case (issue 20): an archive number, in the closing step.
    from kesu.archives.models import Archive

    closing = CaseEvent.objects.get(case=duplicate, action="merged_into")
    assert closing.data["archive"] == Archive.objects.get(case=duplicate).number
    assert events(kept)[:-1] == kept_before
    last = CaseEvent.objects.filter(case=kept).order_by("-seq").first()
    assert last is not None
    assert last.action == "merged_from"
    assert last.data == {"from": duplicate.number, "events": len(duplicate_before) + 1}
    shown = selectors.merged_histories(kept)
    assert [(c.pk, [e.action for e in evs]) for c, evs in shown] == [
        (duplicate.pk, [a for _s, a in events(duplicate)])
    ]
    assert verify().ok


def test_merge_refusals(org: Any) -> None:
    one = assigned(org, "2026-11-02")
    two = assigned(org, "2026-11-03")
    with pytest.raises(Forbidden):
        merge_cases(
            source=one.number, target=two.number, authority=authority_of(org["agent"], now=NOW),
            now=NOW,
        )  # fmt: skip
    supervisor = authority_of(org["supervisor"], now=NOW)
    with pytest.raises(ServiceError) as same:
        merge_cases(source=one.number, target=one.number, authority=supervisor, now=NOW)
    assert same.value.code == "same_case"
    merge_cases(source=one.number, target=two.number, authority=supervisor, now=NOW)
    with pytest.raises(ServiceError) as again:
        merge_cases(source=one.number, target=two.number, authority=supervisor, now=NOW)
    assert again.value.code == "case_not_open"
    assert CaseLink.objects.count() == 1


def test_a_case_merged_into_one_merged_further_shows_on_the_last(org: Any) -> None:
    a, b, c = (assigned(org, f"2026-11-0{d}") for d in (2, 3, 4))
    supervisor = authority_of(org["supervisor"], now=NOW)
    merge_cases(source=a.number, target=b.number, authority=supervisor, now=NOW)
    merge_cases(source=b.number, target=c.number, authority=supervisor, now=NOW)
    assert [s.number for s, _e in selectors.merged_histories(c)] == [b.number, a.number]


def test_split_makes_a_linked_case_and_keeps_the_original(org: Any) -> None:
    original = assigned(org, "2026-11-02", facts="空调不制冷；另外洗衣机也漏水。")
    before = events(original)
    supervisor = authority_of(org["supervisor"], now=NOW)
    part = SplitPart(facts="洗衣机漏水。", subject_product="滚筒洗衣机")
    new = split_case(number=original.number, part=part, authority=supervisor, now=NOW)
    assert new.pk != original.pk
    assert new.complainant_phone == original.complainant_phone
    assert new.received_at == original.received_at
    assert new.subject_product == "滚筒洗衣机"
    assert events(original)[:-1] == before
    assert events(original)[-1][1] == "split_into"
    assert [a for _s, a in events(new)] == ["register", "split_from"]
    again = split_case(number=original.number, part=part, authority=supervisor, now=NOW)
    assert again.pk == new.pk  # a double click
    assert CaseLink.objects.filter(kind=CaseLink.SPLIT).count() == 1
    assert verify().ok


def test_a_supervisor_confirms_a_proposed_batch_and_an_agent_may_not(org: Any) -> None:
    for i in range(3):
        arrive(
            org["agent"], at(f"2026-11-02 09:0{i}"), facts=REWORDINGS[i],
            complainant_phone=phone(i), subject_product=PRODUCT,
        )  # fmt: skip
    group = CaseGroup.objects.get()
    assert group.status == CaseGroup.PROPOSED
    [shown] = selectors.groups(authority_of(org["supervisor"], now=NOW))
    assert len(shown.cases) == 3
    with pytest.raises(Forbidden):
        decide(
            group_id=group.pk, authority=authority_of(org["agent"], now=NOW), now=NOW,
            confirm=True,
        )  # fmt: skip
    decide(
        group_id=group.pk, authority=authority_of(org["supervisor"], now=NOW), now=NOW,
        confirm=True, note="同一批次外机噪音",
    )  # fmt: skip
    group.refresh_from_db()
    assert group.status == CaseGroup.CONFIRMED
    assert CaseEvent.objects.filter(action="batch_confirmed").count() == 3
    with pytest.raises(ServiceError):
        decide(
            group_id=group.pk, authority=authority_of(org["supervisor"], now=NOW), now=NOW,
            confirm=False,
        )  # fmt: skip
    assert verify().ok


def test_a_dismissed_batch_leaves_the_cases_alone(org: Any) -> None:
    for i in range(2):
        register(
            org["agent"], at(f"2026-11-02 09:0{i}"), facts=REWORDINGS[i],
            complainant_phone=phone(i), subject_product=PRODUCT,
        )  # fmt: skip
    third = arrive(
        org["agent"], at("2026-11-02 09:05"), facts=REWORDINGS[2],
        complainant_phone=phone(2), subject_product=PRODUCT,
    )  # fmt: skip
    assert third.group is not None
    decide(
        group_id=third.group.pk, authority=authority_of(org["manager"], now=NOW), now=NOW,
        confirm=False,
    )  # fmt: skip
    assert not CaseEvent.objects.filter(action="batch_confirmed").exists()
    assert selectors.groups(authority_of(org["supervisor"], now=NOW)) == []
