"""Retention (issue 20 part 5): personal data of cases closed longer ago than the retention
period is masked in place by `manage.py apply_retention` (also run by the sweep loop); the
case, its number, figures and history remain, a legal hold stops it, the run is reported and
idempotent, and the history keeps no personal data in clear. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import time_machine
from django.core.management import call_command

from kesu.cases.integrity import verify
from kesu.cases.models import Case, CaseEvent, RetentionRun
from kesu.cases.services.retention import (
    apply_retention,
    months_before,
    set_legal_hold,
    set_retention,
)
from kesu.core.errors import Forbidden, ServiceError
from kesu.domain.vocabulary import Action, State
from kesu.org.access import authority_of
from tests.conftest import Org, at
from tests.factories import act, register
from tests.web.client import logged_in

PERSONAL = {
    "complainant_name": "王丽华",
    "complainant_phone": "13812345678",
    "complainant_email": "wanglihua@example.com",
    "complainant_address": "广东省佛山市顺德区大良街道新桂路8号",
    "complainant_employer": "佛山某某公司",
    "complainant_id_number": "440606199001011234",
    "subject_order_number": "HL20260820123456",
    "facts": "客户王丽华（电话13812345678）报修后无人上门。",
}


def _closed(org: Org, day: str) -> Case:
    """Registered and withdrawn (closed) on `day`."""
    case = register(org["agent"], at(f"{day} 09:00"), **PERSONAL)
    return act(case, org["agent"], Action.WITHDRAW, at(f"{day} 10:00"), note="客户撤诉")


@pytest.fixture
def cases(org: Org) -> dict[str, Case]:
    set_retention(months=24, now=at("2026-01-01 09:00"))
    return {
        "old": _closed(org, "2026-01-05"),
        "held": _closed(org, "2026-01-06"),
        "recent": _closed(org, "2027-06-01"),
        "open": register(org["agent"], at("2026-01-07 09:00"), **PERSONAL),
    }


def test_closed_cases_past_the_period_are_masked_in_place(
    org: Org, cases: dict[str, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    now = at("2027-01-01 09:00")
    set_legal_hold(
        case_id=cases["held"].pk, authority=authority_of(org["discipline"], now=now),
        hold=True, reason="诉讼保全", now=now,
    )  # fmt: skip
    report = apply_retention(now=at("2028-03-01 03:00"))
    assert report.masked == [cases["old"].number]
    assert report.held == [cases["held"].number]
    old = Case.objects.get(pk=cases["old"].pk)
    assert old.complainant_name == "王**"
    assert old.complainant_phone == old.complainant_phone_reversed == ""
    assert old.complainant_email == old.complainant_id_number == old.complainant_employer == ""
    assert old.complainant_address == "广东省佛山市****"
    assert old.subject_order_number == ""
    assert "13812345678" not in old.facts
    assert old.number == cases["old"].number
    assert old.state == State.WITHDRAWN
    assert old.personal_data_masked_at == at("2028-03-01 03:00")
    for kept in ("held", "recent", "open"):
        assert Case.objects.get(pk=cases[kept].pk).complainant_phone == "13812345678"
    event = CaseEvent.objects.filter(case=old).order_by("-seq").first()
    assert event is not None
    assert event.action == "retention_mask"
    assert "complainant_phone" in event.data["fields"]
    assert verify().ok  # the masking is on the chained record
    run = RetentionRun.objects.get()
    assert (run.masked, run.held, run.months) == ([old.number], [cases["held"].number], 24)


def test_the_history_keeps_no_personal_data_in_clear(cases: dict[str, Case]) -> None:
    apply_retention(now=at("2028-03-01 03:00"))
    for row in CaseEvent.objects.filter(case=cases["old"]).values("changes", "data", "note"):
        text = str(row)
        for value in ("13812345678", "王丽华", "wanglihua", "440606199001011234", "新桂路"):
            assert value not in text


def test_apply_retention_is_idempotent_and_a_lifted_hold_lets_it_run(
    org: Org, cases: dict[str, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    discipline = authority_of(org["discipline"], now=at("2027-01-01 09:00"))
    set_legal_hold(
        case_id=cases["held"].pk, authority=discipline, hold=True, reason="诉讼保全",
        now=at("2027-01-01 09:00"),
    )  # fmt: skip
    apply_retention(now=at("2028-03-01 03:00"))
    events = CaseEvent.objects.count()
    assert apply_retention(now=at("2028-03-02 03:00")).masked == []
    assert CaseEvent.objects.count() == events
    set_legal_hold(
        case_id=cases["held"].pk, authority=discipline, hold=False, reason="",
        now=at("2028-03-02 09:00"),
    )  # fmt: skip
    with time_machine.travel(at("2028-03-03 03:00"), tick=False):
        call_command("apply_retention")
    out = capsys.readouterr().out
    assert f"masked 1 case(s): {cases['held'].number}" in out
    actions = [e.action for e in CaseEvent.objects.filter(case=cases["held"]).order_by("seq")]
    assert actions[-3:] == ["legal_hold", "legal_hold_lifted", "retention_mask"]


def test_no_period_keeps_personal_data(cases: dict[str, Case]) -> None:
    set_retention(months=0, now=at("2028-01-01 09:00"))
    assert apply_retention(now=at("2030-01-01 03:00")).masked == []
    assert not Case.objects.filter(complainant_phone="").exists()


def test_who_may_hold_and_what_a_hold_needs(org: Org, cases: dict[str, Case]) -> None:
    now = at("2027-01-01 09:00")
    with pytest.raises(Forbidden):
        set_legal_hold(
            case_id=cases["old"].pk, authority=authority_of(org["agent"], now=now), hold=True,
            reason="x", now=now,
        )  # fmt: skip
    with pytest.raises(ServiceError) as refused:
        set_legal_hold(
            case_id=cases["old"].pk, authority=authority_of(org["manager"], now=now), hold=True,
            reason=" ", now=now,
        )  # fmt: skip
    assert refused.value.field == "reason"
    with pytest.raises(ServiceError):
        set_retention(months=-1, now=now)


def test_the_case_page_places_a_hold_and_the_settings_page_sets_the_period(
    cases: dict[str, Case],
) -> None:
    manager = logged_in("manager")
    number = cases["old"].number
    response = manager.post(f"/cases/{number}/legal-hold/", {"hold": "1", "reason": "诉讼保全"})
    assert response.status_code == 302
    assert Case.objects.get(number=number).legal_hold
    assert logged_in("agent").post(f"/cases/{number}/legal-hold/", {"hold": "0"}).status_code == 403
    assert manager.post("/manage/retention/", {"months": "36"}).status_code == 302
    page = manager.get("/manage/retention/").content.decode()
    assert 'value="36"' in page
    assert manager.post("/manage/retention/", {"months": "abc"}).status_code == 400
    history = manager.get("/manage/history/").content.decode()
    assert "24 → 36" in history


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(at("2028-03-31 10:00"), 1) == at("2028-02-29 10:00")
    assert months_before(at("2028-01-15 10:00"), 24) == at("2026-01-15 10:00")
