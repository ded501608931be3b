"""Exports of queue views read back with openpyxl and csv: Chinese headings, masked phone for a
reader without personal-data rights, an EXPORT access record per case, the progress states, and
the long path through the real database task backend and its worker."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from kesu.cases.models import AccessRecord, Case
from kesu.cases.selectors import CaseFilters, QueueSort
from kesu.exports import services
from kesu.exports.models import ExportJob
from kesu.exports.selectors import file_of
from kesu.exports.tables import write_table
from kesu.org.access import authority_of
from tests.conftest import Org, at
from tests.factories import register

NOW = at("2026-11-30 10:00")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _exports_dir(settings: Any, tmp_path: Path) -> Path:
    settings.KESU_EXPORTS_DIR = tmp_path
    return tmp_path


def _book(org: Org, count: int = 3) -> list[Case]:
    return [
        register(
            org["agent"],
            at(f"2026-11-{10 + n:02d} 09:00"),
            complainant_name="王丽",
            complainant_phone=f"1381234{5670 + n}",
            facts=f"第{n}件：热水器漏水。",
        )
        for n in range(count)
    ]


def _export(org: Org, user: str, fmt: str, **filters: Any) -> ExportJob:
    return services.request_export(
        authority=authority_of(org[user], now=NOW),
        filters=CaseFilters(**filters),
        sort=QueueSort.NEWEST,
        fmt=fmt,
        language="zh-hans",
        now=NOW,
    )


def _rows_xlsx(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path, read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_excel_export_reads_back_masked_for_the_analyst(org: Org) -> None:
    cases = _book(org)
    job = _export(org, "analyst", "xlsx")
    assert job.state == ExportJob.DONE
    assert job.done == 3
    assert job.percent == 100
    rows = _rows_xlsx(file_of(job))  # type: ignore[arg-type]
    # The case fields' own names, already in the catalogue in Chinese.
    assert rows[0][:3] == ["投诉编号", "接收时间", "类型"]
    assert "电话" in rows[0]
    assert [r[0] for r in rows[1:]] == [c.number for c in reversed(cases)]
    phone = rows[0].index("电话")
    assert rows[1][phone] == "138****5672"
    assert "王丽" not in [r[rows[0].index("投诉人")] for r in rows[1:]]
    records = AccessRecord.objects.filter(what=AccessRecord.EXPORT, actor=org["analyst"])
    assert sorted(records.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)


@pytest.mark.django_db
def test_csv_export_has_a_bom_and_full_data_for_the_agent(org: Org) -> None:
    _book(org, 2)
    job = _export(org, "supervisor", "csv", text="热水器 漏水")
    path = file_of(job)
    assert path is not None
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "投诉编号"
    assert rows[1][rows[0].index("电话")] == "13812345671"
    assert len(rows) == 3


@pytest.mark.django_db
def test_only_permitted_roles_export(org: Org) -> None:
    from kesu.core.errors import Forbidden

    with pytest.raises(Forbidden):
        _export(org, "handler", "xlsx")


def test_cells_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table(path, headings=["名称"], rows=[["=1+1"], ["@SUM(A1)"], ["普通"]], fmt="xlsx")
    assert [r[0] for r in _rows_xlsx(path)] == ["名称", "'=1+1", "'@SUM(A1)", "普通"]


@pytest.mark.django_db(transaction=True)
def test_a_long_export_runs_in_the_database_worker(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = Org()
    cases = _book(org, 5)
    monkeypatch.setattr(services, "SMALL", 2)  # five rows count as long here
    with override_settings(TASKS=DATABASE_TASKS):
        job = _export(org, "manager", "xlsx")
        assert job.state == ExportJob.QUEUED
        assert job.total == 5
        assert job.percent == 0
        assert DBTaskResult.objects.count() == 1
        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    job.refresh_from_db()
    assert job.state == ExportJob.DONE
    assert job.done == 5
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(_rows_xlsx(file_of(job))) == 6  # type: ignore[arg-type]
    assert AccessRecord.objects.filter(what=AccessRecord.EXPORT).count() == len(cases)


@pytest.mark.django_db
def test_files_expire(org: Org, tmp_path: Path) -> None:
    _book(org, 1)
    job = _export(org, "manager", "csv")
    path = file_of(job)
    assert path is not None
    assert services.expire_exports(now=NOW) == 0
    assert services.expire_exports(now=job.expires_at) == 1  # type: ignore[arg-type]
    job.refresh_from_db()
    assert job.state == ExportJob.EXPIRED
    assert not path.exists()
    assert file_of(job) is None


@pytest.mark.django_db
def test_an_english_exporter_gets_english_headings(org: Org) -> None:
    _book(org, 1)
    job = services.request_export(
        authority=authority_of(org["manager"], now=NOW),
        filters=CaseFilters(),
        sort=QueueSort.OLDEST,
        fmt="xlsx",
        language="en",
        now=NOW,
    )
    rows = _rows_xlsx(file_of(job))  # type: ignore[arg-type]
    assert rows[0][:3] == ["case number", "received at", "kind"]
    assert rows[1][rows[0].index("phone")] == "13812345670"  # the manager sees personal data
