"""History import: closed and open cases from another system, with their original numbers,
departments, outcomes and satisfaction; no clock fires on a closed one, the year's numbering is
untouched, and the history chain verifies."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from kesu.cases.models import Case, CaseRating, CaseSequence
from kesu.cases.services.escalation import sweep
from kesu.domain.vocabulary import State
from kesu.imports.fields import Source, suggest_mapping
from kesu.imports.models import ImportedCase
from kesu.imports.readers import open_table
from kesu.imports.services.runner import import_table
from kesu.org.access import authority_of
from tests.conftest import at
from tests.factories import register
from tests.imports.sheets import HISTORY_HEADINGS, csv_file, history_row, xlsx

pytestmark = pytest.mark.django_db
NOW = at("2026-09-15 09:00")


def run(org, path, *, dry_run=False, now=NOW):
    table = open_table(path)
    return import_table(
        table=table,
        source=Source.HISTORY,
        mapping=suggest_mapping(table.headings, Source.HISTORY),
        authority=authority_of(org["manager"], now=now),
        now=now,
        dry_run=dry_run,
    )


def rows():
    return [
        history_row("TS2024-0001"),
        history_row("TS2024-0002", 状态="处理中", 结案时间="", 满意度="", 处理结果=""),
        history_row("TS2024-0003", 满意度="2", 投诉分类="after_sales_repair_delay"),
    ]


def test_closed_and_open_history_comes_in_with_its_facts(org, tmp_path) -> None:
    report = run(org, xlsx(tmp_path / "old.xlsx", HISTORY_HEADINGS, rows()))
    assert report.ok, report.errors
    assert report.new == 3
    closed = Case.objects.get(number="H-TS2024-0001")
    assert closed.state == State.CLOSED
    assert closed.assigned_department == org.after_sales
    assert closed.answer == "已上门维修并赔偿100元。"
    assert closed.received_at == at("2024-05-06 09:30")
    assert closed.closed_at == at("2024-05-20 00:00")
    assert closed.next_due is None
    assert closed.next_alert_at is None
    assert CaseRating.objects.get(case=closed).result == 4  # 满意
    assert CaseRating.objects.get(case__number="H-TS2024-0003").result == 2
    assert Case.objects.get(number="H-TS2024-0003").category.code == "after_sales_repair_delay"
    opened = Case.objects.get(number="H-TS2024-0002")
    assert opened.state == State.ASSIGNED
    # Taken over at the import: its clocks count from then, not from 2024.
    assert opened.next_due > NOW
    assert ImportedCase.objects.get(case=closed).original["status"] == "已结案"


def test_imported_history_raises_no_warning_and_leaves_numbering_alone(org, tmp_path) -> None:
    run(org, xlsx(tmp_path / "old.xlsx", HISTORY_HEADINGS, rows()))
    result = sweep(now=at("2026-09-15 10:00"))
    assert result.alerts == 0
    assert not CaseSequence.objects.filter(last__gt=0).exists()
    case = register(org["agent"], at("2026-09-15 11:00"))
    assert case.number == "260915001"


def test_history_twice_makes_one_case_per_row_and_the_chain_verifies(org, tmp_path, capsys):
    path = xlsx(tmp_path / "old.xlsx", HISTORY_HEADINGS, rows())
    run(org, path)
    again = run(org, path, now=at("2026-09-15 10:00"))
    assert again.ok
    assert again.new == 0
    assert again.already == 3
    assert Case.objects.count() == 3
    call_command("verify_history")
    assert "history intact: 3 case(s), 3 row(s)" in capsys.readouterr().out


def test_gb18030_csv(org, tmp_path) -> None:
    path = csv_file(tmp_path / "旧系统.csv", HISTORY_HEADINGS, rows(), "gb18030")
    assert open_table(path).encoding == "gb18030"
    report = run(org, path)
    assert report.ok
    assert report.new == 3
    assert Case.objects.get(number="H-TS2024-0001").complainant_name == "李强"


def test_utf8_bom_csv(org, tmp_path) -> None:
    path = csv_file(tmp_path / "old.csv", HISTORY_HEADINGS, rows()[:1], "utf-8-sig")
    assert run(org, path).new == 1


def test_bad_history_rows_are_named_and_nothing_is_stored(org, tmp_path) -> None:
    bad = [
        history_row("A1"),
        history_row("A2", 状态="搁置"),
        history_row("A3", 结案时间=""),
        history_row("A4", 责任部门="不存在的部门", 满意度="很好"),
        history_row("A/5"),
        history_row("A6", 受理时间="2030-01-01"),
    ]
    with translation.override("en"):
        report = run(org, xlsx(tmp_path / "bad.xlsx", HISTORY_HEADINGS, bad))
        messages = [str(e) for e in report.errors]
    assert messages == [
        "Row 3, column 状态: Unknown status 搁置: write 已结案 (closed) or 处理中 (open).",
        "Row 4, column 结案时间: A closed case needs the day it was closed.",
        "Row 5, column 责任部门: Unknown department: 不存在的部门.",
        "Row 5, column 满意度: "
        "Write the satisfaction as a mark from 1 to 5 or as 满意, 一般, 不满意 …",
        "Row 6, column 原投诉编号: A reference may not contain spaces, / \\ ? # or %.",
        "Row 7, column 受理时间: The date cannot be in the future.",
    ]
    assert not Case.objects.exists()
    assert not ImportedCase.objects.exists()


def test_a_dry_run_of_history_stores_nothing(org, tmp_path) -> None:
    report = run(org, xlsx(tmp_path / "old.xlsx", HISTORY_HEADINGS, rows()), dry_run=True)
    assert report.ok
    assert report.new == 3
    assert not Case.objects.exists()


def test_the_command_imports_a_gb18030_csv_of_history(org, tmp_path, capsys) -> None:
    path = csv_file(tmp_path / "旧系统.csv", HISTORY_HEADINGS, rows(), "gb18030")
    args = [str(path), "--source", "history", "--user", "manager", "--language", "en"]
    call_command("import_cases", *args, "--dry-run")
    assert "3 row(s) checked, 3 would be imported" in capsys.readouterr().out
    assert not Case.objects.exists()
    call_command("import_cases", *args)
    out = capsys.readouterr().out
    assert "3 case(s) imported from 3 row(s)" in out
    assert "H-TS2024-0001" in out
    unreadable = tmp_path / "x.xlsx"
    unreadable.write_bytes(b"not a workbook")
    with pytest.raises(SystemExit) as exit_:
        call_command("import_cases", str(unreadable), "--source", "history")
    assert exit_.value.code == 2
