"""Open311 GeoReport v2: the clients' API keys and the requests they posted (each one a case)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Open311Key(models.Model):
    """An Open311 client's `api_key`. Only its SHA-256 is stored (`manage.py issue_open311_key
    NAME` shows the key once); a revoked key posts nothing more."""

    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key begins"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ServiceRequest(models.Model):
    """What an Open311 client posted beside the registration: where, from which device or
    account, the token it may ask for the request id with. The case holds the complaint."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="open311_request"
    )
    key = models.ForeignKey(Open311Key, on_delete=models.PROTECT, related_name="requests")
    token = models.CharField(max_length=40, unique=True)
    service_code = models.CharField(max_length=60)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.CharField(max_length=250, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    media_url = models.CharField(max_length=500, blank=True)
    #: SHA-256 of the key and the posted fields: the same post again inside the window is one case.
    fingerprint = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")

    def __str__(self) -> str:
        return self.token
