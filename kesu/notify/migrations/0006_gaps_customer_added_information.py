# The notice to the case owner when the customer adds information on the portal.

from django.db import migrations

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('notify', '0005_deliberation_templates'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
