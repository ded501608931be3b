"""Sweep benchmark: `bin/bench-sweep [--cases 1000000] [--due 500]` fills its own database with
open cases whose next alert lies ahead, makes `--due` of them due now, and times the deadline
sweep; results go to bench/sweep-<database>.md."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-sweep.sqlite3'}"
)
os.environ.setdefault("KESU_TASK_BACKEND", "django_tasks.backends.dummy.DummyBackend")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from kesu.cases.models import Case
from kesu.deadlines.alerts import sweep
from kesu.deadlines.models import DeadlinePolicy
from kesu.org.models import Department, User

BATCH = 10_000


def fill(count: int) -> None:
    now = timezone.now()
    receiver = User.objects.get(username="agent")
    handler = User.objects.get(username="handler")
    department = Department.objects.get(code="after-sales")
    policy = DeadlinePolicy.objects.get(code="platform_default")
    start = Case.objects.count()
    for first in range(start, count, BATCH):
        rows = []
        for index in range(first, min(count, first + BATCH)):
            received = now - timedelta(days=3, minutes=index % 1440)
            accepted = received + timedelta(hours=2)
            rows.append(
                Case(
                    number=f"S{index:09d}",
                    state="in_progress",
                    channel="hotline",
                    received_at=received,
                    registered_at=received,
                    receiver=receiver,
                    complainant_name="客户",
                    facts="空调不制冷",
                    assigned_department=department,
                    handler=handler,
                    policy=policy,
                    acceptance_due=received + timedelta(days=1),
                    accepted_at=accepted,
                    first_contact_at=accepted + timedelta(hours=3),
                    first_contact_due=accepted + timedelta(days=9),
                    resolution_started_at=accepted,
                    resolution_due=accepted + timedelta(days=21),
                    next_due=accepted + timedelta(days=21),
                    next_alert_at=accepted + timedelta(days=15, minutes=index % 5000),
                )
            )
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=2000)
        print(f"  {min(count, first + BATCH):,} cases", end="\r", flush=True)
    print()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=500)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_calendar", verbosity=0)
    call_command("load_presets", verbosity=0)
    call_command("seed_demo", cases=0, verbosity=0)
    if Case.objects.count() < args.cases:
        started = time.perf_counter()
        fill(args.cases)
        print(f"filled in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    now = timezone.now()
    open_cases = Case.objects.exclude(next_alert_at=None).count()

    started = time.perf_counter()
    idle = sweep(now=now)
    idle_ms = (time.perf_counter() - started) * 1000

    due_ids = list(Case.objects.order_by("id").values_list("id", flat=True)[: args.due])
    # Their resolution clock ran out an hour ago: warnings are stale, escalations are due.
    Case.objects.filter(id__in=due_ids).update(
        resolution_due=now - timedelta(hours=1), next_due=now - timedelta(hours=1),
        next_alert_at=now - timedelta(hours=1),
    )  # fmt: skip
    started = time.perf_counter()
    busy = sweep(now=now)
    busy_s = time.perf_counter() - started

    report = (
        f"# Deadline sweep, {connection.vendor}, {open_cases:,} open cases\n\n"
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `bin/bench-sweep` (2-core machine).\n\n"
        "| run | cases alerted | alerts | time |\n|---|---:|---:|---:|\n"
        f"| nothing due (index lookup only) | {idle.cases} | {idle.alerts} | {idle_ms:.1f} ms |\n"
        f"| {args.due} cases overdue (escalation level 1, in-app + e-mail each) | {busy.cases} | "
        f"{busy.alerts} | {busy_s:.2f} s |\n\n"
        "The sweep selects `next_alert_at <= now` through its index and loads only those cases; "
        "the other open cases are never read.\n"
    )
    print(report)
    (ROOT / "bench" / f"sweep-{connection.vendor}.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
