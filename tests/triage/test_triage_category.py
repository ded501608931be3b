"""Correcting a case's category on the case page with the triage suggestions (issue 19): one
service with its history event, the permission from the table, refusals that store nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kesu.cases.models import CATEGORY_CHANGED, Case, CaseEvent
from kesu.cases.services.category import change_category
from kesu.core import clock
from kesu.core.errors import Forbidden, ServiceError
from kesu.org.access import authority_of
from tests.factories import register
from tests.web.client import logged_in

FACTS = "客服态度恶劣，说两句就挂我电话，还骂人。"


@pytest.fixture
def case(org: Any) -> Case:
    return register(org["agent"], clock.now(), facts=FACTS, category_code="product_quality_defect")


def test_the_case_page_offers_the_suggestions_and_a_choice_changes_the_category(
    case: Case,
) -> None:
    agent = logged_in("agent")
    with translation.override("en"):
        page = agent.get(f"/cases/{case.number}/").content.decode()
    # Cold start ranks by the category names: the attitude category is among the suggestions,
    # each a button Alt+its number presses (kesu.js, as on the hotline form).
    assert 'name="category" value="service_quality_attitude"' in page
    assert 'data-category-choice aria-keyshortcuts="Alt+1"' in page
    answer = agent.post(f"/cases/{case.number}/category/", {"category": "service_quality_attitude"})
    assert answer.status_code == 302
    case.refresh_from_db()
    assert case.category is not None
    assert case.category.code == "service_quality_attitude"
    event = CaseEvent.objects.filter(case=case, action=CATEGORY_CHANGED).get()
    assert event.changes["category"][1] == str(case.category)
    # The same choice again records nothing more.
    agent.post(f"/cases/{case.number}/category/", {"category": "service_quality_attitude"})
    assert CaseEvent.objects.filter(case=case, action=CATEGORY_CHANGED).count() == 1


def test_refusals_store_nothing(case: Case, org: Any) -> None:
    now = clock.now()
    with pytest.raises(Forbidden):
        change_category(
            case_id=case.pk, authority=authority_of(org["analyst"], now=now),
            code="service_quality_attitude", now=now,
        )  # fmt: skip
    with pytest.raises(ServiceError) as problem:
        change_category(
            case_id=case.pk, authority=authority_of(org["agent"], now=now), code="nope", now=now
        )
    assert problem.value.status == 400
    answer = logged_in("agent").post(f"/cases/{case.number}/category/", {"category": "nope"})
    assert answer.status_code == 400
    case.refresh_from_db()
    assert case.category is not None
    assert case.category.code == "product_quality_defect"
    assert not CaseEvent.objects.filter(case=case, action=CATEGORY_CHANGED).exists()
