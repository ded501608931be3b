"""History import benchmark: `python bench/import_history.py [--rows 100000]` writes an .xlsx of
N history rows (80 % closed with outcome and satisfaction, 20 % still open, five departments,
the manufacturing categories), then times a dry run and the real import through the service
`import_cases` uses, and reports rows per second and the process's peak memory
(bench/IMPORTS.md). `BENCH_DATABASE_URL` picks the database (default: a fresh
var/bench-imports.sqlite3, deleted first)."""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
DEFAULT_DB = ROOT / "var" / "bench-imports.sqlite3"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_DB}")
os.environ.setdefault("KESU_TASK_BACKEND", "django_tasks.backends.dummy.DummyBackend")

if "BENCH_DATABASE_URL" not in os.environ:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DEFAULT_DB}{suffix}").unlink(missing_ok=True)

import django

django.setup()

from django.conf import settings

settings.DEBUG = False  # local settings log every query when DEBUG: not what production does

from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from openpyxl import Workbook

from kesu.cases.models import Case, Category
from kesu.cases.services.catalogue import load_category_preset, load_policy_presets
from kesu.deadlines.presets import load_escalation_presets
from kesu.deadlines.services import load_calendar_year
from kesu.domain.vocabulary import Role
from kesu.imports.fields import Source, suggest_mapping
from kesu.imports.readers import open_table
from kesu.imports.services.runner import import_table
from kesu.org.access import authority_of
from kesu.org.models import User
from kesu.org.services import create_department

HEADINGS = [
    "原投诉编号", "受理时间", "状态", "结案时间", "责任部门", "投诉分类", "处理结果", "满意度",
    "投诉人", "联系电话", "投诉内容",
]  # fmt: skip
DEPARTMENTS = ["售后服务部", "安装维修科", "质量管理部", "销售部", "物流部"]
MARKS = ["非常满意", "满意", "一般", "不满意", "", ""]
FACTS = [
    "空调安装后漏水，师傅上门两次未修好。",
    "冰箱不制冷，购买不到一个月，要求换货。",
    "洗衣机脱水时噪音很大，客服电话一直占线。",
    "订单延迟发货十天，客服承诺的时间未兑现。",
    "热水器显示故障代码E3，维修收费不合理。",
]


def setup() -> User:
    call_command("migrate", verbosity=0)
    for year in range(2022, 2028):
        load_calendar_year(year)
    load_category_preset("manufacturing")
    load_policy_presets()
    load_escalation_presets()
    hq = create_department(code="hq", name="总部")
    for index, name in enumerate(DEPARTMENTS):
        create_department(code=f"d{index}", name=name, parent=hq)
    return User.objects.create_user(
        username="manager", password=None, role=Role.CS_MANAGER, department=hq, full_name="赵敏"
    )


def write_sheet(path: Path, rows: int) -> None:
    rng = random.Random(17)
    categories = list(Category.objects.values_list("name_zh", flat=True))
    workbook = Workbook(write_only=True)  # streamed: the file is built without a row in memory
    sheet = workbook.create_sheet()
    sheet.append(HEADINGS)
    start = timezone.localtime().replace(year=2023, month=1, day=1, hour=9, tzinfo=None)
    for index in range(rows):
        received = start + timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60 // 2))
        closed = rng.random() < 0.8
        sheet.append(
            [
                f"OLD{index + 1:08d}",
                received,
                "已结案" if closed else "处理中",
                received + timedelta(days=rng.randint(1, 30)) if closed else None,
                rng.choice(DEPARTMENTS),
                rng.choice(categories),
                "已处理并答复客户。" if closed else None,
                rng.choice(MARKS) if closed else None,
                rng.choice(["王丽", "李强", "张伟", "刘洋", "陈静"]),
                f"139{rng.randint(0, 99_999_999):08d}",
                rng.choice(FACTS),
            ]
        )
    workbook.save(path)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    manager = setup()
    path = ROOT / "var" / f"bench-history-{rows}.xlsx"
    started = time.perf_counter()
    write_sheet(path, rows)
    built = time.perf_counter() - started
    before = peak_mb()
    table = open_table(path)
    mapping = suggest_mapping(table.headings, Source.HISTORY)
    now = timezone.now()
    authority = authority_of(manager, now=now)
    lines = [
        f"# History import: {rows:,} rows ({connection.vendor})",
        "",
        f"File: {path.stat().st_size / 1e6:.1f} MB .xlsx, built in {built:.0f} s. "
        f"Peak memory (max RSS of the process) before importing: {before:.0f} MB. "
        f"CPU: the process's own CPU time (the machine was shared; wall time is longer).",
        "",
        "| run | wall time | CPU time | rows per CPU second | new cases | peak memory (max RSS) |",
        "|---|---|---|---|---|---|",
    ]
    output = ROOT / "bench" / f"import-history-{connection.vendor}.md"
    phases = (
        ("dry run (read + check every row)", True),
        ("import (check, then write in one transaction)", False),
        ("the same file again (every row imported before)", False),
    )
    for name, dry_run in phases:
        wall, cpu = time.perf_counter(), time.process_time()
        report = import_table(
            table=table, source=Source.HISTORY, mapping=mapping, authority=authority, now=now,
            dry_run=dry_run, file_name=path.name,
        )  # fmt: skip
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert report.ok, report.errors[:5]
        lines.append(
            f"| {name} | {wall:.0f} s | {cpu:.0f} s | {report.rows / cpu:,.0f} | "
            f"{report.new:,} | {peak_mb():.0f} MB |"
        )
        output.write_text("\n".join(lines) + "\n")  # after each phase: a long run shows progress
        print(lines[-1], flush=True)
    assert Case.objects.count() == rows


if __name__ == "__main__":
    main()
