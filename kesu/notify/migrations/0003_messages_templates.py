# The 2026-12 templates: the answer carries the answer, a declined customer is told why, the
# plan notices and the return-visit request, 督办 wording per clock, the assignment's first
# deadline. Adds the missing templates and updates those still reading like the old defaults;
# templates an administrator edited stay as they are.

from django.db import migrations, models

from kesu.notify.presets import load_default_templates


def load(apps, schema_editor):
    load_default_templates(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ('notify', '0002_default_templates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notificationtemplate',
            name='body',
            field=models.TextField(help_text="Django template syntax, e.g. {{ number }} or {{ due|date:'Y-m-d' }}. Available: number, name, due, case_url, hotline, note; to staff: staff_name, actor, clock, clock_code, level, plan, amount, answer, resolution_due; the answer: answer, answer_sms, answer_cut, has_email; a decline: reason.", verbose_name='body'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
