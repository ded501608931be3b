"""`notify`: one row per channel with an address, once per event, queued only on commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kesu.cases.models import Case
from kesu.notify.models import Notification, Status
from kesu.notify.services import notify
from tests.conftest import Org, at

CONTEXT = {"number": "261124001", "name": "王丽", "due": at("2026-12-15 17:00")}


def acknowledge(case: Case, **overrides: Any) -> list[Notification]:
    arguments: dict[str, Any] = {
        "template": "case_acknowledged",
        "dedupe_key": f"ack:{case.pk}",
        "context": CONTEXT | {"number": case.number},
        "case": case,
        "email": case.complainant_email,
        "phone": case.complainant_phone,
        "channels": ("sms", "email"),
    }
    with transaction.atomic():
        return notify(**(arguments | overrides))


def test_the_same_event_twice_is_recorded_and_queued_once(
    case: Case, database_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = acknowledge(case)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = acknowledge(case)
    assert [n.channel for n in first] == ["sms", "email"]
    assert second == []
    assert callbacks == []
    assert Notification.objects.count() == 2
    assert {n.status for n in first} == {Status.PENDING}
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [t.task_path for t in queued] == ["kesu.notify.tasks.deliver"] * 2
    assert sorted(t.args_kwargs["args"][0] for t in queued) == sorted(n.pk for n in first)


def test_a_new_channel_for_a_known_event_is_added(case: Case) -> None:
    acknowledge(case, channels=("sms",))
    added = acknowledge(case)
    assert [n.channel for n in added] == ["email"]


def test_channels_without_an_address_are_skipped(case: Case, org: Org) -> None:
    assert [n.channel for n in acknowledge(case, email="")] == ["sms"]
    staff = notify_staff(org["handler"], channels=("in_app", "email", "sms"))
    assert [n.channel for n in staff] == ["in_app"]
    org["handler"].email = "zhangwei@example.cn"
    org["handler"].save()
    staff = notify_staff(org["handler"], channels=("in_app", "email"), key="again")
    assert [(n.channel, n.address) for n in staff] == [
        ("in_app", ""), ("email", "zhangwei@example.cn")
    ]  # fmt: skip
    assert acknowledge(case, dedupe_key="nobody", email="", phone="") == []


def notify_staff(user: Any, *, channels: tuple[str, ...], key: str = "assign") -> list[Any]:
    with transaction.atomic():
        return notify(
            template="case_assigned",
            dedupe_key=key,
            context=CONTEXT | {"staff_name": str(user)},
            recipient=user,
            channels=channels,
        )


def test_in_app_rows_are_created_as_sent(org: Org) -> None:
    [item] = notify_staff(org["handler"], channels=("in_app",))
    assert item.status == Status.SENT
    assert item.sent_at == item.created_at
    assert item.subject == "案件 261124001 已分派给您"
    assert item.read_at is None


def test_a_rolled_back_change_queues_nothing(
    case: Case, database_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    class Undo(Exception):
        pass

    def change_that_fails() -> None:
        with transaction.atomic():
            acknowledge(case)
            raise Undo

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Undo):
        change_that_fails()
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_notify_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match="inside the caller's transaction"):
        notify(template="case_assigned", dedupe_key="k", context={})
