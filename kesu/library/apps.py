from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_search_index(using: str = "default", **_kwargs: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put them back after every
    `migrate` (idempotent; see kesu/library/fulltext.py)."""
    from kesu.library import fulltext  # noqa: PLC0415  (apps are not ready at import)

    connection = connections[using]
    if "cases_case" in connection.introspection.table_names():
        fulltext.install(connection)


class LibraryConfig(AppConfig):
    name = "kesu.library"
    verbose_name = _("Case library")

    def ready(self) -> None:
        post_migrate.connect(_install_search_index, sender=self, dispatch_uid="library-fts")
