"""The statistics page, the drill-down behind every number, the dashboard's data and the
reports read back (Excel with openpyxl, PDF with pypdf)."""

from __future__ import annotations

import re
from html import unescape
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.stats.scenario import NOW, build

OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
CELL = re.compile(r'<a href="([^"]+)" data-figure="([a-z_]+)">(\d+)</a>')


@pytest.fixture
def october(org: Any) -> Any:
    return build(org)


def client_for(org: Any, username: str, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(org[username])
    return client


def test_every_number_on_the_page_opens_a_list_of_exactly_that_many_cases(
    org: Any, october: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(org, "analyst")
    with time_machine.travel(NOW, tick=False):
        with django_assert_max_num_queries(25):
            page = client.get("/statistics/", {**OCTOBER, "by": "category"})
        assert page.status_code == 200
        html = page.content.decode()
        cells = CELL.findall(html)
        assert len(cells) == 4 * 11  # three categories and the totals, eleven figures each
        for href, figure, value in cells:
            listed = client.get(unescape(href))
            assert listed.status_code == 200
            total = re.search(r'<span id="drill-total">(\d+) case', listed.content.decode())
            assert total is not None, href
            assert int(total.group(1)) == int(value), (href, figure)
            assert listed.content.decode().count('<tr class="drill-row">') == int(value)


def test_the_page_in_chinese_and_who_may_open_it(org: Any, october: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        page = client_for(org, "manager", "zh-hans").get("/statistics/", OCTOBER)
        assert page.status_code == 200
        assert "维修不及时" in page.content.decode()  # seed category name in Chinese
        assert client_for(org, "agent").get("/statistics/", OCTOBER).status_code == 403
        assert client_for(org, "head").get("/statistics/dashboard/", OCTOBER).status_code == 200
        home = client_for(org, "analyst").get("/")
        assert 'href="/statistics/"' in home.content.decode()
        assert "figures and reports</a>" in home.content.decode()
        assert 'href="/statistics/"' not in client_for(org, "agent").get("/").content.decode()


def test_a_bad_period_is_explained_not_a_500(org: Any) -> None:
    client = client_for(org, "analyst")
    page = client.get("/statistics/", {"from": "2026-10-31", "to": "2026-10-01"})
    assert page.status_code == 200
    assert "The end date is before the start date." in page.content.decode()
    drill = client.get("/statistics/cases/", {**OCTOBER, "figure": "nonsense"})
    assert drill.status_code == 400


def test_the_dashboard_carries_its_charts_data(
    org: Any, october: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(org, "analyst")
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(20):
        page = client.get("/statistics/dashboard/", OCTOBER)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="dashboard-data"' in html
    assert "stats/vendor/echarts.min.js" in html
    assert '<span class="kpi-value" id="kpi-received">7</span>' in html


def test_the_excel_report_reads_back_with_headings_numbers_and_formulas(
    org: Any, october: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        answer = client_for(org, "analyst").get("/statistics/report.xlsx", OCTOBER)
    assert answer.status_code == 200
    book = load_workbook(BytesIO(answer.content))
    assert book.sheetnames == ["月度统计", "监管季度统计表", "客户投诉统计表", "客户投诉分析表"]
    sheet = book["月度统计"]
    assert sheet["A1"].value == "客户投诉月度统计报告"
    assert [c.value for c in sheet[4]][:6] == ["投诉类别", "受理投诉量", "已受理", "不予受理",
                                               "已结案", "期末未结"]  # fmt: skip
    assert [sheet.cell(r, 2).value for r in (5, 6, 7)] == [5, 1, 1]
    assert sheet["A8"].value == "合计"
    assert sheet["B8"].value == "=SUM(B5:B7)"
    assert sheet["N8"].value == '=IF(B8=0,"",G8/B8)'
    listing = book["客户投诉统计表"]
    assert [c.value for c in listing[2]][:3] == ["编号", "客户名称", "商品名称"]
    rows = [r for r in listing.iter_rows(min_row=3, values_only=True) if r[0] and r[0] != "合计"]
    assert len([r for r in rows if str(r[0]).isdigit()]) == 7
    total_row = next(r for r in listing.iter_rows(min_row=3) if r[0].value == "合计")
    assert total_row[-1].value == f"=SUM(M3:M{total_row[0].row - 1})"
    assert sum(r[-1] for r in rows if str(r[0]).isdigit()) == 1500
    masked = [r[1] for r in rows if str(r[0]).isdigit()]
    assert "王丽" not in masked  # the analyst reads names masked
    regulator = book["监管季度统计表"]
    assert regulator["A4"].value == "类型"


def test_the_pdf_report_has_the_chinese_headings_and_numbers(org: Any, october: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        answer = client_for(org, "manager").get("/statistics/report.pdf", OCTOBER)
    assert answer.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(answer.content)).pages)
    compact = re.sub(r"\s+", "", text)
    for words in ("客户投诉月度统计报告", "受理投诉量", "投诉类别", "合计", "维修不及时",
                  "损失金额:1500.00元", "2026-10-01至2026-10-31"):  # fmt: skip
        assert words in compact, words
