from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "kesu.deadlines"
    verbose_name = _("Calendar and deadlines")

    def ready(self) -> None:
        from kesu.deadlines import checks  # noqa: F401, PLC0415 — registers kesu.W001
