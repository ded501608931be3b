# The e-mail intake's templates: the receipt to the sender and the owner's notice of a reply.

from django.db import migrations

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('notify', '0006_gaps_customer_added_information'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
