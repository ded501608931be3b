"""Export benchmark: `python bench/export.py [--cases 100000]` fills its own database with cases
(INSERT … SELECT, as bench/sweep.py does), asks for an export of the whole queue as the
customer-service manager (Excel, then CSV), and runs the real task worker
(`manage.py db_worker --batch`) in a child process for each, timing it and reading its peak
RSS. Results go to bench/export-<database>.md; bench/EXPORTS.md keeps the notes.
`BENCH_DATABASE_URL` picks the database (default var/bench-export.sqlite3)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-export.sqlite3'}"
)
os.environ["BENCH_DATABASE_URL"] = os.environ["DATABASE_URL"]  # bench.sweep reads it too
os.environ["KESU_TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from bench.sweep import fill
from kesu.cases.models import AccessRecord, Case
from kesu.cases.selectors import CaseFilters, QueueSort
from kesu.core import clock
from kesu.exports.models import ExportJob
from kesu.exports.selectors import file_of
from kesu.exports.services import request_export
from kesu.org.access import authority_of
from kesu.org.models import User


def run_worker() -> tuple[float, float]:
    """The worker as `bin/run` starts it, until the queue is empty: (seconds, its own peak RSS
    in MiB, from `wait4`)."""
    started = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    _pid, status, usage = os.wait4(worker.pid, 0)
    if status:
        raise SystemExit(f"worker exited with {status}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--formats", default="xlsx,csv")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_calendar", verbosity=0)
    call_command("load_presets", verbosity=0)
    call_command("seed_demo", cases=0, verbosity=0)
    existing = Case.objects.count()
    if existing < args.cases:
        fill(existing, args.cases)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    manager = User.objects.get(username="manager")
    DBTaskResult.objects.all().delete()  # an earlier run's leftovers would share the worker
    ExportJob.objects.exclude(state=ExportJob.DONE).delete()
    idle_s, idle_rss = run_worker()  # nothing queued: start-up and the imports alone
    lines = [f"| (nothing queued) | 0 | | | {idle_s:.1f} s | {idle_rss:.0f} MiB | | |"]
    for fmt in args.formats.split(","):
        now = clock.now()
        job = request_export(
            authority=authority_of(manager, now=now),
            filters=CaseFilters(),
            sort=QueueSort.NEWEST,
            fmt=fmt,
            language="zh-hans",
            now=now,
        )
        took, rss = run_worker()
        job.refresh_from_db()
        path = file_of(job)
        size = path.stat().st_size / 2**20 if path else 0
        inside = (job.finished_at - job.started_at).total_seconds() if job.finished_at else 0
        records = AccessRecord.objects.filter(detail=f"export {job.pk}").count()
        lines.append(
            f"| {fmt} | {job.done:,} | {job.state} | {inside:.1f} s | {took:.1f} s | "
            f"{rss:.0f} MiB | {size:.1f} MiB | {records:,} |"
        )
        print(lines[-1])
    report = (
        f"# Export of the case queue, {connection.vendor}, {args.cases:,} cases\n\n"
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `python bench/export.py --cases "
        f"{args.cases}` on the 2-core machine while other work was running on it (the numbers "
        "are an upper bound).\n\n"
        "| format | rows | state | in the task | worker process | worker peak RSS | file | "
        "access records |\n|---|---:|---|---:|---:|---:|---:|---:|\n" + "\n".join(lines) + "\n"
    )
    print(report)
    (ROOT / "bench" / f"export-{connection.vendor}.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
