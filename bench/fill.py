"""Fill a benchmark database with N cases for `bench/server.py`: `--base` realistic cases from
`bench/generate.py` (Chinese text from the demo corpus, three years of received times, the
usual spread of states; the building step of `bin/bench`), then copies of those rows made by
the database itself (INSERT … SELECT over generate_series, as `bench/sweep.py` fills; no Python
object per case) until there are N: new numbers `K<copy>-<number>`, the same text, states,
categories and handlers, every time shifted back by 7 minutes per copy. Then VACUUM ANALYZE.
PostgreSQL only (`BENCH_DATABASE_URL`). Later runs add only the missing rows.

  BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kesu_bench_server \\
    .venv/bin/python bench/fill.py --cases 1000000 [--base 50000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys_argv, sys.argv = sys.argv, sys.argv[:1]
import run  # django.setup() on BENCH_DATABASE_URL; its `prepare` builds the base

sys.argv = sys_argv

from django.db import connection, transaction
from django.db.models import DateTimeField, Max

from kesu.cases.models import Case


def copies(base_max_id: int, wanted: int) -> None:
    """Copies 1, 2, … of the rows with id <= base_max_id until the table holds `wanted`."""
    quote = connection.ops.quote_name
    names, values = [], []
    for field in Case._meta.concrete_fields:
        if field.primary_key:
            continue
        column = quote(field.column)
        names.append(column)
        if field.name == "number":
            values.append(f"'K' || k || '-' || c.{column}")
        elif field.name == "idempotency_key":
            values.append("''")  # unique per receiver: copies carry none
        elif isinstance(field, DateTimeField):
            values.append(f"c.{column} - k * interval '7 minutes'")
        else:
            values.append(f"c.{column}")
    table = quote(Case._meta.db_table)
    have, copy = Case.objects.count(), 1
    while have < wanted:
        existing = Case.objects.filter(number__startswith=f"K{copy}-").exists()
        if not existing:
            take = min(base_max_id, wanted - have)
            sql = (  # names from the model; numbers as parameters
                f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608
                f"SELECT {', '.join(values)} FROM {table} c CROSS JOIN (SELECT %s AS k) AS kk "
                f"WHERE c.id <= %s ORDER BY c.id LIMIT %s"
            )
            started = time.perf_counter()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [copy, base_max_id, take])
            have += take
            print(f"  copy {copy}: {take:,} rows in {time.perf_counter() - started:.0f} s")
        copy += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=50_000)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "bench/fill.py fills PostgreSQL (BENCH_DATABASE_URL)"
    started = time.perf_counter()
    base = min(args.base, args.cases)
    copied = "cases_case" in connection.introspection.table_names() and (
        Case.objects.filter(number__startswith="K").exists()
    )
    run.prepare(0 if copied else base)  # migrate, calendar, presets, demo org, generated cases
    base_max_id = Case.objects.exclude(number__startswith="K").aggregate(m=Max("id"))["m"] or 0
    copies(base_max_id, args.cases)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"{Case.objects.count():,} cases, filled in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
