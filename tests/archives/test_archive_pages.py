"""The 查阅档案 walk through the pages: a supervisor asks to read a confidential archive, the
manager approves on the archives page, the supervisor reads the case and its file (one PDF,
on record as an export) until the approval expires; then 404 again."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from kesu.archives.models import AccessRequest, Archive
from kesu.cases.models import AccessRecord
from tests.cases.test_follow import closed_case
from tests.conftest import at
from tests.web.test_printing import pdf_text

pytestmark = pytest.mark.django_db


def client(org: Any, username: str) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(org[username])
    return c


def test_request_approval_time_limited_read_and_expiry_in_the_pages(org: Any) -> None:
    case = closed_case(org)
    number = Archive.objects.get(case=case).number
    manager, supervisor = client(org, "manager"), client(org, "supervisor")
    with time_machine.travel(at("2026-11-25 09:00"), tick=False), translation.override("en"):
        marked = manager.post(f"/archives/{number}/act/", {"step": "confidential"})
        assert marked.status_code == 302
        assert supervisor.get(f"/cases/{case.number}/").status_code == 404
        assert supervisor.get(f"/archives/{number}/file.pdf").status_code == 404
        page = supervisor.get(f"/archives/{number}/")
        assert "Ask to read this archive" in page.content.decode()
        too_long = supervisor.post(
            f"/archives/{number}/act/", {"step": "request", "reason": "复核", "days": 90}
        )
        assert too_long.status_code == 400
        asked = supervisor.post(
            f"/archives/{number}/act/", {"step": "request", "reason": "客户再次来电", "days": 2}
        )
        assert asked.status_code == 302
        request = AccessRequest.objects.get()
        listing = manager.get("/archives/").content.decode()
        assert "Readings waiting for your approval" in listing
        assert "客户再次来电" in listing
        assert (
            supervisor.post(
                f"/archives/requests/{request.pk}/", {"decision": "approve"}
            ).status_code
            == 404
        )  # not one's own
        manager.post(f"/archives/requests/{request.pk}/", {"decision": "approve"})
        assert supervisor.get(f"/cases/{case.number}/").status_code == 200
        archive_page = supervisor.get(f"/archives/{number}/").content.decode()
        assert "2026-11-27 09:00" in archive_page
        pdf = supervisor.get(f"/archives/{number}/file.pdf")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
        assert AccessRecord.objects.filter(
            what=AccessRecord.EXPORT, actor=org["supervisor"]
        ).exists()
    with time_machine.travel(at("2026-11-27 09:01"), tick=False), translation.override("en"):
        supervisor = client(org, "supervisor")  # the session of two days ago has timed out
        assert supervisor.get(f"/cases/{case.number}/").status_code == 404
        assert supervisor.get(f"/archives/{number}/file.pdf").status_code == 404
        assert "Expired" in supervisor.get("/archives/").content.decode()


def test_the_case_file_pdf_holds_every_form_and_the_history(org: Any) -> None:
    case = closed_case(org)
    number = Archive.objects.get(case=case).number
    answer = client(org, "supervisor").get(f"/archives/{number}/file.pdf")
    assert answer.status_code == 200
    text = pdf_text(answer)
    for part in (
        "投诉案件档案",
        number,
        "客户投诉登记表",
        "投诉处理记录表",
        "证据清单",
        "合议与决定",
    ):
        assert part in text, part
