"""Every figure of October 2026 (the National Day 调休 month) against a hand count, the
drill-down list behind each number, visibility, periods and the query bound."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kesu.core.errors import ServiceError
from kesu.domain.visits import Answers, Source
from kesu.org.access import authority_of
from kesu.stats import selectors
from kesu.visits.services import plan_case, record_answers
from tests.conftest import at
from tests.factories import assigned
from tests.stats.scenario import NOW, OCTOBER, build, handle

#: Counted by hand from tests/stats/scenario.py (as at 1 November 00:00, Shanghai).
OCTOBER_TOTALS = {
    "received": 7,  # not the 30 Sep 23:30 or the 1 Nov 00:10 case (time zone edges)
    "accepted": 3,  # closed, quality, late
    "declined": 1,
    "withdrawn": 0,  # withdrawn on 2 Nov: open at the month's end
    "closed": 1,
    "open_at_end": 5,  # quality, late (answered), major, follow, withdrawn
    "answered": 2,
    "on_time": 1,  # answered 12 Oct, due 29 Oct
    "overdue": 1,  # answered 30 Oct, due 28 Oct; quality's due (5 Nov) is after the month
    "accepted_on_time": 3,
    "accepted_late": 2,  # follow (due 21 Oct), withdrawn (due 29 Oct); declined stopped early
    "contacted_on_time": 2,
    "contacted_late": 1,  # quality: first contact due 26 Oct, none
    "supervised": 0,
    "hastened": 1,
    "satisfaction_measured": 2,
    "satisfied": 1,  # 5/5 and confirmed; the other rated 2/3
    "confirmed": 1,
    "repeat": 2,  # closed (after 30 Sep, same phone), follow (after closed)
    "recomplaint": 1,
    "regulator": 1,
    "major": 1,
    "acceptance_rate": 0.4286,
    "closure_rate": 0.1429,
    "on_time_rate": 0.5,
    "acceptance_on_time_rate": 0.6,
    "contact_on_time_rate": 0.6667,
    "satisfaction_rate": 0.5,
    "repeat_rate": 0.2857,
    "recomplaint_rate": 0.1429,
    "escalation_rate": 0.0,
    "loss_amount": "1500.00",
    "compensation_amount": "2300.00",
    # 9→12 Oct: 10 Oct (the 调休 Saturday) and 12 Oct = 2 working days;
    # 8→30 Oct: 9, 10, 12–16, 19–23, 26–30 Oct = 17. Average and median 9.5.
    "handling_days_avg": 9.5,
    "handling_days_median": 9.5,
}


@pytest.fixture
def october(org: Any) -> Any:
    return build(org)


def test_every_figure_of_the_month_matches_the_hand_count(
    org: Any, october: Any, django_assert_max_num_queries: Any
) -> None:
    analyst = authority_of(org["analyst"], now=NOW)
    with django_assert_max_num_queries(4):
        result = selectors.compute(analyst, OCTOBER, "category", now=NOW)
    assert result.totals == OCTOBER_TOTALS
    rows = {row["key"]: row for row in result.rows}
    assert {key: row["received"] for key, row in rows.items()} == {
        "after_sales_repair_delay": 5,
        "product_quality_defect": 1,
        "product_quality_safety": 1,
    }
    assert rows["product_quality_safety"]["regulator"] == 1
    assert rows["product_quality_defect"]["contacted_late"] == 1
    assert rows["after_sales_repair_delay"]["handling_days_median"] == 9.5


def test_rows_add_up_to_the_totals_for_every_grouping(org: Any, october: Any) -> None:
    analyst = authority_of(org["analyst"], now=NOW)
    for by in selectors.GROUPINGS:
        result = selectors.compute(analyst, OCTOBER, by, now=NOW)
        for name in selectors.COUNTS:
            assert sum(row[name] for row in result.rows) == result.totals[name], (by, name)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("month", {"2026-10": 7}),
        ("channel", {"hotline": 6, "regulator": 1}),
        ("severity", {"general": 6, "major": 1}),
        ("department", {"after-sales": 2, "quality": 1, "-": 4}),
        ("method", {"repair": 1, "exchange": 1, "-": 5}),
        ("week", {"2026-10-05": 3, "2026-10-12": 1, "2026-10-19": 1, "2026-10-26": 2}),
    ],
)
def test_groupings_count_by_the_day_received(
    org: Any, october: Any, by: str, expected: dict[str, int]
) -> None:
    result = selectors.compute(authority_of(org["analyst"], now=NOW), OCTOBER, by, now=NOW)
    assert {row["key"]: row["received"] for row in result.rows} == expected


def test_every_cell_of_the_report_equals_its_drill_down_list(org: Any, october: Any) -> None:
    analyst = authority_of(org["analyst"], now=NOW)
    result = selectors.compute(analyst, OCTOBER, "category", now=NOW)
    for row in result.rows:
        for name in selectors.COUNTS:
            listed = selectors.figure_cases(
                analyst, OCTOBER, name, now=NOW, by="category", key=row["key"]
            )
            assert listed.count() == row[name], (row["key"], name)
    for name in selectors.COUNTS:
        listed = selectors.figure_cases(analyst, OCTOBER, name, now=NOW)
        assert listed.count() == result.totals[name], name
    overdue = selectors.figure_cases(analyst, OCTOBER, "overdue", now=NOW)
    assert [case.number for case in overdue] == [october.late.number]


def test_a_department_head_counts_only_their_department(org: Any, october: Any) -> None:
    head = authority_of(org["head"], now=NOW)  # 售后服务部: closed and late
    totals = selectors.compute(head, OCTOBER, "category", now=NOW).totals
    assert totals["received"] == 2
    assert totals["closed"] == 1
    assert totals["overdue"] == 1
    quality_head = authority_of(org["quality_head"], now=NOW)
    assert selectors.compute(quality_head, OCTOBER, "kind", now=NOW).totals["received"] == 1


def test_comparisons_with_the_previous_month_and_the_year_before(org: Any, october: Any) -> None:
    analyst = authority_of(org["analyst"], now=NOW)
    comparison = selectors.compare(analyst, OCTOBER, now=NOW)
    assert comparison.previous == selectors.month(2026, 9)
    assert comparison.year_before == selectors.month(2025, 10)
    assert comparison.previous_totals["received"] == 1  # the 30 Sep 23:30 case
    changes = comparison.changes({"received": 7}, ["received"])
    assert changes == {"received": {"previous": 6.0, "year_before": None}}


def test_top_products(org: Any, october: Any) -> None:
    analyst = authority_of(org["analyst"], now=NOW)
    top = selectors.top(analyst, OCTOBER, "product")
    product = "华联KFR-35GW 挂式空调"
    assert top[0] == {"key": product, "name": product, "received": 2}


def test_periods() -> None:
    assert selectors.quarter(2026, 4) == selectors.Period(date(2026, 10, 1), date(2026, 12, 31))
    assert selectors.quarter(2026, 4).previous() == selectors.quarter(2026, 3)
    assert selectors.year(2026).previous() == selectors.year(2025)
    custom = selectors.Period(date(2026, 10, 5), date(2026, 10, 11))
    assert custom.previous() == selectors.Period(date(2026, 9, 28), date(2026, 10, 4))
    assert selectors.Period(date(2028, 2, 29), date(2028, 2, 29)).year_before().start == date(
        2027, 2, 28
    )
    with pytest.raises(ServiceError):
        selectors.period_of(date(2026, 10, 2), date(2026, 10, 1))
    with pytest.raises(ServiceError):
        selectors.period_of(date(2020, 1, 1), date(2026, 1, 1))


def test_return_visits_count_for_satisfaction(org: Any) -> None:
    marks = {"2026-11-09": (5, 4), "2026-11-10": (3, 3)}  # satisfied; measured, not satisfied
    for day, (result, process) in marks.items():
        case = assigned(org, day, severity="major", major_criteria=["group_complaint"])
        case = handle(case, org, day, answer_day=day)
        visit = plan_case(case_id=case.pk, now=at(f"{day} 15:00"))
        assert visit is not None
        record_answers(
            visit_id=visit.pk,
            answers=Answers(result=result, process=process, solved=True),
            source=Source.CALLER,
            now=at(f"{day} 16:00"),
            authority=authority_of(org["agent"], now=at(f"{day} 16:00")),
        )
    november = selectors.Period(date(2026, 11, 1), date(2026, 11, 15))
    totals = selectors.compute(authority_of(org["analyst"], now=NOW), november, "kind", now=NOW)
    assert totals.totals["satisfaction_measured"] == 2
    assert totals.totals["satisfied"] == 1
    assert totals.totals["satisfaction_rate"] == 0.5
    assert totals.totals["confirmed"] == 2  # both visits confirmed the answer (solved, not ≤2)


def test_every_row_of_every_grouping_drills_down_to_its_cases(org: Any, october: Any) -> None:
    analyst = authority_of(org["analyst"], now=NOW)
    for by in selectors.GROUPINGS:
        for row in selectors.compute(analyst, OCTOBER, by, now=NOW).rows:
            for name in ("received", "open_at_end", "repeat"):
                listed = selectors.figure_cases(
                    analyst, OCTOBER, name, now=NOW, by=by, key=row["key"]
                )
                assert listed.count() == row[name], (by, row["key"], name)
