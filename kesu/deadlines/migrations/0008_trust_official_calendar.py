"""Store every year for which the installed `holidays` package has China's published calendar
(with 调休) as official, so a fresh install computes final due dates from its first case without
running `load_calendar`. Idempotent: days an administrator edited stay, estimated rows of a year
that is now published become official, and a year already official is left alone. Nothing is
downloaded: the calendar is the one the installed package ships.

Years the package only estimates are not stored here; the system check `kesu.W001` names the
current or next year while it is missing or estimated.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from kesu.domain.calendars import year_table

FIRST_YEAR, LAST_YEAR = 2000, 2099  # the span kesu.deadlines.services accepts
OFFICIAL, EDITED = "official", "edited"  # DaySource values (frozen here, as migrations must be)


def store_official_years(apps: Any, schema_editor: Any) -> None:
    calendar_day = apps.get_model("deadlines", "CalendarDay")
    calendar_year = apps.get_model("deadlines", "CalendarYear")
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        table = year_table(year)
        if not table.published:
            continue
        existing = {row.day: row for row in calendar_day.objects.filter(day__year=year)}
        to_create, to_update = [], []
        for day, is_working in table.days.items():
            row = existing.get(day)
            if row is None:
                to_create.append(calendar_day(day=day, is_working=is_working, source=OFFICIAL))
            elif row.source != EDITED and (row.is_working, row.source) != (is_working, OFFICIAL):
                row.is_working, row.source = is_working, OFFICIAL
                to_update.append(row)
        calendar_day.objects.bulk_create(to_create, batch_size=400)
        calendar_day.objects.bulk_update(to_update, ["is_working", "source"], batch_size=400)
        calendar_year.objects.update_or_create(year=year, defaults={"official": True})


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0007_policy_amount_limits"),
    ]

    operations = [
        # Reversing keeps the rows: they are the calendar, not something this step owns alone.
        migrations.RunPython(store_official_years, migrations.RunPython.noop),
    ]
