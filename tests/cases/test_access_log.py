"""Reads of personal data on record (issue 20 part 3): opening a case unmasked (page and API),
opening evidence (preview and download) and printing each write one access record, which the
discipline officer and the administrator — and nobody else — read by case number, on
`GET /api/v1/access-log?case=<number>` and on the access-log page. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from kesu.cases.models import AccessRecord
from tests.cases.test_attachments import PNG, upload
from tests.conftest import PHONE_COMPLAINT, at
from tests.web.client import logged_in


@pytest.fixture
def number(api: Any, settings: Any, tmp_path: Path) -> str:
    settings.MEDIA_ROOT = tmp_path
    number = str(api("agent").post("/cases", PHONE_COMPLAINT).json()["number"])
    upload(api, number, "发票.png", PNG, "image/png")
    return number


def _reads(number: str) -> list[tuple[str, str, str]]:
    return list(
        AccessRecord.objects.filter(case__number=number)
        .order_by("id")
        .values_list("actor__username", "what", "detail")
    )


def test_every_unmasked_read_in_this_test_is_on_record(api: Any, number: str) -> None:
    supervisor = api("supervisor")
    assert supervisor.get(f"/cases/{number}").status_code == 200
    attachment = supervisor.get(f"/cases/{number}/attachments").json()[0]["id"]
    assert supervisor.get(f"/cases/{number}/attachments/{attachment}").status_code == 200
    page = logged_in("supervisor")
    assert page.get(f"/cases/{number}/").status_code == 200
    assert page.get(f"/cases/{number}/attachments/{attachment}/preview/").status_code == 200
    assert page.get(f"/cases/{number}/print/registration.pdf").status_code == 200
    assert _reads(number) == [
        ("supervisor", "view", ""),
        ("supervisor", "download", "发票.png"),
        ("supervisor", "view", ""),
        ("supervisor", "download", "发票.png"),
        ("supervisor", "print", "registration"),
    ]
    answer = api("discipline").get("/access-log", case=number)
    assert answer.status_code == 200
    rows = answer.json()
    assert [(r["who"]["username"], r["what"]) for r in rows] == [
        ("supervisor", "print"),
        ("supervisor", "download"),
        ("supervisor", "view"),
        ("supervisor", "download"),
        ("supervisor", "view"),
    ]  # newest first
    assert set(rows[0]) == {"case", "who", "what", "detail", "when", "why"}


def test_a_masked_view_is_not_a_read_of_personal_data(api: Any, number: str) -> None:
    """The analyst sees masked values: nothing to record (printing is recorded for everyone)."""
    assert api("analyst").get(f"/cases/{number}").status_code == 200
    assert logged_in("analyst").get(f"/cases/{number}/").status_code == 200
    assert _reads(number) == []


@pytest.mark.parametrize("role", ["agent", "supervisor", "analyst", "manager", "handler"])
def test_only_discipline_and_the_administrator_read_the_access_log(
    api: Any, number: str, role: str
) -> None:
    answer = api(role).get("/access-log", case=number)
    assert answer.status_code == 403
    assert answer.json()["code"] == "not_allowed"
    assert logged_in(role).get("/manage/access-log/", {"case": number}).status_code == 403


def test_the_administrator_reads_the_log_of_a_case_it_cannot_open(api: Any, number: str) -> None:
    api("agent").get(f"/cases/{number}")
    assert api("admin").get(f"/cases/{number}").status_code == 404
    rows = api("admin").get("/access-log", case=number).json()
    assert [(r["who"]["username"], r["what"]) for r in rows] == [("agent", "view")]
    assert api("admin").get("/access-log", case="HL-0000-999999").status_code == 404
    assert api("admin").get("/access-log").status_code == 422


def test_the_access_log_page_searches_by_case_with_bounded_queries(
    api: Any, number: str, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        api("agent").get(f"/cases/{number}")
    page = logged_in("discipline")
    with django_assert_max_num_queries(12):
        body = page.get("/manage/access-log/", {"case": number}).content.decode()
    assert body.count("<tr>") == 31  # the header and thirty reads
    assert "李晓燕" in body
    only = page.get("/manage/access-log/", {"case": number, "actor": "nobody"}).content.decode()
    assert "李晓燕" not in only
    assert page.get("/manage/access-log/", {"case": "HL-0000-1"}).status_code == 404


def test_opening_a_case_costs_one_insert_for_the_record(api: Any, number: str) -> None:
    page = logged_in("supervisor")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page.get(f"/cases/{number}/")  # warm
        with CaptureQueriesContext(connection) as queries:
            page.get(f"/cases/{number}/")
    inserts = [q["sql"] for q in queries.captured_queries if "cases_accessrecord" in q["sql"]]
    assert len(inserts) == 1
    assert inserts[0].startswith("INSERT")


def test_the_record_of_reads_is_append_only(api: Any, number: str) -> None:
    api("agent").get(f"/cases/{number}")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessRecord.objects.filter(case__number=number).update(why="改写")
