"""Kesu measured the way users meet it: through gunicorn on the production settings, PostgreSQL,
a loopback client opening a new TCP connection per request (issue 18 part 5). The client and
the procedure are those of the shared side-by-side benchmark (/work/shared/bench/side-by-side/
bench_kesu.py, itself a copy of the django-helpdesk peer's bench.py), so its figures compare
with the peer's published ones as ratios.

Starts gunicorn (2 sync workers, 127.0.0.1, a free port) on `config.settings.production`
(DEBUG off), logs in to the staff pages as `supervisor` (session + CSRF) and uses a bearer token
for the API (`manage.py issue_token supervisor`), then measures:
  read    sequential latency (1 client, 2 warm-ups, --runs runs of up to 30 requests or 20 s,
          at least 3) of: the staff queue page /cases/, the case list JSON first page
          GET /api/v1/cases, the same list filtered to open states with 25 rows, the staff
          home /, a case's JSON GET /api/v1/cases/{n} and page /cases/{n}/, and page 20 of
          the list via its cursor
  create  POST /api/v1/cases (bearer token, a realistic payload from Kesu's demo corpus):
          1 client, then 8 concurrent clients (threads), each a 2 s warm-up and --runs runs of
          --duration s; a new TCP connection per request
  RSS     VmHWM/VmRSS of both workers after each phase; peak = the largest VmHWM
  CPU     seconds of the gunicorn workers, all postgres processes and this client per run
Every reported number is the median over the runs (p50/p95/p99 per run, then the median).
Cases created by the run are deleted afterwards (ids above the largest id at the first run).

Fill the database first (bench/fill.py), or let `bin/bench-server --cases N` do both:
  .venv/bin/python bench/server.py --db-url postgres://postgres@127.0.0.1:5432/kesu_bench_server
"""

# ruff: noqa
# (The client code is kept as the shared side-by-side copy of the peer's bench.py has it, so the
# two stay comparable line by line; it is a measuring tool, not application code.)
import argparse
import datetime
import http.client
import json
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLK = os.sysconf("SC_CLK_TCK")
OPEN_STATES = (
    "registered",
    "accepted",
    "assigned",
    "in_progress",
    "plan_submitted",
    "plan_approved",
    "answered",
)


# ---------------------------------------------------------------- /proc utils (as the peer's)
def _stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    return s[s.rindex(")") + 2 :].split()


