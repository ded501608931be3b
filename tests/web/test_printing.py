"""Printable forms: real PDFs in Chinese, read back with pypdf."""

from io import BytesIO
from typing import Any

from django.test import Client
from pypdf import PdfReader

from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, assigned


def pdf_text(response: Any) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return "".join(page.extract_text() for page in reader.pages)


def test_the_registration_form_and_the_handling_record(org: Any) -> None:
    case = assigned(org, "2026-11-02", complainant_name="王丽")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-03 09:00"), note="已电话联系客户。")
    client = Client()
    client.force_login(org["supervisor"])
    registration = pdf_text(client.get(f"/cases/{case.number}/print/registration.pdf"))
    assert "客户投诉登记表" in registration
    assert case.number in registration
    assert "王丽" in registration
    assert "13812345678" in registration
    assert "☑受理" in registration
    handling = pdf_text(client.get(f"/cases/{case.number}/print/handling.pdf"))
    assert "投诉处理记录表" in handling
    assert "已电话联系客户。" in handling
    assert "售后服务部" in handling


def test_masked_roles_print_masked_data_and_outsiders_get_404(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    analyst = Client()
    analyst.force_login(org["analyst"])
    text = pdf_text(analyst.get(f"/cases/{case.number}/print/registration.pdf"))
    assert "138****5678" in text
    assert "13812345678" not in text
    outsider = Client()
    outsider.force_login(org["quality"])
    assert outsider.get(f"/cases/{case.number}/print/handling.pdf").status_code == 404
    assert analyst.get(f"/cases/{case.number}/print/other.pdf").status_code == 404
