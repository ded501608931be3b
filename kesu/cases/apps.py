from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "kesu.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from kesu.cases.history_guard import reinstall_after_migrate  # noqa: PLC0415

        # Once per `migrate` (and after `flush`): put the history guard back if a migration
        # rebuilt the table (SQLite drops a table's triggers with it).
        post_migrate.connect(reinstall_after_migrate, sender=self, dispatch_uid="history_guard")
