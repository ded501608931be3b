"""The sweep as the worker runs it: a moving clock (time-machine) and a worker killed mid-sweep."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from kesu.cases.models import Case
from kesu.cases.services.escalation import sweep
from kesu.deadlines.models import CaseAlert
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from tests.conftest import at
from tests.factories import act, register

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_follows_a_moving_clock_over_national_day(org: Any) -> None:
    case = register(org["agent"], at("2026-09-28 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-09-28 10:00"))
    act(case, org["supervisor"], Action.ASSIGN, at("2026-09-28 11:00"), department="after-sales")
    with time_machine.travel(at("2026-09-30 18:00"), tick=True) as traveller:
        call_command("sweep_deadlines", verbosity=0)
        assert CaseAlert.objects.count() == 0
        for moment in ("2026-10-05 12:00", "2026-10-10 12:00", "2026-10-14 08:00"):
            traveller.move_to(at(moment))
            call_command("sweep_deadlines", verbosity=0)
    fired = list(CaseAlert.objects.order_by("fired_at").values_list("clock", "kind", "level"))
    # Nothing during the holiday; the 75 % warning on the worked Saturday; level 1 on 14 Oct.
    assert fired[0] == ("first_contact", "warning_share", 0)
    assert ("first_contact", "escalation", 1) in fired
    assert not any(a.fired_at.date().isoformat() == "2026-10-05" for a in CaseAlert.objects.all())
    # No handler yet: the department's head owns the case and hears of it.
    assert Notification.objects.filter(recipient=org["head"], template="deadline_warning").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_sweep_loses_nothing_and_repeats_nothing(org: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the worker is a second process on the same database: PostgreSQL in CI")
    for index in range(60):
        case = register(org["agent"], at("2026-09-28 09:00"), complainant_name=f"客户{index}")
        act(case, org["agent"], Action.ACCEPT, at("2026-09-28 10:00"))
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "KESU_SWEEP_BATCH": "2",  # many small commits, so the kill lands between two of them
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "sweep_deadlines"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while CaseAlert.objects.values("case").distinct().count() < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)  # no chance to tidy up
    worker.wait()
    half = CaseAlert.objects.values("case").distinct().count()
    assert 0 < half < 60, "the worker should have been stopped half-way"

    sweep(now=at("2026-11-24 09:00"))  # a new worker, long after
    call_command("sweep_deadlines", verbosity=0)
    keys = list(CaseAlert.objects.values_list("case_id", "clock", "kind", "level", "due_at"))
    assert len(keys) == len(set(keys))
    assert CaseAlert.objects.values("case").distinct().count() == 60
    per_case = {
        c: CaseAlert.objects.filter(case_id=c, clock="resolution", kind="escalation").count()
        for c in Case.objects.values_list("id", flat=True)
    }
    assert set(per_case.values()) == {5}  # every rung once, for every case
    keys = list(Notification.objects.values_list("dedupe_key", "channel"))
    assert len(keys) == len(set(keys))
