"""Forms refuse what the API refuses, with the same rules and messages, and raw form fields
answer 4xx with a message instead of 500 (security review 2026-12-01, findings 7 and 8; new-user
review D8)."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.test import Client

from kesu.cases.models import Case
from kesu.cases.services.limits import DEMAND_MAX, FACTS_MAX
from kesu.core.errors import ServiceError
from kesu.deadlines.models import CalendarDay
from kesu.notify.services import notify
from kesu.web.models import SavedFilter
from tests.conftest import PHONE_COMPLAINT, at
from tests.factories import register
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM

PHONE_MESSAGE = "请输入电话号码，只能包含数字（可含空格、+、- 和括号）。"


def _register_by_form(client: Client, **changes: str) -> Any:
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        return client.post("/cases/new/", HOTLINE_FORM | changes)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("facts", "长" * (FACTS_MAX + 1)),
        ("demand", "要" * (DEMAND_MAX + 1)),
        ("complainant_phone", "abc"),
        ("complainant_phone", "abc电话"),
        ("complainant_id_number", "44010619900101123X!"),
    ],
)
def test_the_hotline_form_refuses_what_the_api_refuses(
    org: Any, api: Any, field: str, value: str
) -> None:
    by_form = _register_by_form(logged_in("agent"), **{field: value})
    by_api = api("agent").post("/cases", PHONE_COMPLAINT | {field: value})
    assert by_form.status_code == 400
    assert by_api.status_code == 422
    assert [d["field"] for d in by_api.json()["details"]] == [field]
    assert 'class="errorlist"' in by_form.content.decode()
    assert not Case.objects.exists()


def test_the_form_and_the_service_say_the_same_about_a_phone(org: Any) -> None:
    page = _register_by_form(logged_in("agent"), complainant_phone="abc电话").content.decode()
    assert PHONE_MESSAGE in page


def test_the_service_refuses_it_whatever_the_channel(org: Any) -> None:
    with pytest.raises(ServiceError) as refused:
        register(org["agent"], at("2026-11-24 10:00"), facts="长" * (FACTS_MAX + 1))
    assert (refused.value.code, refused.value.field) == ("too_long", "facts")
    with pytest.raises(ServiceError) as refused:
        register(org["agent"], at("2026-11-24 10:00"), complainant_phone="abc")
    assert (refused.value.code, refused.value.field) == ("invalid_phone", "complainant_phone")
    assert not Case.objects.exists()


def test_a_long_but_allowed_text_is_stored_whole(org: Any) -> None:
    response = _register_by_form(logged_in("agent"), facts="长" * FACTS_MAX)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(Case.objects.get().facts) == FACTS_MAX


def test_the_form_tells_the_browser_the_limits(org: Any) -> None:
    page = logged_in("agent").get("/cases/new/").content.decode()
    assert f'maxlength="{FACTS_MAX}"' in page
    assert f'maxlength="{DEMAND_MAX}"' in page


def test_raw_form_fields_with_nul_answer_400_with_a_message(org: Any) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"))
    supervisor, manager, agent = logged_in("supervisor"), logged_in("manager"), logged_in("agent")
    answers = [
        agent.post("/cases/filters/", {"name": "a\x00", "query": "state=registered"}),
        supervisor.post(
            "/cases/assign/", {"case": f"{case.number}\x00", "assign-department": "after-sales"}
        ),
        manager.post("/manage/calendar/2099-06-01/", {"note": "a\x00b", "kind": "rest"}),
    ]
    for response in answers:
        assert response.status_code == 400
        assert "NUL" in response.content.decode()
    assert not SavedFilter.objects.exists()
    assert not CalendarDay.objects.filter(note__contains="a").exists()
    assert Case.objects.get().assigned_department is None


@pytest.mark.parametrize("raw", ["²", "٣x", "9" * 40, ""])
def test_a_notification_id_that_is_not_a_number_answers_400(org: Any, raw: str) -> None:
    response = logged_in("agent").post("/notifications/read/", {"id": raw})
    assert response.status_code == 400
    assert "请选择" in response.content.decode()


def test_a_notification_id_still_marks_it_read(org: Any) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"))
    with transaction.atomic():
        (row,) = notify(
            template="deadline_warning", dedupe_key="test-read", recipient=org["agent"],
            case=case, context={"number": case.number, "name": "王丽"},
        )  # fmt: skip
    response = logged_in("agent").post("/notifications/read/", {"id": str(row.pk)})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.read_at is not None