def proc_cpu(pid, children=False):
    try:
        r = _stat(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    t = int(r[11]) + int(r[12])
    if children:
        t += int(r[13]) + int(r[14])
    return t / CLK


def ppid_of(pid):
    try:
        return int(_stat(pid)[1])
    except Exception:
        return -1


def children_of(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit() and ppid_of(int(d)) == pid:
            out.append(int(d))
    return sorted(out)


def postgres_pids():
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/comm") as f:
                if f.read().strip() == "postgres":
                    pids.append(int(d))
        except OSError:
            pass
    return pids


def postgres_cpu():
    pids = postgres_pids()
    tot = 0.0
    for p in pids:
        pp = ppid_of(p)
        tot += proc_cpu(p, children=(pp not in pids))
    return tot


def sys_cpu():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / CLK, sum(v[:8]) / CLK


def mem_status(pid):
    d = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmHWM", "VmRSS")):
                    k, v = line.split(":")
                    d[k] = int(v.split()[0]) // 1024  # MiB
    except OSError:
        pass
    return d


class CpuSampler:
    def __init__(self, workers):
        self.workers = workers

    def snap(self):
        busy, total = sys_cpu()
        ru = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "t": time.perf_counter(),
            "gunicorn": sum(proc_cpu(w) for w in self.workers),
            "postgres": postgres_cpu(),
            "client": ru.ru_utime + ru.ru_stime,
            "sys_busy": busy,
        }

    @staticmethod
    def diff(a, b):
        wall = b["t"] - a["t"]
        return {
            "wall_s": round(wall, 2),
            **{
                f"{k}_cores": round((b[k] - a[k]) / wall, 2)
                for k in ("gunicorn", "postgres", "client", "sys_busy")
            },
        }


# --------------------------------------------------------------- HTTP client (as the peer's)
class Client:
    """Minimal cookie-keeping HTTP/1.1 client; one TCP connection per request
    (gunicorn's sync workers close the connection after every response)."""

    def __init__(self, host, port, timeout=330, token=None):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies = {}
        self.token = token

    def req(self, method, path, body=None, headers=None):
        h = {"Host": f"{self.host}:{self.port}", "User-Agent": "kesu-bench/1"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if headers:
            h.update(headers)
        if isinstance(body, str):
            body = body.encode()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
            for sc in r.headers.get_all("Set-Cookie") or []:
                k, _, v = sc.split(";", 1)[0].partition("=")
                if v:
                    self.cookies[k.strip()] = v.strip()
            return r.status, r.headers, data
        finally:
            conn.close()

    def login(self, username, password):
        st, _, html = self.req("GET", "/accounts/login/")
        assert st == 200, f"GET /accounts/login/ -> {st}"
        m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert m, "no csrf token in login form"
        body = urllib.parse.urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": m.group(1).decode(),
                "next": "/notifications/",
            }
        )
        st, hdr, _ = self.req(
            "POST", "/accounts/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert st == 302 and "sessionid" in self.cookies, f"login failed ({st})"
        st, _, _ = self.req("GET", "/notifications/")
        assert st == 200, f"GET /notifications/ after login -> {st}"


# ------------------------------------------------------------------- stats (as the peer's)
def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p / 100
    f = int(k)
    c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def ms(x):
    return None if x is None else round(x * 1000, 1)


def med(vals):
    vals = [v for v in vals if v is not None]
    return round(statistics.median(vals), 1) if vals else None


# ----------------------------------------------------------------- Kesu-side helpers
def server_env(a):
    # The production settings as they are (DEBUG off, CONN_MAX_AGE as configured); plain HTTP on
    # loopback, so no secure cookies; the request only enqueues tasks (no worker running).
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        PYTHONPATH=a.proj,
        DATABASE_URL=a.db_url,
        KESU_SECRET_KEY="kesu-bench-server-not-a-secret-0123456789abcdefghij",
        KESU_SECURE_COOKIES="0",
        KESU_ALLOWED_HOSTS="127.0.0.1,localhost",
    )


def manage(a, *args, check=True):
    return subprocess.run(
        [os.path.join(a.venv, "bin", "python"), "manage.py", *args],
        cwd=a.proj,
        env=server_env(a),
        capture_output=True,
        text=True,
        check=check,
    )


def shell(a, code):
    return manage(a, "shell", "--no-imports", "-c", code).stdout.strip()


def baseline_id(a):
    """Largest case id of the generated data (remembered on the first run)."""
    db = a.db_url.rsplit("/", 1)[-1]
    path = os.path.join(a.root, f"kesu-baseline-{db}.json")
    if os.path.exists(path):
        return json.load(open(path))["max_id"]
    mx = int(
        shell(
            a,
            "from kesu.cases.models import Case; from django.db.models import Max; "
            "print(Case.objects.aggregate(m=Max('id'))['m'])",
        )
    )
    json.dump({"max_id": mx}, open(path, "w"))
    return mx


def cleanup(a, max_id):
    """Delete the cases created by a run (ids above the generated data) and what they queued."""
    code = (
        "from kesu.cases.models import Case, CaseEvent, Attachment\n"
        "from kesu.deadlines.models import CaseAlert\n"
        "from kesu.notify.models import Notification\n"
        "from django.db import connection, transaction\n"
        "from kesu.cases import history_guard\n"
        "with transaction.atomic():\n"
        "    history_guard.remove(connection)  # a scratch database: the run's cases go\n"
        "    for M in (Notification, CaseAlert, Attachment, CaseEvent):\n"
        f"        M.objects.filter(case_id__gt={max_id}).delete()\n"
        f"    print(Case.objects.filter(id__gt={max_id}).delete())\n"
        "    history_guard.install(connection)\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "print(DBTaskResult.objects.all().delete())\n"
        "with connection.cursor() as c:\n"
        "    c.execute('VACUUM ANALYZE cases_case')\n"
    )
    r = manage(a, "shell", "--no-imports", "-c", code, check=False)
    print(
        "[bench] cleanup:",
        (r.stdout.strip() or r.stderr.strip()[-500:]).replace("\n", " | "),
        flush=True,
    )


