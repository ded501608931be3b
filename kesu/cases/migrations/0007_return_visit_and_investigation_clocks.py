# The return-visit 回访 and investigation 调查 clocks. Existing cases get no due time:
# a clock starts only at its event (answer, acceptance) after this migration — adding a clock
# never moves or invents a deadline on an open case.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_queue_sort_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='investigated_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='investigation recorded at'),
        ),
        migrations.AddField(
            model_name='case',
            name='investigation_due',
            field=models.DateTimeField(blank=True, null=True, verbose_name='investigation due'),
        ),
        migrations.AddField(
            model_name='case',
            name='return_visit_due',
            field=models.DateTimeField(blank=True, null=True, verbose_name='return visit due'),
        ),
        migrations.AddField(
            model_name='case',
            name='return_visited_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='return visit at'),
        ),
    ]
