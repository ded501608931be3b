"""R-06: a customer unhappy with a closed case opens a new case that follows it, with the
reason — validated by the registration service, recorded in the history, shown by the API."""

from __future__ import annotations

from typing import Any

import pytest

from kesu.cases.models import Case
from kesu.core.errors import ServiceError
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, assigned, register

REASON = "客户认为维修后空调仍有异响，对处理结果不满意。"


def closed_case(org: Any, day: str = "2026-11-23", **fields: Any) -> Case:
    """Registered, accepted and assigned on `day`, then handled to closure the same day."""
    case = assigned(org, day, **fields)
    steps = [
        ("handler", Action.LOG_CONTACT, {"method": "phone", "note": "已联系客户。"}),
        ("handler", Action.SUBMIT_PLAN, {"plan": "上门维修", "method": "repair"}),
        ("supervisor", Action.APPROVE_PLAN, {}),
        ("handler", Action.ANSWER, {"answer": "已维修。"}),
        ("agent", Action.CONFIRM, {"note": "客户表示满意。"}),
    ]
    for minute, (user, action, data) in enumerate(steps):
        case = act(case, org[user], action, at(f"{day} 12:{minute:02d}"), **data)
    assert case.state == "closed"
    return case


def test_a_follow_up_links_to_the_closed_case_and_records_why(org: Any) -> None:
    earlier = closed_case(org)
    later = register(
        org["agent"], at("2026-11-24 09:00"), follows_number=earlier.number, follow_reason=REASON
    )
    assert later.follows == earlier
    assert later.follow_reason == REASON
    assert list(earlier.followed_by.all()) == [later]
    event = later.events.get(action="register")
    assert event.changes["follows"] == [None, earlier.number]
    assert event.changes["follow_reason"] == [None, REASON]


@pytest.mark.parametrize(
    ("who", "number", "reason", "code", "field"),
    [
        ("agent", "999999999", REASON, "followed_case_not_found", "follows"),
        ("quality", "closed", REASON, "followed_case_not_found", "follows"),  # not visible
        ("agent", "open", REASON, "followed_case_not_closed", "follows"),
        ("agent", "closed", "  ", "follow_reason_required", "follow_reason"),
        ("agent", "", REASON, "follow_reason_without_case", "follows"),
    ],
)
def test_a_follow_up_of_a_case_that_cannot_be_followed_is_refused(  # noqa: PLR0917
    org: Any, who: str, number: str, reason: str, code: str, field: str
) -> None:
    open_case = assigned(org, "2026-11-23", complainant_name="李明")
    numbers = {"closed": closed_case(org).number, "open": open_case.number}
    before = Case.objects.count()
    with pytest.raises(ServiceError) as refused:
        register(
            org[who],
            at("2026-11-24 09:00"),
            follows_number=numbers.get(number, number),
            follow_reason=reason,
        )
    assert (refused.value.code, refused.value.field, refused.value.status) == (code, field, 400)
    assert Case.objects.count() == before  # nothing stored half-way


def test_the_api_accepts_and_shows_the_followed_case(org: Any, api: Any) -> None:
    earlier = closed_case(org)
    body = {
        "complainant_name": "王丽",
        "complainant_phone": "13812345678",
        "facts": "维修后仍有异响。",
        "channel": "hotline",
        "follows": earlier.number,
        "follow_reason": REASON,
    }
    created = api("agent").post("/cases", body)
    assert created.status_code == 201, created.content
    assert created.json()["follows"] == earlier.number
    assert created.json()["follow_reason"] == REASON
    fetched = api("agent").get(f"/cases/{created.json()['number']}").json()
    assert fetched["follows"] == earlier.number
    refused = api("agent").post("/cases", body | {"follows": "999999999"})
    assert refused.status_code == 400
    assert "999999999" in refused.json()["message"]
    assert api("agent").get(f"/cases/{earlier.number}").json()["follows"] is None


def test_the_api_names_the_followed_case_only_to_those_who_may_see_it(org: Any, api: Any) -> None:
    earlier = closed_case(org)  # handled by 售后服务部
    later = register(
        org["agent"], at("2026-11-24 09:00"), follows_number=earlier.number, follow_reason=REASON
    )
    act(later, org["agent"], Action.ACCEPT, at("2026-11-24 09:10"))
    act(later, org["supervisor"], Action.ASSIGN, at("2026-11-24 09:20"), department="quality")
    seen_by_quality = api("quality").get(f"/cases/{later.number}")
    assert seen_by_quality.status_code == 200
    assert seen_by_quality.json()["follows"] is None  # 质量管理部 may not see the earlier case
    assert api("quality").get(f"/cases/{earlier.number}").status_code == 404
    assert api("supervisor").get(f"/cases/{later.number}").json()["follows"] == earlier.number
