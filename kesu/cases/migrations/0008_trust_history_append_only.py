# The case history refuses UPDATE and DELETE in the database itself (security review finding 6,
# probe P13): a trigger on PostgreSQL and on SQLite. See kesu/cases/history_guard.py.

from typing import Any

from django.db import migrations

from kesu.cases import history_guard


def install(apps: Any, schema_editor: Any) -> None:
    history_guard.install(schema_editor.connection)


def remove(apps: Any, schema_editor: Any) -> None:
    history_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_return_visit_and_investigation_clocks'),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
