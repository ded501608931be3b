"""`manage.py load_presets`: categories, decline reasons and deadline policies from the seeds, and
the default notification templates (missing ones added, unedited old defaults updated), and the
penalty catalogue (seed 002, `load_penalty_presets`; `--no-penalties` skips it).
`--approvals <key>` puts an approval-matrix preset in force (R-12; replaces the table)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kesu.approvals.services import load_approval_preset
from kesu.cases.services.catalogue import (
    load_category_preset,
    load_decline_reasons,
    load_policy_presets,
)
from kesu.deadlines.presets import load_escalation_presets
from kesu.domain.presets.approvals import APPROVAL_PRESETS
from kesu.domain.presets.categories import CATEGORY_PRESETS
from kesu.notify.presets import load_default_templates


class Command(BaseCommand):
    help = "Load seed presets (idempotent). --categories picks the category tree."

    def add_arguments(self, parser: CommandParser) -> None:
        keys = ", ".join(p.key for p in CATEGORY_PRESETS)
        parser.add_argument("--categories", default="manufacturing", help=f"one of: {keys}")
        parser.add_argument(
            "--no-penalties", action="store_true", help="skip the penalty catalogue (seed 002)"
        )

        matrices = ", ".join(p.key for p in APPROVAL_PRESETS)
        parser.add_argument(
            "--approvals",
            default="",
            help=f"approval-matrix preset to put in force (replaces the table): {matrices}",
        )

    def handle(
        self,
        *args: Any,
        categories: str,
        no_penalties: bool = False,
        approvals: str = "",
        **options: Any,
    ) -> None:
        try:
            nodes = load_category_preset(categories)
            rules = load_approval_preset(approvals) if approvals else 0
        except KeyError as error:
            raise CommandError(str(error)) from error
        reasons = load_decline_reasons()
        policies = load_policy_presets()
        ladders = load_escalation_presets()
        templates = load_default_templates()
        self.stdout.write(
            f"added: categories ({categories}) {nodes}, decline reasons {reasons}, "
            f"deadline policies {policies}, escalation ladders {ladders}, "
            f"notification templates {templates}"
            + (f", approval rules ({approvals}) {rules}" if approvals else "")
        )
        if not no_penalties:
            # By name: the catalogue lives in `decisions`, a layer above this app.
            call_command("load_penalty_presets", stdout=self.stdout)
