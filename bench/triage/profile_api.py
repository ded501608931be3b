"""Where the time of `POST /api/v1/triage` goes: cProfile over N calls through Django's test
client, on the benchmark database bench/triage/run.py builds (run that first).

    .venv/bin/python bench/triage/profile_api.py [--calls 200] [--top 30]

Prints the queries of one warm request and the functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-triage.sqlite3'}"
)

import django

django.setup()

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.triage.generate import dataset, reworded_repeat
from kesu.org.models import User
from kesu.org.services import issue_api_token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    settings.KESU_TRIAGE_SIMILAR_DAYS = 3650
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(11)
    texts = [reworded_repeat(s.text, rng) for s in dataset(25, pool=1, seed=2)]
    _token, raw = issue_api_token(user=User.objects.get(username="agent"), name="profile")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def call(text: str) -> None:
        answer = client.post("/api/v1/triage", {"facts": text}, content_type="application/json")
        assert answer.status_code == 200, answer.content

    call(texts[0])  # models loaded, index built
    with CaptureQueriesContext(connection) as queries:
        call(texts[1])
    print(f"queries of one warm request: {len(queries)}")
    for query in queries.captured_queries:
        print(f"  {query['time']}s  {query['sql'][:150]}")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for i in range(args.calls):
        call(texts[i % len(texts)])
    profiler.disable()
    print(f"{args.calls} calls: {(time.perf_counter() - started) / args.calls * 1000:.1f} ms each")
    pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(args.top)


if __name__ == "__main__":
    main()
