from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhistleblowingConfig(AppConfig):
    name = "kesu.whistleblowing"
    verbose_name = _("Whistleblowing")
