"""Steps of the database-restart test, run as `python -m tests.notify.outage_scenario STEP` in a
separate process against the private PostgreSQL server (DATABASE_URL), as the web tier would.

- `setup`: reference data, the test organisation, and 3 cases long overdue for acceptance (so
  every sweep has alerts to raise once and only once);
- `batch NAME N`: N messages to customers (e-mail and SMS each), queued on commit.
"""

from __future__ import annotations

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from django.db import transaction  # noqa: E402

from kesu.cases.models import Case  # noqa: E402
from kesu.notify.services import notify  # noqa: E402
from tests.conftest import Org, at, load_reference  # noqa: E402
from tests.factories import register  # noqa: E402


def setup() -> None:
    load_reference()
    org = Org()
    for index in range(3):
        register(org["agent"], at("2026-10-20 09:00"), complainant_name=f"客户{index}",
                 complainant_email="", complainant_phone="")  # fmt: skip


def batch(name: str, count: int) -> None:
    case = Case.objects.order_by("pk").first()
    for index in range(count):
        with transaction.atomic():
            notify(
                template="case_acknowledged",
                dedupe_key=f"{name}:{index}",
                context={"name": "王丽", "number": case.number if case else ""},
                case=case,
                email=f"{name}{index}@example.cn",
                phone=f"139{index:04d}{len(name):04d}",
                channels=("email", "sms"),
            )


if __name__ == "__main__":
    step, *args = sys.argv[1:]
    if step == "setup":
        setup()
    else:
        batch(args[0], int(args[1]))
