"""Return visits on the real database: planning answered cases (every major one, a seeded share
of the rest, due when the return-visit clock says — across the 2026 National Day 调休), the
questionnaire by the caller and by the customer's link, an unhappy customer sending the case
back, N unanswered calls recorded, the list's permission and its bounded queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from kesu.cases.models import Case, CaseEvent
from kesu.core.errors import ServiceError
from kesu.domain.visits import Answers, AttemptOutcome, Source, VisitReason, VisitStatus
from kesu.domain.vocabulary import Action, Severity, State
from kesu.notify.models import Notification
from kesu.org.access import authority_of
from kesu.visits import selectors, services
from kesu.visits.models import OnUnhappy, OnUnreachable, Visit, VisitPlan
from tests.conftest import at
from tests.deadlines.test_seed_clocks import day, only
from tests.factories import act, assigned
from tests.web.client import logged_in


def answered(org: Any, first: str = "2026-09-28", when: str = "2026-09-30 09:00", **f: Any) -> Case:
    case = assigned(org, first, **f)
    act(case, org["handler"], Action.LOG_CONTACT, at(f"{first} 14:00"), note="已联系客户。")
    act(case, org["handler"], Action.SUBMIT_PLAN, at(f"{first} 15:00"), plan="上门维修。")
    act(case, org["supervisor"], Action.APPROVE_PLAN, at(f"{first} 16:00"))
    return act(case, org["handler"], Action.ANSWER, at(when), answer="已上门修好。")


def plan(case: Case, when: str = "2026-09-30 09:05") -> Visit:
    visit = services.plan_case(case_id=case.pk, now=at(when))
    assert visit is not None
    return visit


def test_visit_due_is_the_return_visit_clock_across_the_national_day_tiaoxiu(org: Any) -> None:
    visit = plan(answered(org))
    # 3 working days after Wed 30 Sep: 8 Oct, 9 Oct and the worked Saturday 10 Oct (调休).
    assert day(visit.due) == "2026-10-10"
    assert visit.reason == VisitReason.SAMPLED  # the default plan calls everyone back
    assert CaseEvent.objects.filter(case=visit.case, action=services.PLANNED).exists()


def test_property_visit_within_3_days_and_repairs_on_the_2nd_day_after_delivery(org: Any) -> None:
    only("property_complaint")
    visit = plan(answered(org, "2026-09-30", "2026-09-30 17:00"), "2026-09-30 17:05")
    assert day(visit.due) == "2026-10-08"  # 「3天之内」, 3 Oct a holiday → next working day
    only("dealer_product_quality")
    case = answered(org, "2026-11-02", "2026-11-02 17:00", category_code="product_quality_defect")
    delivered = act(case, org["handler"], Action.RECORD_DELIVERY, at("2026-11-10 15:00"))
    visit = plan(delivered, "2026-11-10 15:05")
    assert day(visit.due) == "2026-11-12"  # seed 002: 交货期第2天


def test_major_cases_always_planned_and_the_share_drawn_reproducibly(org: Any) -> None:
    VisitPlan.objects.create(share_percent=0, seed="s1")
    major = answered(org, severity=Severity.MAJOR)
    ordinary = answered(org, "2026-09-29", "2026-09-30 10:00")
    assert plan(major).reason == VisitReason.MAJOR
    left_out = plan(ordinary, "2026-09-30 10:05")
    assert left_out.reason == VisitReason.NOT_SAMPLED
    ordinary.refresh_from_db()
    assert ordinary.state == State.CLOSED  # not drawn: closed, its history says why
    assert CaseEvent.objects.filter(case=ordinary, action=Action.CONFIRM).exists()
    assert services.plan_case(case_id=ordinary.pk, now=at("2026-09-30 11:00")) is None


def test_caller_records_a_satisfied_customer_and_the_case_closes(org: Any) -> None:
    visit = plan(answered(org))
    agent = authority_of(org["agent"], now=at("2026-10-08 10:00"))
    services.record_answers(
        visit_id=visit.pk,
        answers=Answers(result=5, process=4, solved=True, comment="师傅很专业"),
        source=Source.CALLER,
        authority=agent,
        now=at("2026-10-08 10:00"),
    )
    visit.refresh_from_db()
    assert (visit.status, visit.caller, visit.result_satisfaction) == ("done", org["agent"], 5)
    case = Case.objects.get(pk=visit.case_id)
    assert case.state == State.CLOSED
    assert case.return_visited_at is not None
    with pytest.raises(ServiceError):  # recorded once
        services.record_answers(
            visit_id=visit.pk, answers=Answers(1, 1, False), source=Source.CALLER,
            authority=agent, now=at("2026-10-08 10:05"),
        )  # fmt: skip
    figures = selectors.satisfaction(start=at("2026-10-01 00:00"), end=at("2026-11-01 00:00"))
    assert (figures.answered, figures.satisfied, figures.result_average) == (1, 1, 5.0)


def test_an_unhappy_customer_sends_the_case_back_and_is_told(org: Any) -> None:
    VisitPlan.objects.create(on_unhappy=OnUnhappy.ESCALATE)
    visit = plan(answered(org))
    services.record_answers(
        visit_id=visit.pk,
        answers=Answers(result=2, process=3, solved=False, comment="空调还是不制冷"),
        source=Source.CUSTOMER,
        now=at("2026-10-08 10:00"),
    )
    case = Case.objects.get(pk=visit.case_id)
    assert case.state == State.IN_PROGRESS  # back with the department
    event = CaseEvent.objects.get(case=case, action=Action.NOT_SATISFIED)
    assert "空调还是不制冷" in event.note
    reopened = Notification.objects.get(case=case, template="case_reopened", channel="sms")
    assert case.number in reopened.body
    told = Notification.objects.filter(case=case, template="visit_unhappy", channel="in_app")
    assert {n.recipient.username for n in told} >= {"supervisor", "manager"}


def test_unreachable_after_n_calls_is_recorded_and_handled_per_plan(org: Any) -> None:
    VisitPlan.objects.create(max_tries=2, on_unreachable=OnUnreachable.PROVISIONALLY_CLOSE)
    visit = plan(answered(org))
    agent = authority_of(org["agent"], now=at("2026-10-08 10:00"))
    call = services.CallInput(outcome=AttemptOutcome.UNREACHABLE, note="无人接听")
    services.record_call(visit_id=visit.pk, authority=agent, data=call, now=at("2026-10-08 10:00"))
    visit.refresh_from_db()
    assert (visit.status, visit.tries) == (VisitStatus.OPEN, 1)
    services.record_call(visit_id=visit.pk, authority=agent, data=call, now=at("2026-10-09 10:00"))
    visit.refresh_from_db()
    assert (visit.status, visit.tries) == (VisitStatus.UNREACHABLE, 2)
    case = Case.objects.get(pk=visit.case_id)
    assert case.state == State.PROVISIONALLY_CLOSED  # seed 004: unreachable → 暂结案, on record
    assert CaseEvent.objects.filter(case=case, action=services.GAVE_UP).count() == 1


def test_unreachable_kept_open_by_default_never_silently_closed(org: Any) -> None:
    VisitPlan.objects.create(max_tries=1)
    visit = plan(answered(org))
    agent = authority_of(org["agent"], now=at("2026-10-08 10:00"))
    services.record_call(
        visit_id=visit.pk, authority=agent, now=at("2026-10-08 10:00"),
        data=services.CallInput(outcome=AttemptOutcome.UNREACHABLE),
    )  # fmt: skip
    case = Case.objects.get(pk=visit.case_id)
    assert case.state == State.ANSWERED  # the return-visit clock runs on into 督办
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.UNREACHABLE


def test_a_handler_may_not_make_return_visits(org: Any) -> None:
    visit = plan(answered(org))
    handler = authority_of(org["handler"], now=at("2026-10-08 10:00"))
    with pytest.raises(ServiceError):
        services.record_answers(
            visit_id=visit.pk, answers=Answers(5, 5, True), source=Source.CALLER,
            authority=handler, now=at("2026-10-08 10:00"),
        )  # fmt: skip
    with time_machine.travel(at("2026-10-08 10:00"), tick=False):
        assert logged_in("handler").get("/visits/").status_code == 403


def test_the_customer_link_records_answers_once(org: Any, settings: Any) -> None:
    settings.KESU_PUBLIC_URL = "https://kesu.example.cn"
    with time_machine.travel(at("2026-09-30 09:05"), tick=False):
        visit = plan(answered(org))
        invitation = Notification.objects.get(
            case=visit.case, template="return_visit_invitation", channel="sms"
        )
        link = services.visit_link(visit)
        assert link in invitation.body
        path = link.removeprefix("https://kesu.example.cn")
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        page = client.get(path)
        assert page.status_code == 200
        assert "满意" in page.content.decode()
        bad = client.post(path, {"result": "9"})
        assert bad.status_code == 400
        done = client.post(path, {"result": "4", "process": "5", "solved": "yes", "comment": "好"})
        assert done.status_code == 200
        assert "谢谢" in done.content.decode()
        assert client.get(path).status_code == 200  # thanks again, nothing recorded twice
    visit.refresh_from_db()
    assert (visit.source, visit.result_satisfaction) == (Source.CUSTOMER, 4)
    assert Case.objects.get(pk=visit.case_id).state == State.CLOSED
    assert Client().get("/portal/visit/forged:token/").status_code == 404
    with time_machine.travel(at("2026-09-30 09:05") + timedelta(days=15), tick=False):
        assert Client().get(path).status_code == 410  # expired


def test_visit_list_filters_and_bounded_queries(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    cases = [
        answered(org, "2026-11-02", f"2026-11-{d:02d} 09:00", facts=f"空调第{d}次报修无人上门。")
        for d in range(3, 9)
    ]
    for case in cases:
        plan(case, "2026-11-09 09:00")
    with time_machine.travel(at("2026-11-10 10:00"), tick=False):
        agent = logged_in("agent")
        with django_assert_max_num_queries(12):
            page = agent.get("/visits/?show=open")
        assert page.status_code == 200
        body = page.content.decode()
        assert all(case.number in body for case in cases)
        overdue = agent.get("/visits/?show=overdue").content.decode()
        assert cases[0].number in overdue
        assert cases[-1].number not in overdue
        english = logged_in("agent", "en").get("/visits/?show=today")
        assert "Return visits" in english.content.decode()
        call = agent.get(f"/visits/{Visit.objects.get(case=cases[0]).pk}/")
        assert call.status_code == 200
        posted = agent.post(
            f"/visits/{Visit.objects.get(case=cases[0]).pk}/",
            {"step": "answers", "q-result": "5", "q-process": "5", "q-solved": "yes"},
        )
        assert posted.status_code == 302


def test_a_delivery_recorded_after_planning_sets_when_the_visit_is_due(org: Any) -> None:
    only("dealer_product_quality")
    case = answered(org, "2026-11-02", "2026-11-02 17:00", category_code="product_quality_defect")
    visit = plan(case, "2026-11-02 17:05")
    assert visit.due is None  # counted from delivery, not yet recorded
    act(case, org["handler"], Action.RECORD_DELIVERY, at("2026-11-10 15:00"))
    assert not selectors.visit_list("overdue", now=at("2026-11-12 12:00")).exists()
    overdue = selectors.visit_list("overdue", now=at("2026-11-13 09:00"))
    assert [v.case.number for v in overdue] == [case.number]  # due on 12 Nov (交货期第2天)
