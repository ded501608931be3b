"""`manage.py train_triage [--every SECONDS] [--no-evaluate]`: train the category model on the
organisation's categorised cases and store it as the next version, with its cross-validated
figures. With `--every N` it runs forever and every N seconds retrains *when due*: after
`KESU_TRIAGE_RETRAIN_HOURS` (24) or once `KESU_TRIAGE_RETRAIN_NEW_CASES` (200) categorised cases
arrived since the last model (`bin/run` starts it beside the worker). Rides out a database
restart like the deadline sweep."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kesu.core import clock
from kesu.core.outage import DATABASE_DOWN, Outage
from kesu.triage.models import TriageModel
from kesu.triage.services import retrain_if_due, train_triage


class Command(BaseCommand):
    help = "Train the triage category model on the organisation's own cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="check every N seconds")
        parser.add_argument(
            "--no-evaluate", action="store_true", help="skip the cross-validation (faster)"
        )
        parser.add_argument(
            "--no-sentiment",
            action="store_true",
            help="do not learn the sentiment model (the lexicon answers alone)",
        )

    def handle(
        self, *args: Any, every: int, no_evaluate: bool, no_sentiment: bool, **options: Any
    ) -> None:
        if not every:
            now = clock.now()
            self.report(train_triage(now=now, evaluate=not no_evaluate, sentiment=not no_sentiment))
            return
        outage = Outage("train_triage")
        while True:
            try:
                row = retrain_if_due(now=clock.now())
            except DATABASE_DOWN as error:
                outage.wait_after(error)
                continue
            outage.recovered()
            if row is not None:
                self.report(row)
            time.sleep(every)

    def report(self, row: TriageModel | None) -> None:
        if row is None:
            self.stdout.write("not enough categorised cases yet: cold start answers")
        else:
            self.stdout.write(
                f"model v{row.version}: {row.case_count} cases, {len(row.categories)} categories, "
                f"macro-F1 {row.macro_f1}, top-3 {row.top3}, {row.seconds} s"
            )
        self.stdout.flush()
