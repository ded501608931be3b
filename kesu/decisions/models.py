"""Decisions around one case beyond its own workflow. Each feature keeps its models in its own
block below (co-handling/handover, deliberation, accountability)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kesu.cases.models import Attachment, Case
from kesu.core.labels import choices
from kesu.decisions.labels import handover_state_choices, task_state_choices
from kesu.domain.deliberation import Grounds, Status
from kesu.org.models import Department

# --- Accountability 责任追究 and rectification 整改 (R-23) ------------------------------------


class Sanction(models.TextChoices):
    """The 处分 a penalty tier carries besides its fine (seed 002)."""

    NONE = "", _("none")
    REPRIMAND = "reprimand", _("reprimand (申诫)")
    DEMERIT = "demerit", _("serious demerit (记大过)")
    DISMISSAL = "dismissal", _("dismissal (辞退或开除)")


class PenaltyTier(models.Model):
    """One entry of the penalty catalogue (seed 002's tiers, loaded by `load_presets`, edited on
    the settings pages). A fixed fine has `fine_min == fine_max`; a range lets the proposer set
    the amount inside it; no fine, no amount."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    fine_min = models.DecimalField(
        _("lowest fine"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        _("highest fine"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    performance_points = models.PositiveSmallIntegerField(
        _("performance points deducted"), null=True, blank=True
    )
    forfeits_performance_pay = models.BooleanField(
        _("month's performance pay forfeited"), default=False
    )
    company_notice = models.BooleanField(_("notice to the whole company"), default=False)
    sanction = models.CharField(
        _("sanction"), max_length=20, choices=Sanction.choices, blank=True, default=""
    )
    legal_referral = models.BooleanField(_("legal liability, judicial referral"), default=False)
    circumstances = models.TextField(_("circumstances"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    rectification_days = models.PositiveSmallIntegerField(_("working days to rectify"), default=5)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("penalty tier")
        verbose_name_plural = _("penalty catalogue")
        ordering = ("sort_order", "code")

    def __str__(self) -> str:
        return self.name_zh


class FindingState(models.TextChoices):
    PROPOSED = "proposed", _("penalty proposed")
    APPROVED = "approved", _("upheld")
    REJECTED = "rejected", _("not upheld")


class Finding(models.Model):
    """责任认定 on a case (seed 000 六): the responsible department and person with the evidence,
    and the proposed penalty from the catalogue, approved by the routed role. Seen only by the
    roles holding SEE_ACCOUNTABILITY."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="accountability_findings")
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person_name = models.CharField(_("responsible person (not a user)"), max_length=60, blank=True)
    subject_is_manager = models.BooleanField(_("the person is a manager"), default=False)
    grounds = models.TextField(_("grounds"))
    evidence = models.ManyToManyField(Attachment, verbose_name=_("evidence"), blank=True)
    tier = models.ForeignKey(
        PenaltyTier, verbose_name=_("penalty"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("fine"), max_digits=10, decimal_places=2, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=FindingState.choices, default=FindingState.PROPOSED
    )
    approver_role = models.CharField(_("approved by role"), max_length=30)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("accountability finding")
        verbose_name_plural = _("accountability findings")
        ordering = ("-proposed_at", "-id")
        indexes = [models.Index(fields=["state", "decided_at"], name="finding_state_decided")]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"

    @property
    def subject(self) -> str:
        """The responsible person as people read it."""
        return str(self.person) if self.person_id else self.person_name


class RectificationState(models.TextChoices):
    ISSUED = "issued", _("notice issued")
    REPORTED = "reported", _("report submitted")
    RETURNED = "returned", _("returned to the department")
    VERIFIED = "verified", _("verified")


class Rectification(models.Model):
    """整改通知书 → 整改报告 → 验证 (seed 004 第七、八条; CAPA), on its own clock: due `days`
    working days after issue (and again after each return). Carries no penalty: the responsible
    department's head reads and answers it."""

    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="rectification")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rectifications")
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requirement = models.TextField(_("what must be rectified"))
    days = models.PositiveSmallIntegerField(_("working days to rectify"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RectificationState.choices,
        default=RectificationState.ISSUED,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    report = models.TextField(_("what was done"), blank=True)
    report_evidence = models.TextField(_("evidence of the rectification"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    return_reason = models.TextField(_("why it was returned"), blank=True)
    returns = models.PositiveSmallIntegerField(_("times returned"), default=0)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ("due_at", "id")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"

    @property
    def is_open(self) -> bool:
        """With the department (issued or returned): the clock runs."""
        return self.state in (RectificationState.ISSUED, RectificationState.RETURNED)


# --- end of accountability --------------------------------------------------------------------

# --- Deliberation 合议 (R-14, seed 004 第七条) ---------------------------------------------------
#: Column limits; the forms (and any API) use the same numbers.
MAX_PLACE = 200
MAX_TEXT = 10000


class Deliberation(models.Model):
    """One deliberation of a case: asked for (or convened for a major case), scheduled and
    chaired by the supervisor, with its participants' confirmed opinions and the decision. Kept
    for good: the deliberation archive 合议档案 is these rows."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deliberations")
    status = models.CharField(_("status"), max_length=20, choices=choices(Status))
    grounds = models.CharField(_("grounds"), max_length=20, choices=choices(Grounds))
    reason = models.TextField(_("why a deliberation"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("asked by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("asked at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("request answered by"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("request answered at"), null=True, blank=True)
    answer_note = models.TextField(_("answer to the request"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("chair"),
    )  # fmt: skip
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=MAX_PLACE, blank=True)
    evidence = models.ManyToManyField(
        "cases.Attachment", related_name="deliberations", blank=True,
        verbose_name=_("evidence bundle"),
    )  # fmt: skip
    minutes = models.TextField(_("minutes"), blank=True)
    preliminary = models.TextField(_("preliminary leaning"), blank=True)
    preliminary_at = models.DateTimeField(_("leaning recorded at"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    due_at = models.DateTimeField(_("final decision due"), null=True, blank=True, db_index=True)
    late_reported_at = models.DateTimeField(_("lateness reported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deliberation")
        verbose_name_plural = _("deliberations")
        ordering = ("-requested_at", "-id")
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.pk}"


class DeliberationSeat(models.Model):
    """A participant 与会人员 and their own opinion; `confirmed_at` is their signature, set
    only by themselves."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.PROTECT, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deliberation_seats"
    )
    opinion = models.TextField(_("opinion"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "user"], name="one_seat_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.deliberation_id}: {self.user_id}"


# --- end of deliberation ------------------------------------------------------------------------


# --- Several departments on one case (R-10, R-13) ----------------------------------------------
# The lead department stays the case's `assigned_department` (it owns the deadlines and the
# answer); each co-operating department has a `CoHandlingTask` with its own assignee and clock;
# moving the lead to another department is a `HandoverRequest` the receiver acknowledges.


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


# --- end of several departments ----------------------------------------------------------------
