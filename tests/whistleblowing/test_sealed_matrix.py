"""The done-when matrix of issue 20 part 1: every role, the administrator and a Django superuser
× every page, API operation, PDF, notification, admin list and log line they can reach. A sealed
identity shows only to a discipline officer, and only in the answer to an unsealing with a
reason (on record); everyone but the discipline officers gets 404 on the report."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from kesu.cases.models import AccessRecord
from kesu.cases.services.escalation import sweep
from kesu.domain.vocabulary import Role
from kesu.notify.models import Notification
from kesu.org.access import authority_of
from kesu.whistleblowing import services
from kesu.whistleblowing.models import SealedIdentity
from tests.conftest import PHONE_COMPLAINT, Api, at

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "欧阳秀英", "13912345678", "ouyang@example.cn"
SECRETS = (NAME, PHONE, EMAIL)

WEB_PAGES = (
    "/", "/cases/", "/cases/{n}/", "/cases/{n}/print/registration.pdf",
    "/cases/{n}/print/handling.pdf", "/whistleblowing/", "/whistleblowing/{n}/",
    "/notifications/", "/approvals/", "/manage/access-log/?case={n}", "/manage/history/",
    "/admin/", "/admin/whistleblowing/sealedidentity/",
    "/admin/whistleblowing/sealedidentity/{sid}/change/", "/admin/cases/caseevent/",
    "/admin/notify/notification/",
)  # fmt: skip
#: Pages that show the report itself: 404 for all but the discipline officers.
REPORT_PAGES = (
    "/cases/{n}/", "/cases/{n}/print/registration.pdf",
    "/cases/{n}/print/handling.pdf", "/whistleblowing/{n}/",
)  # fmt: skip
API_CALLS = (
    "/cases", "/cases/{n}", "/cases/{n}/events", "/cases/{n}/attachments", "/whistleblowing",
    "/whistleblowing/{n}", "/whistleblowing/{n}/messages", "/whistleblowing-extensions",
    "/access-log?case={n}",
)  # fmt: skip
API_REPORT = (
    "/cases/{n}",
    "/cases/{n}/events",
    "/whistleblowing/{n}",
    "/whistleblowing/{n}/messages",
)


@pytest.fixture
def everyone(org: Any) -> dict[str, Any]:
    root = org.add("root", Role.ADMINISTRATOR, org.hq, "超级用户")
    root.is_superuser = root.is_staff = True
    root.save()
    org["admin"].is_staff = True
    org["admin"].save()
    return org.users


def _worked_report(org: Any) -> tuple[str, int]:
    """A named report accepted, answered, extended by the president and asked about."""
    receipt = services.submit_report(
        services.Submission(
            facts="采购部经理与供应商串通抬价。", persons_named="采购部经理",
            department_code="quality", identity=services.Identity(NAME, PHONE, EMAIL),
        ),
        now=at("2026-10-12 09:00"),
    )  # fmt: skip
    discipline = authority_of(org["discipline"], now=at("2026-10-12 10:00"))
    case_id = receipt.case.pk
    services.accept(discipline, case_id, now=at("2026-10-12 10:00"))
    services.reply(discipline, case_id, body="请补充时间和金额。", now=at("2026-10-12 11:00"))
    services.reporter_message(receipt.report, body="九月的三笔订单。", now=at("2026-10-13 09:00"))
    asked = services.request_extension(
        discipline, case_id, reason="需审计配合", now=at("2026-11-02 09:00")
    )
    services.decide_extension(
        authority_of(org["gm"], now=at("2026-11-02 10:00")), asked.pk, approve=True,
        now=at("2026-11-02 10:00"),
    )  # fmt: skip
    return receipt.case.number, SealedIdentity.objects.get(report=receipt.report).pk


def _clean(content: bytes, where: str) -> None:
    text = content.decode("utf-8", "replace")
    for secret in SECRETS:
        assert secret not in text, f"{secret} leaked at {where}"


def test_a_sealed_identity_shows_only_to_discipline_after_unsealing(
    everyone: dict[str, Any], org: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    number, sealed_id = _worked_report(org)
    sweep(now=at("2026-12-30 09:00"))  # the sweep's warnings and 督办: none for it
    for username, user in everyone.items():
        client = Client()
        client.force_login(user)
        api = Api(user)
        discipline = username == "discipline"
        for template in WEB_PAGES:
            path = template.format(n=number, sid=sealed_id)
            answer = client.get(path)
            assert answer.status_code < 500, (username, path)
            _clean(answer.content, f"{username} {path}")
            if template in REPORT_PAGES:
                assert (answer.status_code == 200) is discipline, (
                    username,
                    path,
                    answer.status_code,
                )
        for template in API_CALLS:
            path = template.format(n=number)
            answer = api.client.get(f"/api/v1{path}")
            assert answer.status_code < 500, (username, path)
            _clean(answer.content, f"{username} API {path}")
            if template in API_REPORT:
                assert (answer.status_code == 200) is discipline, (
                    username,
                    path,
                    answer.status_code,
                )
        # Nobody but the discipline officer can open the seal, by page or API.
        if not discipline:
            opened = client.post(
                f"/whistleblowing/{number}/act/", {"step": "unseal", "reason": "x"}
            )
            assert opened.status_code == 404, username
            opened = api.post(f"/whistleblowing/{number}/unseal", {"reason": "x"})
            assert opened.status_code == 404, username
    # The superuser's admin shows that it is sealed, and nothing more.
    root = Client()
    root.force_login(everyone["root"])
    admin_page = root.get(f"/admin/whistleblowing/sealedidentity/{sealed_id}/change/")
    assert admin_page.status_code == 200
    assert b"sealed" in admin_page.content
    assert not AccessRecord.objects.filter(what=AccessRecord.UNSEAL).exists()
    for notification in Notification.objects.all():
        _clean(
            f"{notification.subject} {notification.body} {notification.address}".encode(),
            "notification",
        )
    assert not Notification.objects.filter(case__number=number).exists()
    # The discipline officer opens it with a reason: shown once, on record.
    officer = Client()
    officer.force_login(everyone["discipline"])
    missing_reason = officer.post(
        f"/whistleblowing/{number}/act/", {"step": "unseal", "reason": ""}
    )
    assert missing_reason.status_code == 400
    opened = officer.post(
        f"/whistleblowing/{number}/act/", {"step": "unseal", "reason": "约谈核实"}
    )
    assert opened.status_code == 200
    assert NAME in opened.content.decode()
    record = AccessRecord.objects.get(what=AccessRecord.UNSEAL)
    assert (record.actor.username, record.why) == ("discipline", "约谈核实")
    _clean(officer.get(f"/whistleblowing/{number}/").content, "after unsealing")
    log = Api(everyone["discipline"]).get("/access-log", case=number).json()
    assert ("unseal", "约谈核实") in [(r["what"], r["why"]) for r in log]
    for secret in SECRETS:
        assert secret not in caplog.text


def test_reports_stay_out_of_statistics_exports_and_search_for_everyone_but_discipline(
    everyone: dict[str, Any], org: Any, api: Any
) -> None:
    """The statistics drill-down, a queue export, the library's full-text search and the
    statistics API count and list cases through the same visibility as the queue: a report is
    there for the discipline officers only, and its identity for nobody."""
    import csv
    import io

    import time_machine

    number, _sealed = _worked_report(org)
    with time_machine.travel(at("2026-10-20 09:00"), tick=False):
        complaint = api("agent").post("/cases", PHONE_COMPLAINT).json()["number"]
    period = "from=2026-10-01&to=2026-10-31"
    for username, user in everyone.items():
        client = Client()
        client.force_login(user)
        discipline = username == "discipline"
        with time_machine.travel(at("2026-11-02 12:00"), tick=False):
            pages = {
                "drill-down": client.get(f"/statistics/cases/?{period}&figure=received"),
                "library": client.get("/library/", {"q": "串通"}),
                "export": client.post(
                    "/cases/export/", {"format": "csv", "query": ""}, follow=True
                ),
                "statistics API": Api(user).client.get(
                    f"/api/v1/statistics?{period}&by=kind"
                ),
            }
        for where, answer in pages.items():
            assert answer.status_code < 500, (username, where)
            body = answer.getvalue()  # a download streams
            _clean(body, f"{username} {where}")
            if answer.status_code != 200:
                continue
            text = body.decode("utf-8-sig", "replace")
            if where == "statistics API":
                kinds = {row["key"] for row in answer.json()["rows"]}
                assert ("whistleblowing" in kinds) is discipline, (username, kinds)
                continue
            if where == "export":
                assert "csv" in answer["Content-Type"], (username, answer["Content-Type"])
                numbers = {row[0] for row in csv.reader(io.StringIO(text)) if row}
                assert complaint in numbers or not numbers & {complaint, number}, username
                assert (number in numbers) is discipline, (username, where)
                continue
            assert (number in text) is discipline, (username, where)
        if username in {"analyst", "manager"}:  # they read statistics: the complaint is there
            assert complaint in pages["drill-down"].content.decode()
