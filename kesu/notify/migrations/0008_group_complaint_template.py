# The notice to the supervisors and managers when a group complaint 群诉 forms (kesu.intake).

from django.db import migrations

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('notify', '0007_mail_templates'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
