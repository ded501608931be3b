"""What arrival remembers: batches 批量 and group complaints 群诉 (a `CaseGroup` and its
members), the links merging and splitting leave between cases, and the receipts that make an
arrival idempotent when it hastened an open case instead of registering one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseGroup(models.Model):
    """Cases about one issue that arrived within the window: proposed as a batch 批量 for a
    supervisor to confirm or dismiss; a group complaint 群诉 once five or more distinct
    complainants are in it (confirmed at once, every member major)."""

    BATCH = "batch"
    GROUP = "group"
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"

    kind = models.CharField(
        _("kind"), max_length=10, choices=[(BATCH, _("batch")), (GROUP, _("group complaint"))]
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=[
            (PROPOSED, _("proposed")),
            (CONFIRMED, _("confirmed")),
            (DISMISSED, _("dismissed")),
        ],
        default=PROPOSED,
    )
    #: What the members share (the product, order or address), as the first case named it.
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    last_added_at = models.DateTimeField(_("last case added at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    #: When the people who must know of a group complaint were told.
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case group")
        verbose_name_plural = _("case groups")
        indexes = [models.Index(fields=["status", "last_added_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class CaseGroupMember(models.Model):
    group = models.ForeignKey(CaseGroup, on_delete=models.CASCADE, related_name="members")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    #: How close its facts were to the case that brought it in (0–100).
    score = models.PositiveSmallIntegerField(_("similarity"), default=100)
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "case"], name="intake_member_once")]
        indexes = [models.Index(fields=["case"])]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.case_id}"


class CaseLink(models.Model):
    """A case merged into another (`source` closed as merged, `target` continues) or split off
    (`source` the original, `target` the new case)."""

    MERGED = "merged"
    SPLIT = "split"

    kind = models.CharField(
        _("kind"), max_length=10, choices=[(MERGED, _("merged into")), (SPLIT, _("split into"))]
    )
    source = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            # A case is merged away once.
            models.UniqueConstraint(
                fields=["source"], condition=models.Q(kind="merged"), name="intake_merged_once"
            )
        ]
        indexes = [models.Index(fields=["target", "kind"]), models.Index(fields=["source", "kind"])]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class ArrivalReceipt(models.Model):
    """One arrival that hastened an open case: the same submission again (its key or its
    fingerprint) answers with that case instead of hastening it twice."""

    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    key = models.CharField(max_length=100)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["receiver", "key"], name="intake_receipt_once")
        ]

    def __str__(self) -> str:
        return self.key
