"""Markdown table of `bench/server.py` results side by side: `python bench/compare.py
before=var/bench-server/main.json after=var/bench-server/speed.json`. Per operation: the
median p50/p95 (p99 for create), throughput, and the CPU milliseconds per request (gunicorn
workers + every PostgreSQL process, from the runs' /proc samples) — the figure a loaded
machine disturbs least."""

from __future__ import annotations

import json
import statistics
import sys
from typing import Any


def _cpu_ms(runs: list[dict[str, Any]], count_key: str) -> float | None:
    values = [
        (run["cpu"]["gunicorn_cores"] + run["cpu"]["postgres_cores"])
        * run["cpu"]["wall_s"]
        * 1000
        / run[count_key]
        for run in runs
        if run.get(count_key)
    ]
    return round(statistics.median(values), 1) if values else None


def rows(result: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in result.get("create", {}).items():
        clients = name.removeprefix("c")
        out[f"API create, {clients} client(s): cases/s"] = f"{value['cases_per_s']}"
        out[f"API create, {clients} client(s): p50 / p95 / p99 ms"] = (
            f"{value['p50_ms']} / {value['p95_ms']} / {value['p99_ms']}"
        )
        out[f"API create, {clients} client(s): CPU ms per create"] = (
            f"{_cpu_ms(value['runs'], 'ok')}"
        )
    for name, value in result.get("read", {}).items():
        out[f"{name}: p50 / p95 ms"] = f"{value['p50_ms']} / {value['p95_ms']}"
        out[f"{name}: CPU ms per request"] = f"{_cpu_ms(value['runs'], 'n')}"
    out["peak RSS of one worker, MiB"] = f"{result.get('peak_rss_worker_mib')}"
    return out


def main() -> None:
    labelled = [argument.split("=", 1) for argument in sys.argv[1:]]
    tables = {}
    for label, path in labelled:
        with open(path, encoding="utf-8") as file:
            tables[label] = rows(json.load(file))
    names = list(dict.fromkeys(name for table in tables.values() for name in table))
    print("| operation | " + " | ".join(tables) + " |")
    print("|---|" + "---:|" * len(tables))
    for name in names:
        print(f"| {name} | " + " | ".join(table.get(name, "—") for table in tables.values()) + " |")


if __name__ == "__main__":
    main()
