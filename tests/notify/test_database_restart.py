"""The task worker and the deadline sweep ride out a PostgreSQL restart (security review
2026-12-01, finding 2): both processes keep running, every queued message is delivered exactly
once, and no alert is raised twice.

The restart happens on a private, throwaway PostgreSQL server (initdb in a temporary directory),
never on the shared one. Where the PostgreSQL binaries are missing the test is skipped, except
in CI (KESU_REQUIRE_POSTGRES=1), where that is a failure.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.notify.conftest import Mailbox, free_port

ROOT = Path(__file__).resolve().parents[2]
BATCH = 6  # messages per batch, each by e-mail and SMS


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PrivatePostgres:
    """A PostgreSQL server of our own in a temporary directory (run as `postgres` when the tests
    run as root, which initdb refuses)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="kesu-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.user = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 — the PostgreSQL tools with fixed arguments
            [str(self.bindir / args[0]), *args[1:]],
            check=True, capture_output=True, timeout=120,
            user=self.user.pw_uid if self.user else None,
            group=self.user.pw_gid if self.user else None,
        )  # fmt: skip

    def _ctl(self, *action: str) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=30 -c shared_buffers=16MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"),
                  "-o", options, "-w", "-t", "60", *action)  # fmt: skip

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")  # ends every session, as a real restart does

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as db:
            return db.execute(sql).fetchall()


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    bindir = _postgres_bin()
    if bindir is None:
        if os.environ.get("KESU_REQUIRE_POSTGRES") == "1":
            pytest.fail("the PostgreSQL server binaries (initdb, pg_ctl) are required here")
        pytest.skip("no PostgreSQL server binaries (initdb) to start a private server")
    server = PrivatePostgres(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(psycopg.OperationalError):
            if condition():
                return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.postgres
def test_worker_and_sweep_ride_out_a_restart(private_postgres: PrivatePostgres) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL restart: runs in the PostgreSQL pass (.ci/run)")
    server, work = private_postgres, private_postgres.dir
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": server.url,
        "KESU_VAR_DIR": str(work / "var"),
        "KESU_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "KESU_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "KESU_SMTP_HOST": "127.0.0.1",
        "KESU_SMTP_PORT": str(smtp.port),
        "KESU_SMS_GATEWAY": "tests.notify.sms.FileSmsGateway",
        "KESU_TEST_SMS_LOG": str(work / "sms.log"),
    }

    def manage(*args: str) -> None:
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,  # noqa: S603
                       capture_output=True, timeout=300)  # fmt: skip

    def spawn(log: str, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env,
            stdout=(work / log).open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def sent() -> int:
        return server.query("SELECT count(*) FROM notify_notification WHERE status = 'sent' "
                            "AND channel <> 'in_app'")[0][0]  # fmt: skip

    processes: list[subprocess.Popen[bytes]] = []
    try:
        manage("manage.py", "migrate", "--no-input", "-v0")
        manage("-m", "tests.notify.outage_scenario", "setup")
        processes = [
            spawn("worker.log", "kesu_worker", "--interval", "0.5", "--no-startup-delay"),
            spawn("sweep.log", "sweep_deadlines", "--every", "1"),
        ]
        manage("-m", "tests.notify.outage_scenario", "batch", "before", str(BATCH))
        _wait_for(lambda: sent() == 2 * BATCH, 120, "the first batch to be delivered")
        # The sweep found the overdue cases (it may start after the worker on a busy machine).
        _wait_for(
            lambda: server.query("SELECT count(*) FROM deadlines_casealert")[0][0] > 0,
            120, "the sweep to raise the overdue alerts",
        )  # fmt: skip

        server.restart()
        manage("-m", "tests.notify.outage_scenario", "batch", "after", str(BATCH))
        _wait_for(lambda: sent() == 4 * BATCH, 180, "the second batch after the restart")
        sweeps = (work / "sweep.log").read_text().count(" alerts ")
        _wait_for(
            lambda: (work / "sweep.log").read_text().count(" alerts ") > sweeps + 1,
            60, "the sweep to run again",
        )  # fmt: skip

        assert [process.poll() for process in processes] == [None, None], "a process exited"
        for log in ("worker.log", "sweep.log"):
            assert "database unavailable" in (work / log).read_text(), log
        sms_lines = (work / "sms.log").read_text().splitlines()
        phones = Counter(line.split("\t")[0] for line in sms_lines)
        assert len(phones) == 2 * BATCH  # every SMS went out …
        assert set(phones.values()) == {1}  # … once
        message_ids = Counter(message["Message-ID"] for message in mailbox.messages)
        assert len(message_ids) == 2 * BATCH
        assert set(message_ids.values()) == {1}
        duplicates = server.query(
            "SELECT count(*) FROM (SELECT 1 FROM deadlines_casealert GROUP BY case_id, clock, "
            "kind, level, due_at HAVING count(*) > 1) d"
        )[0][0]
        assert duplicates == 0
        stuck = server.query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status <> 'SUCCESSFUL'"
        )[0][0]
        assert stuck == 0
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
            if process.poll() is None:
                process.kill()
        smtp.stop()

