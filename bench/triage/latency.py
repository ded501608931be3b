"""`POST /api/v1/triage` measured through gunicorn: production settings, one sync worker on
127.0.0.1 (a free port), a loopback client opening a new connection per request.

Uses the database bench/triage/run.py builds (var/bench-triage.sqlite3, or BENCH_DATABASE_URL).

    .venv/bin/python bench/triage/latency.py [--calls 300] [--workers 1]

Prints p50 / p95 / p99 and the worker's RSS. The first request of a worker loads the models and
builds the similarity index; it is made (and reported) before the timed calls. The machine is
shared with other work: read the load average printed with the figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-triage.sqlite3'}"
)
#: The checkout whose code gunicorn serves (default: this one; set to compare before / after).
CODE = Path(os.environ.get("KESU_CODE", str(ROOT)))
SECRET = "kesu-bench-triage-not-a-secret-0123456789abcdefghijklmn"  # noqa: S105 - bench only


def server_env() -> dict[str, str]:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        PYTHONPATH=str(CODE),
        DATABASE_URL=DATABASE_URL,
        KESU_SECRET_KEY=SECRET,
        KESU_SECURE_COOKIES="0",
        KESU_ALLOWED_HOSTS="127.0.0.1,localhost",
        OMP_NUM_THREADS="1",
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def token() -> str:
    """An API token of the demo agent, issued through the service (in a subprocess on the same
    production settings, so this process stays free of Django)."""
    code = (
        "from kesu.org.models import User\n"
        "from kesu.org.services import issue_api_token\n"
        "print(issue_api_token(user=User.objects.get(username='agent'), name='latency')[1])"
    )
    out = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=CODE, env=server_env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def post(port: int, raw: str, text: str) -> tuple[int, float]:
    body = json.dumps({"facts": text}).encode()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(
        "POST", "/api/v1/triage", body=body,
        headers={"Authorization": f"Bearer {raw}", "Content-Type": "application/json"},
    )  # fmt: skip
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, (time.perf_counter() - started) * 1000


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    from bench.triage.generate import dataset, reworded_repeat  # noqa: PLC0415 - after sys.path

    rng = random.Random(11)
    texts = [reworded_repeat(s.text, rng) for s in dataset(40, pool=1, seed=2)]
    raw = token()
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this environment
        [
            sys.executable, "-m", "gunicorn", "--config", str(HERE / "gunicorn_conf.py"),
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--worker-class", "sync", "--log-level", "warning",
        ],
        cwd=CODE, env=server_env(),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        first = [post(port, raw, texts[i]) for i in range(args.workers)]
        assert all(status == 200 for status, _ in first), first
        for text in texts[: 2 * args.workers]:  # warm: every worker past its first request
            post(port, raw, text)
        timings = []
        for i in range(args.calls):
            status, ms = post(port, raw, texts[i % len(texts)])
            assert status == 200, status
            timings.append(ms)
        workers = [
            int(p)
            for p in subprocess.run(  # noqa: S603 - pgrep
                ["/usr/bin/pgrep", "-P", str(server.pid)],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
        ]
        rss = max((rss_mb(pid) for pid in workers), default=0.0)
        print(
            json.dumps(
                {
                    "calls": args.calls,
                    "workers": args.workers,
                    "first_request_ms": round(max(ms for _, ms in first), 1),
                    "p50_ms": round(statistics.median(timings), 1),
                    "p95_ms": round(percentile(timings, 95), 1),
                    "p99_ms": round(percentile(timings, 99), 1),
                    "worker_rss_mb": round(rss),
                    "load_average": round(os.getloadavg()[0], 1),
                    "database": DATABASE_URL.split(":", 1)[0],
                    "code": str(CODE),
                }
            )
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
