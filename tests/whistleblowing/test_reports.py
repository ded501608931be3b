"""Whistleblowing 举报 through the services and the API: sealed identity, unsealing on record,
recusal (404 everywhere), the 30/60 working-day time limit and the reporter's thread."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation

from kesu.cases.models import AccessRecord, Case, CaseEvent
from kesu.domain.vocabulary import CaseKind, Role, State
from kesu.org.access import authority_of
from kesu.whistleblowing import services
from kesu.whistleblowing.models import Message, Report, SealedIdentity
from tests.conftest import at

pytestmark = pytest.mark.django_db

NAME, PHONE = "欧阳秀英", "13912345678"


def named_report(
    org: Any, *, department: str = "after-sales", when: str = "2026-10-12 09:00"
) -> Any:
    return services.submit_report(
        services.Submission(
            facts="售后部经理收受供应商回扣。",
            persons_named="刘强",
            department_code=department,
            identity=services.Identity(name=NAME, phone=PHONE, email="oy@example.cn"),
        ),
        now=at(when),
    )


def test_a_named_report_keeps_the_identity_only_sealed(org: Any) -> None:
    receipt = named_report(org)
    case = Case.objects.get(pk=receipt.case.pk)
    assert case.kind == CaseKind.WHISTLEBLOWING
    assert NAME not in case.complainant_name
    assert case.complainant_phone == ""
    sealed = SealedIdentity.objects.get(report__case=case)
    assert NAME not in sealed.name
    assert PHONE not in sealed.phone
    # Nowhere in the database in clear: not the case, the history, the thread.
    with connection.cursor() as cursor:
        for table in (
            "cases_case",
            "cases_caseevent",
            "whistleblowing_message",
            "whistleblowing_report",
            "whistleblowing_sealedidentity",
        ):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (fixed names)
            assert PHONE not in repr(cursor.fetchall())
    assert receipt.password
    assert len(receipt.key) == 17


def test_unsealing_needs_the_discipline_role_and_a_reason_and_is_on_record(org: Any) -> None:
    receipt = named_report(org)
    now = at("2026-10-12 10:00")
    for username in ("admin", "manager", "gm", "supervisor", "analyst"):
        with pytest.raises(services.NotFound):
            services.unseal_identity(
                authority_of(org[username], now=now), receipt.case.pk, reason="看看", now=now
            )
    discipline = authority_of(org["discipline"], now=now)
    with pytest.raises(services.ServiceError):
        services.unseal_identity(discipline, receipt.case.pk, reason=" ", now=now)
    assert not AccessRecord.objects.filter(what=AccessRecord.UNSEAL).exists()
    identity = services.unseal_identity(discipline, receipt.case.pk, reason="核实身份", now=now)
    assert (identity.name, identity.phone) == (NAME, PHONE)
    record = AccessRecord.objects.get(what=AccessRecord.UNSEAL)
    assert (record.actor, record.why, record.case_id) == (
        org["discipline"],
        "核实身份",
        receipt.case.pk,
    )


def test_the_same_submission_twice_is_one_report(org: Any) -> None:
    first = named_report(org)
    second = named_report(org, when="2026-10-12 09:01")
    assert second.case.pk == first.case.pk
    assert not second.created
    assert second.password is None
    assert Report.objects.count() == 1


def test_anyone_in_the_reported_departments_line_or_named_is_recused(org: Any, api: Any) -> None:
    receipt = named_report(org, department="install")
    number = receipt.case.number
    discipline = api("discipline")
    assert discipline.get(f"/cases/{number}").status_code == 200
    assert discipline.get(f"/whistleblowing/{number}").status_code == 200
    # Move the discipline officer into the line: the installer's department's parent's head.
    from kesu.org.models import UserRole

    officer = org["discipline"]
    officer.department = org.after_sales
    officer.save()
    UserRole.objects.create(user=officer, role=Role.DEPARTMENT_HEAD)
    for path in (
        f"/cases/{number}",
        f"/whistleblowing/{number}",
        f"/whistleblowing/{number}/messages",
        f"/cases/{number}/events",
        f"/cases/{number}/attachments",
    ):
        assert discipline.get(path).status_code == 404, path
    assert discipline.post(f"/whistleblowing/{number}/unseal", {"reason": "x"}).status_code == 404
    pages = Client()
    pages.force_login(officer)
    for path in (
        f"/cases/{number}/",
        f"/whistleblowing/{number}/",
        f"/cases/{number}/print/registration.pdf",
    ):
        assert pages.get(path).status_code == 404, path
    assert pages.post(f"/whistleblowing/{number}/act/", {"step": "accept"}).status_code == 404
    assert number not in pages.get("/whistleblowing/").content.decode()
    assert number not in pages.get("/cases/").content.decode()
    assert number not in discipline.get("/cases", q=number).content.decode()
    assert number not in discipline.get("/whistleblowing").content.decode()


def test_a_named_officer_is_recused(org: Any, api: Any) -> None:
    second = org.add("discipline2", Role.DISCIPLINE_OFFICER, org.hq, "钱进")
    receipt = named_report(org, department="quality")
    number = receipt.case.number
    other = api("discipline2")
    assert (
        other.post(f"/whistleblowing/{number}/persons", {"username": "discipline"}).status_code
        == 201
    )
    assert api("discipline").get(f"/whistleblowing/{number}").status_code == 404
    assert api("discipline").get(f"/cases/{number}").status_code == 404
    assert other.get(f"/whistleblowing/{number}").status_code == 200
    assert second.pk


def test_nobody_but_discipline_sees_a_report(org: Any, api: Any) -> None:
    number = named_report(org).case.number
    for username in ("agent", "supervisor", "handler", "head", "manager", "gm", "analyst", "admin"):
        client = api(username)
        assert client.get(f"/cases/{number}").status_code == 404, username
        assert client.get(f"/whistleblowing/{number}").status_code == 404, username
        assert number not in client.get("/cases").content.decode(), username


def test_thirty_working_days_extended_to_sixty_with_the_presidents_approval(
    org: Any, api: Any
) -> None:
    number = named_report(org, when="2026-10-12 09:00").case.number
    discipline = api("discipline")
    accepted = discipline.post(f"/whistleblowing/{number}/accept").json()
    assert accepted["state"] == State.ACCEPTED
    # 2026-10-12 + 30 working days (no holidays after the National Day week) = 2026-11-23.
    assert accepted["resolution_due"].startswith("2026-11-23")
    asked = discipline.post(f"/whistleblowing/{number}/extension", {"reason": "涉及多个部门"})
    assert asked.status_code == 201
    assert api("manager").get("/whistleblowing-extensions").json() == []
    waiting = api("gm").get("/whistleblowing-extensions").json()
    assert [w["number"] for w in waiting] == [number]
    assert api("gm").get(f"/whistleblowing/{number}").status_code == 404  # approves, never reads
    decided = api("gm").post(f"/whistleblowing-extensions/{waiting[0]['id']}", {"approve": True})
    assert decided.json()["state"] == "approved"
    report = discipline.get(f"/whistleblowing/{number}").json()
    assert report["extended"]
    assert report["resolution_due"].startswith("2027-01-05")
    closed = discipline.post(
        f"/whistleblowing/{number}/close", {"body": "经调查属实，已移交处理。"}
    )
    assert closed.json()["state"] == State.CLOSED
    notices = list(
        Message.objects.filter(notice__in=["accepted", "extended", "outcome"]).values_list(
            "notice", flat=True
        )
    )
    assert notices == ["accepted", "extended", "outcome"]
    actions = set(CaseEvent.objects.filter(case__number=number).values_list("action", flat=True))
    assert {"register", "wb_accept", "wb_extension_asked", "wb_extended", "wb_close"} <= actions


def test_the_api_registers_a_report_and_seals_the_complainant(org: Any, api: Any) -> None:
    body = {
        "complainant_name": NAME,
        "complainant_phone": PHONE,
        "channel": "letter",
        "kind": "whistleblowing",
        "facts": "采购员虚报价格。",
    }
    answer = api("agent").post("/cases", body)
    assert answer.status_code == 201
    receipt = answer.json()
    assert receipt["kind"] == "whistleblowing"
    assert receipt["key"].startswith("JB-")
    assert receipt["password"]
    assert NAME not in answer.content.decode()
    again = api("agent").post("/cases", body)
    assert again.status_code == 200
    assert again.json()["number"] == receipt["number"]
    case = Case.objects.get(number=receipt["number"])
    assert case.complainant_phone == ""
    assert NAME not in case.complainant_name
    seen = api("discipline").get(f"/cases/{receipt['number']}")
    assert seen.status_code == 200
    assert NAME not in seen.content.decode()
    opened = api("discipline").post(
        f"/whistleblowing/{receipt['number']}/unseal", {"reason": "约谈"}
    )
    assert opened.json()["name"] == NAME


def test_an_anonymous_api_report_has_nothing_to_unseal(org: Any, api: Any) -> None:
    body = {
        "complainant_name": "匿名",
        "channel": "letter",
        "kind": "whistleblowing",
        "facts": "仓库夜间私自出货。",
    }
    number = api("discipline").post("/cases", body).json()["number"]
    with translation.override("en"):
        answer = api("discipline", "en").post(f"/whistleblowing/{number}/unseal", {"reason": "x"})
    assert answer.status_code == 409
    assert "anonymous" in answer.json()["message"]
