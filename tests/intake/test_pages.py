"""Arrival's pages: the proposals page with the cases side by side, confirm and dismiss; the
case page's panel with the merge and split forms; who may use them."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.utils import translation

from kesu.cases.integrity import verify
from kesu.cases.models import Case
from kesu.domain.vocabulary import State
from kesu.intake.models import CaseGroup, CaseLink
from tests.conftest import at
from tests.factories import assigned
from tests.intake.conftest import PRODUCT, REWORDINGS, arrive, phone
from tests.web.client import logged_in

pytestmark = pytest.mark.django_db
NOW = at("2026-11-05 10:00")


def proposal(org: Any, n: int = 3) -> CaseGroup:
    for i in range(n):
        arrive(
            org["agent"], at(f"2026-11-04 09:0{i}"), facts=REWORDINGS[i],
            complainant_phone=phone(i), subject_product=PRODUCT,
        )  # fmt: skip
    return CaseGroup.objects.get()


def test_the_proposals_page_shows_the_cases_side_by_side_and_confirms(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    group = proposal(org)
    client = logged_in("supervisor")
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        with django_assert_max_num_queries(25):
            page = client.get("/batches/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        for case in Case.objects.all():
            assert case.number in page
        assert page.count('class="batch-case"') == 3
        assert "Batch complaints" in page
        done = client.post(f"/batches/{group.pk}/decide/", {"decision": "confirm", "note": "同批"})
    assert done.status_code == 302
    group.refresh_from_db()
    assert group.status == CaseGroup.CONFIRMED


def test_an_agent_may_not_decide_or_see_the_page(org: Any) -> None:
    group = proposal(org, 2)
    client = logged_in("agent")
    with time_machine.travel(NOW, tick=False):
        assert client.get("/batches/").status_code == 403
        assert (
            client.post(f"/batches/{group.pk}/decide/", {"decision": "dismiss"}).status_code == 403
        )
        panel = client.get(f"/cases/{Case.objects.first().number}/arrival/").content.decode()
    assert "merge" not in panel
    assert CaseGroup.objects.get().status == CaseGroup.PROPOSED


def test_merge_and_split_from_the_case_page(org: Any) -> None:
    kept = assigned(org, "2026-11-02")
    duplicate = assigned(org, "2026-11-03")
    client = logged_in("supervisor")
    with time_machine.travel(NOW, tick=False):
        panel = client.get(f"/cases/{duplicate.number}/arrival/").content.decode()
        assert f'action="/cases/{duplicate.number}/merge/"' in panel
        merged = client.post(f"/cases/{duplicate.number}/merge/", {"into": kept.number})
        assert merged.status_code == 302
        assert merged.url == f"/cases/{kept.number}/"
        shown = client.get(f"/cases/{kept.number}/arrival/").content.decode()
        assert duplicate.number in shown  # the merged case's history on the survivor
        wrong = client.post(f"/cases/{kept.number}/merge/", {"into": "nonsense"}, follow=True)
        assert wrong.status_code == 200
        split = client.post(f"/cases/{kept.number}/split/", {"facts": "另一台洗衣机也漏水。"})
    assert split.status_code == 302
    assert Case.objects.get(pk=duplicate.pk).state == State.CLOSED
    assert CaseLink.objects.filter(kind=CaseLink.SPLIT, source=kept).count() == 1
    assert verify().ok
