"""API tokens expire and die with a password change: tokens issued before this migration get 90
days from their creation and the stamp of their user's current password."""

from datetime import timedelta

from django.db import migrations, models
from django.utils.crypto import salted_hmac


def stamp_existing(apps, schema_editor):
    ApiToken = apps.get_model("org", "ApiToken")
    for token in ApiToken.objects.select_related("user"):
        token.expires_at = token.created_at + timedelta(days=90)
        # The same keyed hash as kesu.org.services.password_stamp, written out here so the
        # migration does not depend on code that may change.
        token.password_stamp = salted_hmac(
            "kesu.org.api-token", token.user.password, algorithm="sha256"
        ).hexdigest()
        token.save(update_fields=["expires_at", "password_stamp"])


class Migration(migrations.Migration):
    dependencies = [("org", "0002_perm_extra_roles")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.RunPython(stamp_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]
