from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchivesConfig(AppConfig):
    name = "kesu.archives"
    verbose_name = _("Archives")

    def ready(self) -> None:
        from kesu.archives.services import archive_case  # noqa: PLC0415 (apps are loaded)
        from kesu.cases.signals import case_closed  # noqa: PLC0415

        case_closed.connect(archive_case, dispatch_uid="kesu.archives.archive_case")
