"""Five complaints from five phones about one product within the window make a group
complaint 群诉 — major, the supervisors and managers told at once; four do not (a batch
proposal instead). Repeated phones count once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from kesu.cases.integrity import verify
from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Severity
from kesu.intake.models import CaseGroup
from kesu.notify.models import Notification
from tests.conftest import at
from tests.intake.conftest import OTHER_ISSUES, PRODUCT, REWORDINGS, arrive, phone

pytestmark = pytest.mark.django_db


def complaints(org: Any, phones: list[str], *, day: str = "2026-11-02") -> list[Case]:
    cases = []
    for i, number in enumerate(phones):
        arrival = arrive(
            org["agent"], at(f"{day} 09:{i:02d}"), facts=REWORDINGS[i % len(REWORDINGS)],
            complainant_phone=number, subject_product=PRODUCT, complainant_name=f"客户{i}",
        )  # fmt: skip
        assert arrival.created
        cases.append(arrival.case)
    return cases


def told_of_group() -> set[str]:
    return set(
        Notification.objects.filter(
            template="group_complaint_formed", channel="in_app"
        ).values_list("recipient__username", flat=True)
    )


@pytest.mark.parametrize(
    ("phones", "group"),
    [
        (2, False), (3, False), (4, False), (5, True), (6, True), (7, True),
    ],
)  # fmt: skip
def test_five_distinct_complainants_make_a_group_and_four_do_not(
    org: Any, phones: int, group: bool
) -> None:
    cases = complaints(org, [phone(i) for i in range(phones)])
    groups = list(CaseGroup.objects.all())
    assert len(groups) == 1  # one issue, one group, however it grew
    assert groups[0].members.count() == phones
    severities = {c.severity for c in Case.objects.filter(pk__in=[c.pk for c in cases])}
    if group:
        assert groups[0].kind == CaseGroup.GROUP
        assert groups[0].status == CaseGroup.CONFIRMED
        assert severities == {Severity.MAJOR}
        assert told_of_group() == {"supervisor", "manager"}  # KESU_INTAKE_GROUP_ROLES
        raised = CaseEvent.objects.filter(action="severity_raised")
        assert raised.count() == phones
        assert all("group_complaint" in c.major_criteria for c in Case.objects.all())
    else:
        assert groups[0].kind == CaseGroup.BATCH
        assert groups[0].status == CaseGroup.PROPOSED
        assert severities == {Severity.GENERAL}
        assert told_of_group() == set()
    assert verify().ok


@pytest.mark.parametrize("distinct", [3, 4, 5])
def test_a_phone_complaining_twice_counts_once(org: Any, distinct: int) -> None:
    """Six complaints, but only `distinct` phones among them: a group only from five people."""
    numbers = [phone(i % distinct) for i in range(6)]
    # The same phone complaining again would be attached to its open case on the portal; the
    # hotline (no attach) registers it, and it still counts as one complainant.
    complaints(org, numbers)
    group = CaseGroup.objects.get()
    assert (group.kind == CaseGroup.GROUP) is (distinct >= 5)


def test_the_group_forms_once_and_a_sixth_complaint_joins_it_as_major(org: Any) -> None:
    complaints(org, [phone(i) for i in range(5)])
    first_notices = Notification.objects.filter(template="group_complaint_formed").count()
    sixth = complaints(org, [phone(9)], day="2026-11-03")[0]
    sixth.refresh_from_db()
    assert sixth.severity == Severity.MAJOR
    assert CaseGroup.objects.get().members.count() == 6
    assert Notification.objects.filter(template="group_complaint_formed").count() == first_notices


def test_complaints_outside_the_window_do_not_group(org: Any, settings: Any) -> None:
    settings.KESU_INTAKE_BATCH_DAYS = 7
    for i in range(5):
        arrive(
            org["agent"], at("2026-09-01 10:00") + timedelta(days=8 * i), facts=REWORDINGS[0],
            complainant_phone=phone(i), subject_product=PRODUCT,
        )  # fmt: skip
    assert not CaseGroup.objects.filter(kind=CaseGroup.GROUP).exists()


def test_other_issues_on_the_same_product_stay_out(org: Any) -> None:
    complaints(org, [phone(i) for i in range(4)])
    other = arrive(
        org["agent"], at("2026-11-02 11:00"), facts=OTHER_ISSUES[1],
        complainant_phone=phone(8), subject_product=PRODUCT,
    )  # fmt: skip
    assert other.group is None
    assert CaseGroup.objects.get().kind == CaseGroup.BATCH


def test_an_arrival_costs_a_bounded_number_of_queries(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    complaints(org, [phone(i) for i in range(3)])
    with django_assert_max_num_queries(60):
        arrive(
            org["agent"], at("2026-11-02 12:00"), facts=REWORDINGS[3],
            complainant_phone=phone(7), subject_product=PRODUCT,
        )  # fmt: skip
