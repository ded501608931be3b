"""`manage.py import_cases FILE --source transfer|history [--dry-run]`: import regulator
transfers or another system's history from an .xlsx or .csv file (docs/imports.md).

Columns are mapped by their headings (the presets in kesu/imports/fields.py); `--map
"heading=field"` adds or overrides one. Every row is checked first; one refused row refuses the
whole file. Exit status: 0 imported (or, with --dry-run, every row would be), 1 rows refused
(each printed with its row number and column heading), 2 the file cannot be read. Messages are
in the site's language (KESU_LANGUAGE) or `--language en`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.imports.fields import REGULATOR_CODES, Source, regulator_by_code, suggest_mapping
from kesu.imports.readers import UnreadableFile, open_table
from kesu.imports.services.runner import ImportReport, import_table
from kesu.org.access import authority_of
from kesu.org.models import User
from kesu.org.services import system_user


class Command(BaseCommand):
    help = "Import regulator transfers or history cases from an .xlsx or .csv file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, choices=[s.value for s in Source])
        parser.add_argument("--dry-run", action="store_true", help="check every row, store nothing")
        parser.add_argument(
            "--regulator",
            choices=sorted(REGULATOR_CODES),
            help="the regulator a transfer file comes from (when it has no regulator column)",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADING=FIELD",
            help="map a heading of the file to one of our fields (see docs/imports.md)",
        )
        parser.add_argument("--user", help="import as this user (default: the system account)")
        parser.add_argument("--language", help="zh-hans or en (default: KESU_LANGUAGE)")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            code = self._run(options)
        if code:
            sys.exit(code)

    def _run(self, options: dict[str, Any]) -> int:
        path: Path = options["file"]
        source = Source(options["source"])
        now = clock.now()
        user = system_user()
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(_("No active user %(name)s.") % {"name": options["user"]})
        try:
            table = open_table(path)
        except (UnreadableFile, OSError) as error:
            self.stderr.write(str(error))
            return 2
        mapping = suggest_mapping(table.headings, source)
        for item in options["map"]:
            heading, _sep, field = item.rpartition("=")
            mapping[field.strip()] = heading.strip()
        regulator = regulator_by_code(options["regulator"]) if options["regulator"] else None
        try:
            report = import_table(
                table=table,
                source=source,
                mapping=mapping,
                authority=authority_of(user, now=now),
                now=now,
                dry_run=options["dry_run"],
                regulator=regulator,
                file_name=path.name,
            )
        except ServiceError as error:
            self.stderr.write(str(error.message))
            return 1
        self._print(report)
        return 0 if report.ok else 1

    def _print(self, report: ImportReport) -> None:
        for error in report.errors:
            self.stderr.write(str(error))
        if report.error_count > len(report.errors):
            self.stderr.write(
                _("… and %(n)s more errors.") % {"n": report.error_count - len(report.errors)}
            )
        values = {
            "rows": report.rows,
            "new": report.new,
            "already": report.already,
            "errors": report.error_count,
        }
        if not report.ok:
            message = _(
                "Nothing imported: %(errors)s error(s) in %(rows)s row(s). Correct the file "
                "and import it again."
            )
        elif report.dry_run:
            message = _(
                "Dry run: %(rows)s row(s) checked, %(new)s would be imported, %(already)s "
                "imported before. Nothing was stored."
            )
        else:
            message = _(
                "%(new)s case(s) imported from %(rows)s row(s); %(already)s imported before."
            )
        self.stdout.write(message % values)
        if report.numbers and not report.dry_run:
            self.stdout.write(" ".join(report.numbers))
