"""`/api/v1/notifications`: the caller's in-app messages only, newest first, read and unread."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from kesu.cases.models import Case
from kesu.notify.models import Notification
from kesu.notify.services import notify
from tests.conftest import Org, at


def tell(user: Any, key: str, case: Case | None = None, **context: Any) -> Notification:
    with transaction.atomic():
        [item] = notify(
            template="deadline_warning",
            dedupe_key=key,
            context={"number": case.number if case else "261124999", "clock": "答复时限",
                     "due": at("2026-12-15 17:00"), **context},
            case=case,
            recipient=user,
        )  # fmt: skip
    return item


@pytest.fixture
def inbox(org: Org, case: Case) -> list[Notification]:
    """Five messages for the handler (the middle one about a case), one for someone else."""
    items = [tell(org["handler"], f"k{i}", case if i == 2 else None) for i in range(5)]
    tell(org["head"], "other")
    return items


def test_list_newest_first_with_unread_filter_and_pages(
    api: Any, inbox: list[Notification], case: Case, django_assert_max_num_queries: Any
) -> None:
    client = api("handler")
    with django_assert_max_num_queries(4):
        page = client.get("/notifications").json()
    assert [n["id"] for n in page["items"]] == [n.pk for n in reversed(inbox)]
    assert page["next_cursor"] is None
    middle = page["items"][2]
    assert middle["case_number"] == case.number
    assert middle["subject"] == f"时限提醒：案件 {case.number}"
    assert (
        middle["body"]
        == f"案件 {case.number} 的「答复时限」时限将于 2026年12月15日 17:00 到期，请及时办理。"
    )
    assert middle["read_at"] is None
    assert page["items"][0]["case_number"] is None

    first = client.get("/notifications", limit=2).json()
    assert [n["id"] for n in first["items"]] == [inbox[4].pk, inbox[3].pk]
    second = client.get("/notifications", limit=2, cursor=first["next_cursor"]).json()
    assert [n["id"] for n in second["items"]] == [inbox[2].pk, inbox[1].pk]

    client.post(f"/notifications/{inbox[0].pk}/read")
    unread = client.get("/notifications", unread="true").json()["items"]
    assert [n["id"] for n in unread] == [n.pk for n in reversed(inbox[1:])]
    read = client.get("/notifications", unread="false").json()["items"]
    assert [n["id"] for n in read] == [inbox[0].pk]


def test_the_list_query_count_does_not_grow_with_the_page(
    api: Any, org: Org, case: Case, django_assert_max_num_queries: Any
) -> None:
    for index in range(60):
        tell(org["handler"], f"bulk{index}", case)
    client = api("handler")
    with django_assert_max_num_queries(4):
        page = client.get("/notifications", limit=100).json()
    assert len(page["items"]) == 60
    assert (
        client.get("/notifications", limit=1000).json()["items"][-1]["id"]
        == page["items"][-1]["id"]
    )


def test_unread_count_read_and_read_all(api: Any, inbox: list[Notification]) -> None:
    client = api("handler")
    assert client.get("/notifications/unread-count").json() == {"unread": 5}

    response = client.post(f"/notifications/{inbox[1].pk}/read")
    assert response.status_code == 200
    first_read_at = response.json()["read_at"]
    assert first_read_at is not None
    again = client.post(f"/notifications/{inbox[1].pk}/read").json()
    assert again["read_at"] == first_read_at  # reading again changes nothing
    assert client.get("/notifications/unread-count").json() == {"unread": 4}

    assert client.post("/notifications/read-all").json() == {"marked": 4, "unread": 0}
    assert client.get("/notifications/unread-count").json() == {"unread": 0}
    assert client.post("/notifications/read-all").json() == {"marked": 0, "unread": 0}
    # Someone else's messages were not touched.
    assert api("head").get("/notifications/unread-count").json() == {"unread": 1}


def test_someone_elses_notification_answers_404(
    api: Any, org: Org, inbox: list[Notification]
) -> None:
    theirs = Notification.objects.get(recipient=org["head"])
    client = api("handler")
    for path in (f"/notifications/{theirs.pk}/read", "/notifications/999999/read",
                 f"/notifications/{2**63}/read", "/notifications/0/read"):  # fmt: skip
        response = client.post(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert theirs.pk not in [n["id"] for n in client.get("/notifications").json()["items"]]


def test_e_mail_and_sms_rows_are_not_in_the_inbox(api: Any, org: Org, case: Case) -> None:
    org["handler"].email = "zhangwei@example.cn"
    org["handler"].save()
    with transaction.atomic():
        rows = notify(
            template="case_assigned", dedupe_key="both", context={"number": case.number},
            case=case, recipient=org["handler"], channels=("in_app", "email"),
        )  # fmt: skip
    items = api("handler").get("/notifications").json()["items"]
    assert [n["id"] for n in items] == [rows[0].pk]
    email_row = rows[1]
    assert api("handler").post(f"/notifications/{email_row.pk}/read").status_code == 404


def test_anonymous_callers_are_refused(client: Any, db: Any) -> None:
    response = client.get("/api/v1/notifications")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_bad_parameters_answer_422_in_the_one_error_shape(api: Any, inbox: Any) -> None:
    client = api("handler")
    for params in ({"cursor": "x"}, {"cursor": 0}, {"cursor": 2**64}, {"unread": "perhaps"}):
        response = client.get("/notifications", **params)
        assert response.status_code == 422, params
        assert response.json()["code"] == "invalid_input"
