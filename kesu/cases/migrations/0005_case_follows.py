# A new case may follow a closed one: the link and the customer's reason.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_alerts_and_hastening'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='follow_reason',
            field=models.TextField(blank=True, verbose_name='reason for following up'),
        ),
        migrations.AddField(
            model_name='case',
            name='follows',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='followed_by', to='cases.case', verbose_name='follows case', db_index=False),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('follows__isnull', False)), fields=['follows'], name='case_follows'),
        ),
    ]
