"""Several departments on a case in the workspace: the case page's co-handling 协办 and
handover 转交 section with the legal-opinion suggestion, the forms, "co-handling for my
department" (query count bounded), and the printed 协办记录表 and 转交处理联系单 read back
with pypdf."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client

from kesu.decisions.models import CoHandlingTask, HandoverRequest
from kesu.domain.vocabulary import Role, Severity
from kesu.org.services import create_department
from tests.conftest import at
from tests.factories import assigned
from tests.web.test_printing import pdf_text

FACTS = "客户称保单第八条条款约定不明，已向报社记者反映，媒体可能曝光。"


@pytest.fixture
def legal(org: Any) -> Any:
    department = create_department(code="legal", name="法规部", parent=org.hq)
    org.add("lawyer", Role.HANDLER, department, "钱律")
    return department


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_case_page_suggests_a_legal_opinion_and_the_request_reaches_the_department(
    org: Any, legal: Any
) -> None:
    case = assigned(org, "2026-11-02", facts=FACTS, severity=Severity.MAJOR)
    handler = client_of(org["handler"])
    with time_machine.travel(at("2026-11-02 12:00"), tick=False):
        page = handler.get(f"/cases/{case.number}/").content.decode()
        assert "建议征求法律意见" in page or "Legal opinion suggested" in page
        for trigger in ("媒体", "条款", "重大"):
            assert trigger in page
        asked = handler.post(
            f"/cases/{case.number}/co-handling/",
            {"department": "legal", "request": "请出具法律意见。", "legal_opinion": "1",
             "assignee": "lawyer"},
        )  # fmt: skip
        assert asked.status_code == 302, asked.content.decode()[:2000]
        task = CoHandlingTask.objects.get()
        assert task.legal_opinion
        assert task.state == "pending_approval"
        # Empty request: the page again with the reason, nothing stored.
        empty = handler.post(
            f"/cases/{case.number}/co-handling/", {"department": "quality", "request": ""}
        )
        assert empty.status_code == 400
        assert "请说明" in empty.content.decode() or "Say what you ask" in empty.content.decode()
        assert CoHandlingTask.objects.count() == 1
        supervisor = client_of(org["supervisor"])
        assert (
            supervisor.post(
                f"/cases/{case.number}/co-handling/{task.pk}/", {"op": "approve"}
            ).status_code
            == 302
        )
    lawyer = client_of(org["lawyer"])
    with time_machine.travel(at("2026-11-03 09:00"), tick=False):
        mine = lawyer.get("/co-handling/").content.decode()
        assert case.number in mine
        page = lawyer.get(f"/cases/{case.number}/").content.decode()
        assert 'name="answer"' in page
        answered = lawyer.post(
            f"/cases/{case.number}/co-handling/{task.pk}/",
            {"op": "answer", "answer": "条款存在歧义，建议按有利于被保险人的解释处理。"},
        )
        assert answered.status_code == 302
        form = pdf_text(
            client_of(org["handler"]).get(f"/cases/{case.number}/co-handling/{task.pk}.pdf")
        )
        assert lawyer.get(f"/cases/{case.number}/").status_code == 404  # answered: not theirs
    task.refresh_from_db()
    assert task.state == "answered"
    for text in ("协办记录表", "法规部", "协办意见", "条款存在歧义", "申请法律意见", case.number):
        assert text in form, text


def test_handover_sheet_prints_both_parties(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    with time_machine.travel(at("2026-11-02 12:00"), tick=False):
        sent = client_of(org["handler"]).post(
            f"/cases/{case.number}/handover/",
            {"department": "quality", "reason": "属产品质量问题，转质量管理部"},
        )
        assert sent.status_code == 302
        item = HandoverRequest.objects.get()
        page = client_of(org["quality_head"]).get(f"/cases/{case.number}/").content.decode()
        assert 'value="acknowledge"' in page
        taken = client_of(org["quality_head"]).post(
            f"/cases/{case.number}/handover/{item.pk}/", {"op": "acknowledge", "handler": "quality"}
        )
        assert taken.status_code == 302
        sheet = pdf_text(
            client_of(org["quality"]).get(f"/cases/{case.number}/handover/{item.pk}.pdf")
        )
    for text in ("客户投诉转交处理联系单", "售后服务部", "质量管理部", "属产品质量问题", "何芳"):
        assert text in sheet, text


def test_co_handling_for_my_department_reads_a_fixed_number_of_queries(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    with time_machine.travel(at("2026-11-02 12:00"), tick=False):
        from kesu.decisions.services.cohandling import CoHandlingInput, request_co_handling
        from kesu.org.access import authority_of

        for day in ("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"):
            case = assigned(org, day)
            request_co_handling(
                case_id=case.pk,
                authority=authority_of(org["supervisor"], now=at("2026-11-05 12:00")),
                data=CoHandlingInput(department="quality", request="请协助"),
                now=at("2026-11-05 12:00"),
            )
    with time_machine.travel(at("2026-11-05 13:00"), tick=False):
        client = client_of(org["quality"])
        client.get("/co-handling/")  # sessions, caches
        with django_assert_max_num_queries(12):
            page = client.get("/co-handling/")
    assert page.content.decode().count("#task-") == 4
