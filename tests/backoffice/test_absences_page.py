"""The absences page 缺勤 (/manage/absences/): a manager records that an approver is away, the
approval matrix routes the next plan past them to the level above (with an
`approval_escalated` history event), and ending the absence early brings plans back to them.
Every write is in the change log; a period that ends before it starts is refused in the
user's language with nothing stored."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.management import call_command

from kesu.approvals.models import Absence
from kesu.cases.models import Case
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, assigned
from tests.web.client import logged_in


def _plan(org: Any, day: str) -> Case:
    """A surrender of ¥5,000 at half the premium: the insurer table gives it to the
    customer-service manager (004 第四条(一)2)."""
    case = assigned(org, day)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{day} 13:00"), method="phone", note="已联系")
    act(case, org["handler"], Action.RECORD_INVESTIGATION, at(f"{day} 13:30"), note="查明")
    case = act(
        case, org["handler"], Action.SUBMIT_PLAN, at(f"{day} 14:00"), plan="协议解约",
        approval_action="surrender", amount=Decimal("5000"), premium_share=Decimal("0.5"),
    )  # fmt: skip
    case.refresh_from_db()
    return case


def _log_of(absence: Absence) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(content_type__model="absence", object_id=str(absence.pk)).order_by(
            "action_time", "pk"
        )
    )


def test_an_absence_entered_on_the_page_sends_plans_up_until_it_ends(org: Any) -> None:
    call_command("load_presets", approvals="insurer", verbosity=0)
    client = logged_in("manager")
    with time_machine.travel(at("2026-09-27 09:00"), tick=False):
        made = client.post(
            "/manage/absences/",
            {"user": org["manager"].pk, "starts_at": "2026-09-27T08:00",
             "ends_at": "2026-10-09T00:00", "reason": "病假"},
        )  # fmt: skip
        assert made.status_code == 302
        absence = Absence.objects.get()
        assert absence.user == org["manager"]
        page = client.get("/manage/absences/").content.decode()
        assert "病假" in page
        assert "不在岗" in page

    away = _plan(org, "2026-09-28")
    assert away.plan_approver_role == "general_manager"
    escalated = away.events.get(action="approval_escalated")
    assert escalated.data["named"] == "cs_manager"
    assert escalated.data["skipped"] == ["cs_manager"]

    with time_machine.travel(at("2026-09-29 09:00"), tick=False):
        ended = client.post(f"/manage/absences/{absence.pk}/end/")
    assert ended.status_code == 302
    absence.refresh_from_db()
    assert absence.ends_at == at("2026-09-29 09:00")
    assert [e.is_addition() for e in _log_of(absence)] == [True, False]

    back = _plan(org, "2026-09-30")
    assert back.plan_approver_role == "cs_manager"
    assert not back.events.filter(action="approval_escalated").exists()


def test_a_planned_absence_is_withdrawn_and_an_ended_one_cannot_end_again(org: Any) -> None:
    client = logged_in("manager")
    with time_machine.travel(at("2026-12-01 09:00"), tick=False):
        client.post(
            "/manage/absences/",
            {"user": org["supervisor"].pk, "starts_at": "2026-12-07T08:00",
             "ends_at": "2026-12-08T18:00", "reason": "出差"},
        )  # fmt: skip
        planned = Absence.objects.get()
        assert "待生效" in client.get("/manage/absences/").content.decode()
        client.post(f"/manage/absences/{planned.pk}/end/")
        assert not Absence.objects.exists()
        assert [e.is_deletion() for e in _log_of(planned)] == [False, True]
        over = Absence.objects.create(
            user=org["supervisor"], starts_at=at("2026-11-01 08:00"), ends_at=at("2026-11-02 08:00")
        )
        answer = client.post(f"/manage/absences/{over.pk}/end/", follow=True)
        assert "该缺勤已经结束" in answer.content.decode()
    over.refresh_from_db()
    assert over.ends_at == at("2026-11-02 08:00")


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "缺勤结束时间须晚于开始时间"), ("en", "The absence must end after it starts")],
)
def test_an_absence_that_ends_before_it_starts_is_refused(
    org: Any, language: str, message: str
) -> None:
    for ends in ("2026-12-01T09:00", "2026-12-02T09:00"):  # before, and equal to, the start
        refused = logged_in("manager", language).post(
            "/manage/absences/",
            {"user": org["supervisor"].pk, "starts_at": "2026-12-02T09:00", "ends_at": ends},
        )
        assert refused.status_code == 400
        assert message in refused.content.decode()
    assert not Absence.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="absence").exists()


def test_the_absence_list_has_a_query_budget(org: Any, django_assert_max_num_queries: Any) -> None:
    people = [org[name] for name in ("manager", "supervisor", "gm", "handler", "agent")]
    start = at("2026-12-01 08:00")
    for n in range(30):  # enough rows that a query per row would show
        Absence.objects.create(
            user=people[n % len(people)], starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=8), reason=f"年假{n}",
        )  # fmt: skip
    with time_machine.travel(at("2026-12-10 09:00"), tick=False):
        client = logged_in("manager")
        with django_assert_max_num_queries(12):
            page = client.get("/manage/absences/")
    assert page.status_code == 200
    assert "年假29" in page.content.decode()


def test_only_managers_open_the_absences_page(org: Any) -> None:
    assert logged_in("supervisor").get("/manage/absences/").status_code == 403
    assert 'href="/manage/absences/"' in logged_in("admin").get("/manage/").content.decode()
