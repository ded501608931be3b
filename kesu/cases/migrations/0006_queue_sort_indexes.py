"""The queue's "next deadline first" sort reads (next_due, id) in index order, ties included
(many clocks end at the same 23:59:59). It replaces the index on next_due alone, which every
query that used it (overdue filters, the sweep's due lists) still finds as its prefix."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_follows"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["next_due", "id"], name="cases_case_next_du_f11e2f_idx"),
        ),
        migrations.RemoveIndex(
            model_name="case",
            name="cases_case_next_du_8fbcd4_idx",
        ),
    ]
