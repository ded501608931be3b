"""Kesu benchmark: `bin/bench [--cases N]` times the case queue, case page and API on a large
database and writes bench/results-<vendor>.md. Uses its own database (var/bench.sqlite3 by
default, or BENCH_DATABASE_URL), so your data is untouched."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from kesu.cases.models import Case
from kesu.org.models import User
from kesu.org.services import issue_api_token

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate
from portal_sms import LastCodeGateway


def prepare(cases: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_calendar", verbosity=0)
    call_command("load_presets", approvals="insurer", verbosity=0)
    call_command("seed_demo", cases=0, verbosity=0)
    missing = cases - Case.objects.count()
    if missing > 0:
        started = time.perf_counter()
        generate(missing)
        print(f"generated {missing} cases in {time.perf_counter() - started:.0f} s")
    # Fresh statistics and visibility map, as autovacuum would leave a production database.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def measure(
    name: str, call: Callable[[], object], repeat: int = 15
) -> tuple[str, float, float, int]:
    call()  # warm caches
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return name, statistics.median(timings), max(timings), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200_000)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    prepare(args.cases)
    total = Case.objects.count()

    def client(username: str) -> Client:
        _token, raw = issue_api_token(user=User.objects.get(username=username), name="bench")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    supervisor, handler = client("supervisor"), client("handler")
    some = Case.objects.order_by("-received_at").values_list("number", "complainant_phone")[1000]
    number, phone = some

    def ok(response: object, status: int = 200) -> object:
        assert response.status_code == status, response.content  # type: ignore[attr-defined]
        return response

    # The portal as a customer's phone meets it; the abuse limits are lifted for the run (one
    # address submits hundreds of complaints here) and the code is read off the gateway.
    settings.KESU_PORTAL_RATE_LIMITS = dict.fromkeys(settings.KESU_PORTAL_RATE_LIMITS, (10**9, 60))
    settings.KESU_SMS_GATEWAY = "portal_sms.LastCodeGateway"
    customer = Client()
    submitted = iter(range(10**9))

    def submit() -> object:
        body = {
            "name": "林小姐",
            "phone": "13900001111",
            "facts": "新买的冰箱不制冷，报修两次未修好。",
            "product": "BCD-520 冰箱",
            "demand": "要求换货",
            "privacy_consent": True,
        }
        key = f"bench-{time.time_ns()}-{next(submitted)}"
        return ok(customer.post("/api/v1/portal/complaints", body, "application/json",
                                HTTP_IDEMPOTENCY_KEY=key), 201)  # fmt: skip

    tracked = submit().json()["number"]  # type: ignore[attr-defined]

    def track() -> object:
        pair = {"number": tracked, "phone": "13900001111"}
        ok(customer.post("/api/v1/portal/codes", pair, "application/json"), 202)
        code = LastCodeGateway.last
        return ok(customer.post("/api/v1/portal/track", pair | {"code": code}, "application/json"))

    rows = [
        measure(
            "GET /api/v1/cases (supervisor, first page of 50)",
            lambda: ok(supervisor.get("/api/v1/cases")),
        ),
        measure(
            "GET /api/v1/cases page 20 via cursor",
            lambda: walk(supervisor, 20),
            repeat=5,
        ),
        measure(
            "GET /api/v1/cases?overdue=true",
            lambda: ok(supervisor.get("/api/v1/cases", {"overdue": "true"})),
        ),
        measure(
            "GET /api/v1/cases?state=in_progress&category=…",
            lambda: ok(
                supervisor.get(
                    "/api/v1/cases", {"state": "in_progress", "category": "after_sales_repair"}
                )
            ),
        ),
        measure(
            "GET /api/v1/cases?q=<phone>", lambda: ok(supervisor.get("/api/v1/cases", {"q": phone}))
        ),
        measure(
            "GET /api/v1/cases (handler, department scope)",
            lambda: ok(handler.get("/api/v1/cases")),
        ),
        measure(
            "GET /api/v1/cases/{number}", lambda: ok(supervisor.get(f"/api/v1/cases/{number}"))
        ),
        measure(
            "GET /api/v1/calendar/due-date",
            lambda: ok(
                supervisor.get("/api/v1/calendar/due-date", {"start": "2026-09-28", "days": 15})
            ),
        ),
        measure("GET / (staff home, supervisor)", lambda: page("supervisor", "/")),
        measure("GET / (staff home, handler)", lambda: page("handler", "/")),
        measure("GET /cases/ (queue page, supervisor)", lambda: page("supervisor", "/cases/")),
        measure(
            "GET /cases/?overdue=yes&category=… (queue page, filtered)",
            lambda: page("supervisor", "/cases/?overdue=yes&category=after_sales_repair"),
        ),
        measure(
            "GET /cases/?sort=due (queue page, next deadline first)",
            lambda: page("supervisor", "/cases/?sort=due"),
        ),
        measure(
            "GET /cases/?sort=severity (queue page, major first)",
            lambda: page("supervisor", "/cases/?sort=severity"),
        ),
        measure(
            "GET /cases/?handler=handler (queue page, one handler's cases)",
            lambda: page("supervisor", "/cases/?handler=handler"),
        ),
        measure(
            "GET /cases/{number}/ (case page)", lambda: page("supervisor", f"/cases/{number}/")
        ),
        measure(
            "GET /approvals/ (approver queue 待我审批, customer-service manager)",
            lambda: page("manager", "/approvals/"),
        ),
        measure(
            "GET /approvals/ (approver queue 待我审批, supervisor)",
            lambda: page("supervisor", "/approvals/"),
        ),
        measure(
            "GET /co-handling/ (co-handling 协办, handler)",
            lambda: page("handler", "/co-handling/"),
        ),
        measure(
            "GET /deliberations/ (deliberation archive 合议)",
            lambda: page("manager", "/deliberations/"),
        ),
        measure(
            "GET /rectifications/ (rectifications 整改)",
            lambda: page("manager", "/rectifications/"),
        ),
        measure("GET /visits/ (return visits 回访)", lambda: page("supervisor", "/visits/")),
        measure("POST /api/v1/portal/complaints (customer submits)", submit),
        measure("POST /api/v1/portal/codes + /track (customer tracks with a code)", track),
        measure(
            "GET /portal/complain/ (the portal's form)",
            lambda: ok(customer.get("/portal/complain/")),
        ),
        measure(
            "GET /manage/calendar/ (settings: calendar month grid)",
            lambda: page("manager", "/manage/calendar/?year=2026&month=10"),
        ),
        measure("GET /manage/users/ (settings: users)", lambda: page("manager", "/manage/users/")),
    ]
    report(rows, total)


def walk(client: Client, pages: int) -> None:
    cursor = None
    for _ in range(pages):
        params = {"cursor": cursor} if cursor else {}
        cursor = client.get("/api/v1/cases", params).json()["next_cursor"]


_sessions: dict[str, Client] = {}


def page(username: str, path: str) -> None:
    """A staff page as a logged-in browser gets it (session login, full rendering)."""
    if username not in _sessions:
        _sessions[username] = Client()
        _sessions[username].force_login(User.objects.get(username=username))
    response = _sessions[username].get(path)
    assert response.status_code == 200, (path, response.status_code)


def report(rows: list[tuple[str, float, float, int]], total: int) -> None:
    vendor = connection.vendor
    lines = [
        "| operation | median ms | max ms | queries |",
        "|---|---:|---:|---:|",
        *(
            f"| {name} | {median:.1f} | {worst:.1f} | {queries} |"
            for name, median, worst, queries in rows
        ),
    ]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / f"results-{vendor}.md"
    out.write_text(
        f"# {vendor}, {total:,} cases\n\nMeasured {time.strftime('%Y-%m-%d %H:%M')} with "
        f"`bin/bench` through Django's test client (full request, no network).\n\n{table}\n",
        encoding="utf-8",
    )
    print(f"written to {out}")


if __name__ == "__main__":
    main()
