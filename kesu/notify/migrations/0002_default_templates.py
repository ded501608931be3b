"""Load the default notification templates (zh-hans and en). Idempotent: creates the missing ones
and never overwrites a template an administrator edited."""

from django.db import migrations

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [("notify", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
