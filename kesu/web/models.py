"""The workspace's own data: a user's saved queue filters (我的筛选). Written only by
`kesu.web.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_NAME = 40
MAX_QUERY = 2000


class SavedFilter(models.Model):
    """A named queue query string (filters and sort, never a page cursor), private to its
    owner. Reading it back goes through the queue, so visibility is applied as for any URL."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_filters",
    )
    name = models.CharField(_("name"), max_length=MAX_NAME)
    query = models.CharField(_("query"), max_length=MAX_QUERY, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_filter_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name