def start_gunicorn(a):
    if not a.port:  # a free port, chosen now
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            a.port = s.getsockname()[1]
    log = open(os.path.join(a.root, "kesu-gunicorn.log"), "a")
    cmd = [
        os.path.join(a.venv, "bin", "gunicorn"),
        "config.wsgi:application",
        "--workers",
        str(a.workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{a.port}",
        "--timeout",
        "330",
        "--log-level",
        "warning",
    ]
    p = subprocess.Popen(cmd, cwd=a.proj, env=server_env(a), stdout=log, stderr=log)
    c = Client("127.0.0.1", a.port, timeout=5)
    for _ in range(120):
        try:
            if c.req("GET", "/accounts/login/")[0] == 200:
                break
        except OSError:
            pass
        if p.poll() is not None:
            sys.exit("gunicorn exited; see kesu-gunicorn.log")
        time.sleep(0.5)
    for _ in range(40):
        workers = children_of(p.pid)
        if len(workers) == a.workers:
            break
        time.sleep(0.25)
    print(f"[bench] gunicorn master {p.pid}, workers {workers}, 127.0.0.1:{a.port}")
    return p, workers


def stop_gunicorn(p, workers):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    for w in workers:
        try:
            os.kill(w, 0)
            os.kill(w, signal.SIGKILL)
        except OSError:
            pass


# --------------------------------------------------------------- measurements (as the peer's)
def latency_series(client, path_fn, check, runs, max_req, max_s, warmup, sampler):
    for i in range(warmup):
        st, _, body = client.req("GET", path_fn(i))
        check(st, body)
    out = []
    for r in range(runs):
        lat = []
        s0 = sampler.snap()
        t_end = time.perf_counter() + max_s
        while len(lat) < max_req and (time.perf_counter() < t_end or len(lat) < 3):
            path = path_fn(len(lat))
            t = time.perf_counter()
            st, _, body = client.req("GET", path)
            lat.append(time.perf_counter() - t)
            check(st, body)
        cpu = sampler.diff(s0, sampler.snap())
        out.append(
            {
                "n": len(lat),
                "p50_ms": ms(pct(lat, 50)),
                "p95_ms": ms(pct(lat, 95)),
                "min_ms": ms(min(lat)),
                "max_ms": ms(max(lat)),
                "bytes": len(body),
                "cpu": cpu,
            }
        )
        print(
            f"    run {r + 1}: n={len(lat)} p50={out[-1]['p50_ms']}ms p95={out[-1]['p95_ms']}ms "
            f"({len(body)} B) cpu={cpu}",
            flush=True,
        )
    return {
        "runs": out,
        "p50_ms": med([o["p50_ms"] for o in out]),
        "p95_ms": med([o["p95_ms"] for o in out]),
        "bytes": out[-1]["bytes"],
    }


def case_payload(rng, corpus):
    """A realistic registration from Kesu's demo corpus (the text the 200k cases were made of)."""
    f = corpus.make_case_fields(rng, datetime.date.today())
    body = {k: v for k, v in f.items() if k != "category_code"}
    body["category"] = f["category_code"]
    if isinstance(body.get("subject_amount"), Decimal):
        body["subject_amount"] = str(body["subject_amount"])
    if body.get("subject_purchase_date") is not None:
        body["subject_purchase_date"] = body["subject_purchase_date"].isoformat()
    for k in ("channel", "kind", "severity"):
        body[k] = getattr(body[k], "value", body[k])
    return {k: v for k, v in body.items() if v is not None}


def create_run(a, clients, duration, corpus, seed):
    """`clients` token-carrying Client objects register cases for `duration` seconds."""
    lat_all, errors = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients) + 1)
    state = {}

    def worker(ix, c):
        rng = random.Random(seed * 1000 + ix)
        lats, errs = [], []
        hdr = {"Content-Type": "application/json", "Accept": "application/json"}
        barrier.wait()
        deadline = state["deadline"]
        while time.perf_counter() < deadline:
            body = json.dumps(case_payload(rng, corpus), ensure_ascii=False)
            t = time.perf_counter()
            try:
                st, _, resp = c.req("POST", "/api/v1/cases", body, hdr)
            except OSError as e:
                st, resp = -1, str(e).encode()
            dt = time.perf_counter() - t
            if st == 201:
                lats.append(dt)
            else:
                errs.append((st, resp[:200]))
        with lock:
            lat_all.extend(lats)
            errors.extend(errs)

    ths = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(clients)]
    for t in ths:
        t.start()
    state["deadline"] = time.perf_counter() + duration
    t0 = time.perf_counter()
    barrier.wait()
    for t in ths:
        t.join()
    el = time.perf_counter() - t0
    return lat_all, errors, el


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--root",
        default=os.path.join(ROOT, "var", "bench-server"),
        help="work dir: gunicorn log, baseline, JSON results",
    )
    ap.add_argument("--proj", default=ROOT, help="Kesu checkout (with .venv)")
    ap.add_argument("--venv", default=None, help="default: <proj>/.venv")
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--port", type=int, default=0, help="default: a free port")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--user", default="supervisor")
    ap.add_argument("--password", default="kesu-demo-2026")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--concurrency", default="1,8")
    ap.add_argument("--lat-max-req", type=int, default=30)
    ap.add_argument("--lat-max-s", type=float, default=20.0)
    ap.add_argument("--only", default="", help="comma list of phases: read,create")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    a.venv = a.venv or os.path.join(a.proj, ".venv")
    phases = set(a.only.split(",")) if a.only else {"read", "create"}
    os.makedirs(a.root, exist_ok=True)
    sys.path.insert(0, a.proj)
    from kesu.demo import corpus  # Kesu's own text generator (pure Python)

    max_id = baseline_id(a)
    cleanup(a, max_id)
    venv_py = os.path.join(a.venv, "bin", "python")
    db = a.db_url.rsplit("/", 1)[-1]
    info = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "args": vars(a),
        "nproc": os.cpu_count(),
        "python": sys.version.split()[0],
        "cpu_model": next(
            (
                ln.split(":", 1)[1].strip()
                for ln in open("/proc/cpuinfo")
                if ln.startswith("model name")
            ),
            "?",
        ),
        "mem_total_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "settings": "config.settings.production",
        "generated_max_id": max_id,
    }
    info["versions"] = subprocess.run(
        [
            venv_py,
            "-c",
            "import importlib.metadata as m;import json;print(json.dumps({p:m.version(p) for p in "
            "['kesu','Django','django-ninja','pydantic','gunicorn','psycopg']}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    info["kesu_commit"] = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=a.proj, capture_output=True, text=True
    ).stdout.strip()
    info["load_at_start"] = open("/proc/loadavg").read().split()[:3]
    info["debug"] = shell(
        a,
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.LANGUAGE_CODE, s.DATABASES['default']['CONN_MAX_AGE'], "
        "s.SESSION_ENGINE, s.TASKS['default']['BACKEND'])",
    )
    info["db_counts"] = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            db,
            "-tAc",
            "select (select count(*) from cases_case)||' cases, '||(select count(*) from cases_caseevent)"
            "||' events; '||version()",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    print("[bench]", info["versions"], "|", info["debug"], "|", info["db_counts"], flush=True)
    raw_token = [
        ln
        for ln in manage(a, "issue_token", a.user, "--name", "bench-server").stdout.split()
        if ln.startswith("ksu_")
    ][0]

    p, workers = start_gunicorn(a)
    sampler = CpuSampler(workers)
    res = {"info": info, "rss_mib": {}}

    def rss(tag):
        res["rss_mib"][tag] = {w: mem_status(w) for w in workers}

    rss("after_start")
    try:
        staff = Client("127.0.0.1", a.port)
        staff.login(a.user, a.password)
        api = Client("127.0.0.1", a.port, token=raw_token)
        st, _, body = api.req("GET", "/api/v1/me")
        assert st == 200, body[:300]

        def ok_html(st, body):
            assert st == 200, f"HTTP {st}: {body[:300]!r}"

        def ok_list(n):
            def chk(st, body):
                assert st == 200, f"HTTP {st}: {body[:300]!r}"
                j = json.loads(body)
                assert len(j["items"]) == n, (len(j["items"]), n)

            return chk

        def ok_json(st, body):
            assert st == 200, f"HTTP {st}: {body[:300]!r}"
            json.loads(body)

        if "read" in phases:
            # the cursor of page 20 (50 a page, newest first) and the case at its top
            cursor = None
            for _ in range(19):
                q = "?" + urllib.parse.urlencode({"cursor": cursor}) if cursor else ""
                st, _, body = api.req("GET", "/api/v1/cases" + q)
                cursor = json.loads(body)["next_cursor"]
            page20 = "/api/v1/cases?" + urllib.parse.urlencode({"cursor": cursor})
            st, _, body = api.req("GET", page20)
            number = json.loads(body)["items"][0]["number"]
            info["case_number"] = number
            open_q = "/api/v1/cases?" + urllib.parse.urlencode(
                [("state", s) for s in OPEN_STATES] + [("limit", 25)]
            )
            targets = [
                ("case_queue_page", lambda i: "/cases/", ok_html, staff),
                ("case_list_api_json", lambda i: "/api/v1/cases", ok_list(50), api),
                ("case_list_api_json_open25", lambda i: open_q, ok_list(25), api),
                ("home", lambda i: "/", ok_html, staff),
                ("case_detail_api_json", lambda i: f"/api/v1/cases/{number}", ok_json, api),
                ("case_page", lambda i: f"/cases/{number}/", ok_html, staff),
                ("case_list_api_page20_cursor", lambda i: page20, ok_list(50), api),
            ]
            res["read"] = {}
            for name, fn, chk, cl in targets:
                print(f"[bench] latency {name}", flush=True)
                res["read"][name] = latency_series(
                    cl, fn, chk, a.runs, a.lat_max_req, a.lat_max_s, 2, sampler
                )
                rss(f"after_{name}")

        if "create" in phases:
            res["create"] = {}
            pool = []
            for conc in [int(x) for x in a.concurrency.split(",")]:
                while len(pool) < conc:
                    pool.append(Client("127.0.0.1", a.port, timeout=120, token=raw_token))
                create_run(a, pool[:conc], 2.0, corpus, seed=999)
                runs = []
                print(
                    f"[bench] create via API, {conc} client(s), {a.runs} x {a.duration:.0f}s",
                    flush=True,
                )
                for r in range(a.runs):
                    s0 = sampler.snap()
                    lat, errs, el = create_run(
                        a, pool[:conc], a.duration, corpus, seed=r + 1 + conc * 10
                    )
                    cpu = sampler.diff(s0, sampler.snap())
                    run = {
                        "ok": len(lat),
                        "errors": len(errs),
                        "elapsed_s": round(el, 2),
                        "cases_per_s": round(len(lat) / el, 1),
                        "p50_ms": ms(pct(lat, 50)),
                        "p95_ms": ms(pct(lat, 95)),
                        "p99_ms": ms(pct(lat, 99)),
                        "cpu": cpu,
                    }
                    if errs:
                        run["first_error"] = [errs[0][0], errs[0][1].decode("utf-8", "replace")]
                    runs.append(run)
                    print(f"    run {r + 1}: {run}", flush=True)
                res["create"][f"c{conc}"] = {
                    "runs": runs,
                    **{
                        k: med([x[k] for x in runs])
                        for k in ("cases_per_s", "p50_ms", "p95_ms", "p99_ms")
                    },
                }
                rss(f"after_create_c{conc}")
        rss("end")
    finally:
        stop_gunicorn(p, workers)
        cleanup(a, max_id)

    hwm = {
        str(w): max(v.get(w, {}).get("VmHWM", 0) for v in res["rss_mib"].values()) for w in workers
    }
    res["rss_mib"] = {k: {str(w): d for w, d in v.items()} for k, v in res["rss_mib"].items()}
    res["peak_rss_worker_mib"] = max(hwm.values()) if hwm else None
    res["peak_rss_per_worker_mib"] = hwm
    info["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")

    out = a.out or os.path.join(a.root, f"kesu-bench-{db}-{time.strftime('%Y%m%d-%H%M%S')}.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
    print(f"[bench] results -> {out}")
    print(summary(res))


def summary(res):
    L = ["| measurement | value |", "|---|---|"]
    for k, v in res.get("create", {}).items():
        L.append(f"| API create {k}: cases/s | {v['cases_per_s']} |")
        L.append(
            f"| API create {k}: p50 / p95 / p99 ms | {v['p50_ms']} / {v['p95_ms']} / {v['p99_ms']} |"
        )
    for k, v in res.get("read", {}).items():
        L.append(f"| {k}: p50 / p95 ms | {v['p50_ms']} / {v['p95_ms']} |")
    L.append(f"| peak RSS of one gunicorn worker (VmHWM) MiB | {res.get('peak_rss_worker_mib')} |")
    return "\n".join(L)


if __name__ == "__main__":
    main()
