# Return visits and every customer notice (issue 16): the reopening notice, the unhappy-visit
# notice to supervisors, SMS texts that point to the portal for what they cut. Adds the missing
# templates and updates those still reading like the old defaults; edited ones stay.

from django.db import migrations

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('notify', '0003_messages_templates'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
