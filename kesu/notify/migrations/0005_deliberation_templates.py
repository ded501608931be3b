# The deliberation 合议 notices (asked for, not approved, meeting, leaning, decision, overdue).

from django.db import migrations

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('notify', '0004_visits_templates'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
