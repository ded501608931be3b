# Two relation codes of the vocabulary (authorised_representative, sales_staff_on_behalf) are
# longer than the old 20-character column: PostgreSQL refused them. And the phone number
# written backwards, indexed, so the queue finds a case by the last digits of a number.

from django.db import migrations, models


def fill_reversed_phones(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    batch = []
    for case in Case.objects.exclude(complainant_phone="").only("pk", "complainant_phone").iterator():
        case.complainant_phone_reversed = case.complainant_phone[::-1]
        batch.append(case)
        if len(batch) >= 500:
            Case.objects.bulk_update(batch, ["complainant_phone_reversed"])
            batch = []
    Case.objects.bulk_update(batch, ["complainant_phone_reversed"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0010_clocks_event_times'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='complainant_phone_reversed',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=30),
        ),
        migrations.AlterField(
            model_name='case',
            name='complainant_relation',
            field=models.CharField(blank=True, max_length=40, verbose_name='relation to insured / buyer'),
        ),
        migrations.RunPython(fill_reversed_phones, migrations.RunPython.noop),
    ]
