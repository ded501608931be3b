"""The portal's counters, codes and locks move from a cache table to rows that last exactly as
long as they say (core.Counter); the old cache table goes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Counter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                ('count', models.IntegerField(default=0, verbose_name='count')),
                ('value', models.CharField(blank=True, max_length=128, verbose_name='value')),
                ('expires_at', models.DateTimeField(db_index=True, verbose_name='expires at')),
            ],
            options={
                'verbose_name': 'counter',
                'verbose_name_plural': 'counters',
            },
        ),
        migrations.RunSQL("DROP TABLE IF EXISTS kesu_portal_cache", migrations.RunSQL.noop),
    ]
