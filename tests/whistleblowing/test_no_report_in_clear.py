"""A whistleblowing report is registered only where its identity is sealed (review finding):
not on the hotline form, not through the case service directly — either would store the
reporter's name and phone in clear on the case."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from kesu.cases.models import Case
from kesu.cases.services.registration import register_case
from kesu.core.errors import ServiceError
from kesu.domain.vocabulary import CaseKind
from kesu.org.access import authority_of
from tests.conftest import at
from tests.factories import registration
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM

NOW = "2026-11-24 09:00"


def test_the_hotline_form_does_not_offer_or_take_a_report(org: Any) -> None:
    with time_machine.travel(at(NOW), tick=False):
        client = logged_in("agent", "en")
        page = client.get("/cases/new/").content.decode()
        assert 'value="whistleblowing"' not in page
        sent = client.post(
            "/cases/new/", HOTLINE_FORM | {"kind": "whistleblowing", "complainant_name": "欧阳"}
        )
    assert sent.status_code == 400
    assert not Case.objects.exists()


def test_the_case_service_refuses_a_report_it_cannot_seal(org: Any) -> None:
    now = at(NOW)
    with pytest.raises(ServiceError) as refused:
        register_case(
            data=registration(kind=CaseKind.WHISTLEBLOWING, complainant_name="欧阳秀英"),
            authority=authority_of(org["agent"], now=now),
            now=now,
        )
    assert refused.value.code == "report_elsewhere"
    assert not Case.objects.exists()


def test_a_double_tapped_report_still_shows_its_password_once(org: Any) -> None:
    """Two taps send the same form (one report): the second has no password to give (only its
    hash is kept), so the receipt of the first, with its password, is the one shown."""
    from django.test import Client

    from kesu.whistleblowing.models import Report

    form = {"facts": "仓库管理员私自变卖库存。", "mode": "anonymous", "token": "a" * 32}
    phone = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="10.3.3.3")
    assert phone.post("/portal/report/", form).status_code == 302
    assert phone.post("/portal/report/", form).status_code == 302
    assert Report.objects.count() == 1
    shown = phone.get("/portal/report/done/").content.decode()
    assert 'id="report-password"' in shown
    assert phone.get("/portal/report/done/").status_code == 302  # shown once
