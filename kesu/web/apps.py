from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "kesu.web"
    verbose_name = _("Staff workspace")

    def ready(self) -> None:
        # Import the template library (and the services it uses) now, in the thread that sets
        # Django up. Under `runserver`'s reloader two threads load template libraries at once
        # (the system checks and the template watcher); importing the services' package from
        # both at the same moment intermittently failed with KeyError: 'kesu.cases.services'.
        from kesu.web.templatetags import kesu_web  # noqa: F401, PLC0415
