"""Several departments on one case (R-10, R-13). The lead department stays the case's
`assigned_department` (it owns the deadlines and the answer); each co-operating department has a
`CoHandlingTask` with its own assignee and clock; moving the lead to another department is a
`HandoverRequest` the receiver acknowledges."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.decisions.labels import handover_state_choices, task_state_choices


class CoHandlingTask(models.Model):
    """A request for an opinion, expertise or action from another department 协办 (seed 004
    第六条), answered on the 协办记录表 within the task's own clock."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="co_handling_tasks"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("assisting department"),
        on_delete=models.PROTECT,
        related_name="co_handling_tasks",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_handling_tasks",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    request = models.TextField(_("what is asked"))
    legal_opinion = models.BooleanField(_("legal opinion"), default=False)
    shared = models.ManyToManyField(
        "cases.Attachment", verbose_name=_("shared evidence"), blank=True, related_name="+"
    )
    state = models.CharField(_("state"), max_length=20, choices=task_state_choices())
    approver_role = models.CharField(_("approved by"), max_length=30, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    started_at = models.DateTimeField(_("clock started"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due time provisional"), default=False)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    #: Alert keys already raised (clock, kind, level, due), so a sweep run twice adds nothing.
    fired = models.JSONField(default=list, blank=True, editable=False)
    next_alert_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("co-handling task")
        verbose_name_plural = _("co-handling tasks")
        ordering = ("requested_at", "id")
        indexes = [
            models.Index(fields=["department", "state"]),
            models.Index(fields=["next_alert_at"]),
            models.Index(fields=["case", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id}"


class HandoverRequest(models.Model):
    """Handing the case to another department 转交 with the 转交处理联系单 (seed 002): until the
    receiver acknowledges, the sender still owns the case and its clocks."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="handover_requests"
    )
    from_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("from department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("to department"),
        on_delete=models.PROTECT,
        related_name="handovers_received",
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    state = models.CharField(_("state"), max_length=20, choices=handover_state_choices())
    approver_role = models.CharField(_("approved by"), max_length=30, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receiving handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("refused by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)

    class Meta:
        verbose_name = _("handover request")
        verbose_name_plural = _("handover requests")
        ordering = ("requested_at", "id")
        indexes = [models.Index(fields=["to_department", "state"])]
        constraints = [
            # One open handover per case at a time.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=["pending_approval", "pending"]),
                name="one_open_handover_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_department_id}"
