from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """A count or a short-lived value every worker shares, alive until `expires_at`: the
    portal's rate-limit windows, wrong-code tries, tracking locks and one-time codes (hashed).

    Rows, not a cache: a cache may cull entries to make room or stretch an entry's timeout when
    it is incremented, and a limit or a lock must last exactly as long as it says. Expired rows
    are ignored at once and deleted by the deadline sweep (`services.purge_counters`)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    count = models.IntegerField(_("count"), default=0)
    value = models.CharField(_("value"), max_length=128, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return self.name
