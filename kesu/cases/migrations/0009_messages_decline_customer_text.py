# What a declined customer is told (P6): a customer text per decline reason. Existing seed
# reasons get the preset text; a reason an administrator added keeps an empty text (its name is
# sent) until someone writes one.

from django.db import migrations, models

from kesu.cases.services.catalogue import fill_decline_customer_texts


def fill(apps, schema_editor):
    fill_decline_customer_texts(apps.get_model("cases", "DeclineReason"))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_trust_history_append_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='declinereason',
            name='customer_text_en',
            field=models.TextField(blank=True, verbose_name='what the customer is told (English)'),
        ),
        migrations.AddField(
            model_name='declinereason',
            name='customer_text_zh',
            field=models.TextField(blank=True, help_text='The reason in plain, polite words, sent to the customer by SMS and e-mail when a complaint is declined for it. Empty: the name is sent.', verbose_name='what the customer is told (Chinese)'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
