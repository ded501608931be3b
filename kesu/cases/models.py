"""Cases, their append-only history, evidence attachments and the reference data they use."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kesu.core.clock import local
from kesu.core.labels import choices
from kesu.domain.clocks import CaseClocks, ClockName, ClockState, Events, PauseReason
from kesu.domain.responsibility import MAX_PARTY_NAME, PartyKind
from kesu.domain.vocabulary import CaseKind, Channel, Severity, State, TimeUnit


def normalise_phone(value: str) -> str:
    """Phone numbers are stored and searched without spaces, dashes or brackets."""
    return "".join(ch for ch in value if ch not in " -()\u3000").strip()


class BilingualName(models.Model):
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = get_language() or "zh-hans"
        return self.name_en if language.startswith("en") and self.name_en else self.name_zh


class Category(BilingualName):
    """A node of the configurable category tree (seed presets loadable: `load_presets`)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("path",)


class DeclineReason(BilingualName):
    """Why a complaint is not accepted 不予受理 (configurable list, seed presets)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    customer_text_zh = models.TextField(
        _("what the customer is told (Chinese)"),
        blank=True,
        help_text=_(
            "The reason in plain, polite words, sent to the customer by SMS and e-mail when a "
            "complaint is declined for it. Empty: the name is sent."
        ),
    )
    customer_text_en = models.TextField(_("what the customer is told (English)"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("decline reason")
        verbose_name_plural = _("decline reasons")
        ordering = ("sort_order", "code")

    def customer_text(self, language: str) -> str:
        """What a declined customer is told in `language` ("zh-hans" or "en"); without such a
        text, the reason's name (in English, else in Chinese)."""
        chinese = self.customer_text_zh.strip() or self.name_zh
        if language.startswith("en"):
            return self.customer_text_en.strip() or self.name_en or chinese
        return chinese


class CaseSequence(models.Model):
    """The last sequence number given out in a registration year. Incremented under a row lock
    in the registering transaction, so numbers are unique and a rolled-back registration
    leaves no gap."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=choices(CaseKind), default=CaseKind.COMPLAINT
    )
    state = models.CharField(
        _("state"), max_length=24, choices=choices(State), default=State.REGISTERED
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=choices(Severity), default=Severity.GENERAL
    )
    major_criteria = models.JSONField(_("major criteria"), default=list, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=choices(Channel))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT
    )
    received_at = models.DateTimeField(_("received at"))
    registered_at = models.DateTimeField(_("registered at"))
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receiver"),
        on_delete=models.PROTECT,
        related_name="received_cases",
    )

    # Complainant 投诉人 (may differ from the insured / buyer: relation recorded).
    complainant_name = models.CharField(_("complainant"), max_length=60)
    complainant_phone = models.CharField(_("phone"), max_length=30, blank=True, db_index=True)
    # The number written backwards: a search by its last digits (what a caller reads out) is a
    # prefix scan of this index instead of a scan of the whole table.
    complainant_phone_reversed = models.CharField(
        max_length=30, blank=True, db_index=True, editable=False
    )
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_address = models.CharField(_("address"), max_length=200, blank=True)
    complainant_employer = models.CharField(_("employer"), max_length=100, blank=True)
    complainant_id_number = models.CharField(_("ID number"), max_length=30, blank=True)
    complainant_relation = models.CharField(
        _("relation to insured / buyer"), max_length=40, blank=True
    )
    complainant_count = models.PositiveIntegerField(_("number of complainants"), default=1)

    # What it concerns.
    subject_product = models.CharField(_("product / service"), max_length=200, blank=True)
    subject_order_number = models.CharField(
        _("order / policy number"), max_length=60, blank=True, db_index=True
    )
    subject_amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    subject_purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    # When the matter complained of happened (R-05 screening: the regulator's time bars count
    # from it, e.g. MIIT's five months for a fee dispute).
    event_date = models.DateField(_("event date"), null=True, blank=True)
    facts = models.TextField(_("facts"))
    demand = models.TextField(_("customer's demand"), blank=True)

    # Handling.
    assigned_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
    )
    decline_reason = models.ForeignKey(
        DeclineReason,
        verbose_name=_("decline reason"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    plan = models.TextField(_("handling plan"), blank=True)
    plan_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("plan submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan_method = models.CharField(_("handling method"), max_length=30, blank=True)
    plan_amount = models.DecimalField(
        _("amount in plan"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The approval matrix's answer for the submitted plan: what is approved, the share
    # of premiums it gives, the role that must approve and the rule that said so (both
    # languages). Empty role = no table in force, any approver (the behaviour before R-12).
    plan_approval_action = models.CharField(_("approval for"), max_length=30, blank=True)
    plan_premium_share = models.DecimalField(
        _("share of premiums"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    plan_approver_role = models.CharField(
        _("approver"), max_length=30, blank=True, db_index=True
    )
    plan_approval_rule_id = models.PositiveIntegerField(_("approval rule"), null=True, blank=True)
    plan_approval_rule_zh = models.CharField(_("approval rule"), max_length=400, blank=True)
    plan_approval_rule_en = models.CharField(
        _("approval rule (English)"), max_length=400, blank=True
    )
    answer = models.TextField(_("answer to the customer"), blank=True)
    # The handling result recorded with the answer; the split is `responsibility_shares`.
    result_method = models.CharField(_("handling method (result)"), max_length=30, blank=True)
    result_amount = models.DecimalField(
        _("amount (result)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    loss_amount = models.DecimalField(
        _("loss amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    # Clocks (computed by the deadline engine from `policy`, stored for index scans).
    policy = models.ForeignKey(
        "deadlines.DeadlinePolicy",
        verbose_name=_("deadline policy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    acceptance_due = models.DateTimeField(_("acceptance due"), null=True, blank=True)
    first_contact_due = models.DateTimeField(_("first contact due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    investigation_due = models.DateTimeField(_("investigation due"), null=True, blank=True)
    return_visit_due = models.DateTimeField(_("return visit due"), null=True, blank=True)
    resolution_unit = models.CharField(
        _("resolution clock unit"), max_length=20, choices=choices(TimeUnit), blank=True
    )
    due_provisional = models.BooleanField(_("due times provisional"), default=False)
    next_due = models.DateTimeField(
        _("next due"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The earliest running clock; empty when closed or paused."),
    )
    next_alert_at = models.DateTimeField(
        _("next alert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the deadline sweep next has a warning or escalation for this case."),
    )
    resolution_started_at = models.DateTimeField(
        _("resolution clock started"), null=True, blank=True
    )
    #: When each clock started, the resolution's extension cap and how many extensions it had
    #: (read and written only by `clocks()` and `apply()`).
    clock_record = models.JSONField(_("clock record"), default=dict, blank=True, editable=False)
    hastened_count = models.PositiveIntegerField(_("times hastened"), default=0)
    last_hastened_at = models.DateTimeField(_("last hastened"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact at"), null=True, blank=True)
    last_contact_at = models.DateTimeField(_("last contact at"), null=True, blank=True)
    investigated_at = models.DateTimeField(_("investigation recorded at"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("first assigned at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    delivered_at = models.DateTimeField(
        _("delivered at"),
        null=True,
        blank=True,
        help_text=_("When the repaired or replaced product was handed back to the customer."),
    )
    return_visited_at = models.DateTimeField(_("return visit at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    clock_paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    clock_pause_reason = models.CharField(_("pause reason"), max_length=30, blank=True)
    provisional_until = models.DateTimeField(_("provisional closure ends"), null=True, blank=True)

    # A customer unhappy with a closed case opens a new case that follows it.
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        db_index=False,  # a partial index below: almost every case follows none
    )
    follow_reason = models.TextField(_("reason for following up"), blank=True)

    # The privacy notice the customer agreed to when complaining through the portal.
    privacy_consent_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )
    privacy_consent_at = models.DateTimeField(_("privacy notice agreed at"), null=True, blank=True)

    idempotency_key = models.CharField(max_length=100, blank=True, default="")
    request_fingerprint = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Retention (issue 20 part 5): a legal hold stops the masking of personal data; the time the
    # personal data was masked in place once the retention period after closure had passed.
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    personal_data_masked_at = models.DateTimeField(
        _("personal data masked at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["state", "received_at"]),
            models.Index(fields=["assigned_department", "state"]),
            models.Index(fields=["handler", "state"]),
            models.Index(fields=["category", "received_at"]),
            models.Index(fields=["severity", "received_at"]),
            models.Index(fields=["resolution_due"]),
            # (next_due, id): the queue's "next deadline first" sort reads it in order, ties too.
            models.Index(fields=["next_due", "id"]),
            models.Index(fields=["next_alert_at"]),
            models.Index(fields=["received_at", "id"]),
            # A repeated submission is looked for among the receiver's last ten minutes at every
            # registration (issue 18 part 5: without it, every case the receiver ever registered).
            models.Index(fields=["receiver", "registered_at"], name="case_receiver_registered"),
            # Only the few follow-ups are indexed; SQLite's planner ignores a full index whose
            # keys are nearly all empty and scans the table instead.
            models.Index(
                fields=["follows"], condition=models.Q(follows__isnull=False), name="case_follows"
            ),
            # A repeated submission without an Idempotency-Key is found by its fingerprint (the
            # portal's and the API's double taps): one row, not a scan of the receiver's cases.
            models.Index(fields=["request_fingerprint"], name="case_request_fingerprint"),
            # The retention job's batches: closed cases whose personal data is still in place.
            models.Index(
                fields=["closed_at"],
                condition=models.Q(personal_data_masked_at__isnull=True),
                name="case_retention_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["receiver", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="idempotency_key_once_per_receiver",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state not in {State.DECLINED, State.CLOSED, State.WITHDRAWN}

    def event_times(self) -> Events:
        """When the events a clock may count from happened."""
        return Events(
            receipt=local(self.received_at),
            registration=local(self.registered_at),
            acceptance=_local(self.accepted_at),
            assignment=_local(self.assigned_at),
            answer=_local(self.answered_at),
            delivery=_local(self.delivered_at),
        )

    def clocks(self) -> CaseClocks:
        """The case's clocks as a domain value (with `apply`, the only code that knows the
        clock columns)."""
        record = self.clock_record or {}
        started = {name: _moment(value) for name, value in record.get("started", {}).items()}
        fallback = {
            ClockName.ACCEPTANCE: self.received_at,
            ClockName.FIRST_CONTACT: self.accepted_at,
            ClockName.INVESTIGATION: self.accepted_at,
            ClockName.RESOLUTION: self.resolution_started_at or self.accepted_at,
            ClockName.RETURN_VISIT: self.answered_at,
        }
        states = {}
        for name, (due_field, stop_field) in CLOCK_COLUMNS.items():
            due = getattr(self, due_field)
            states[name] = ClockState(
                started=started.get(name.value) or _local(fallback[name] if due else None),
                due=_local(due),
                stopped=_local(getattr(self, stop_field)),
                limit=_moment(record.get("limit")) if name is ClockName.RESOLUTION else None,
            )
        return CaseClocks(
            states=states,
            paused_at=_local(self.clock_paused_at),
            pause_reason=PauseReason(self.clock_pause_reason) if self.clock_pause_reason else None,
            extensions=int(record.get("extensions", 0)),
            resolution_unit=TimeUnit(self.resolution_unit) if self.resolution_unit else None,
            provisional=self.due_provisional,
            external_due=_moment(record.get("external_due")),
        )

    def apply(self, clocks: CaseClocks) -> None:
        """Store `clocks` on the case (not saved: the service saves)."""
        for name, (due_field, stop_field) in CLOCK_COLUMNS.items():
            state = clocks[name]
            setattr(self, due_field, state.due)
            setattr(self, stop_field, state.stopped)
        resolution = clocks[ClockName.RESOLUTION]
        self.resolution_started_at = resolution.started
        self.resolution_unit = clocks.resolution_unit or ""
        self.clock_paused_at = clocks.paused_at
        self.clock_pause_reason = clocks.pause_reason or ""
        self.due_provisional = clocks.provisional
        self.clock_record = {
            "started": {
                name.value: state.started.isoformat()
                for name, state in clocks.states.items()
                if state.started is not None and state.due is not None
            },
            "limit": resolution.limit.isoformat() if resolution.limit else None,
            "extensions": clocks.extensions,
        }
        if clocks.external_due is not None:  # a regulator's reply-due date (kesu/imports)
            self.clock_record["external_due"] = clocks.external_due.isoformat()


#: Each clock's due-time column and the column of the event that stops it.
CLOCK_COLUMNS: dict[ClockName, tuple[str, str]] = {
    ClockName.ACCEPTANCE: ("acceptance_due", "accepted_at"),
    ClockName.FIRST_CONTACT: ("first_contact_due", "first_contact_at"),
    ClockName.INVESTIGATION: ("investigation_due", "investigated_at"),
    ClockName.RESOLUTION: ("resolution_due", "answered_at"),
    ClockName.RETURN_VISIT: ("return_visit_due", "return_visited_at"),
}


def _moment(value: str | None) -> datetime | None:
    return local(datetime.fromisoformat(value)) if value else None


def _local(moment: datetime | None) -> datetime | None:
    return local(moment) if moment is not None else None


class Attachment(models.Model):
    """Evidence 证据: purchase proof, photos, recordings. Stored once; checksum recorded."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["case", "sha256"], name="attachment_once_per_case")
        ]

    def __str__(self) -> str:
        return self.original_name


class HistoryAnchor(models.Model):
    """The daily anchor over all cases (issue 20 part 4): SHA-256 over the digests of every
    history row of one local day, chained over the previous day's anchor. Deleting a case's
    last rows (which no later row of its chain would betray) changes the anchor of their day."""

    day = models.DateField(_("day"), unique=True)
    events = models.PositiveIntegerField(_("history rows"))
    digest = models.CharField(_("digest"), max_length=64)
    previous = models.CharField(_("previous anchor"), max_length=64, blank=True)
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("history anchor")
        verbose_name_plural = _("history anchors")
        ordering = ("day",)

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:12]}"


class HistoryCheck(models.Model):
    """The result of one run of `verify_history`, for the settings pages."""

    ran_at = models.DateTimeField(_("checked at"))
    ok = models.BooleanField(_("intact"))
    cases = models.PositiveIntegerField(_("cases"))
    events = models.PositiveIntegerField(_("history rows"))
    anchors = models.PositiveIntegerField(_("anchors"))
    broken = models.JSONField(_("broken cases"), default=dict, blank=True)
    broken_anchors = models.JSONField(_("broken anchors"), default=list, blank=True)

    class Meta:
        verbose_name = _("history check")
        verbose_name_plural = _("history checks")
        ordering = ("-ran_at", "-id")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'broken'}"


class AccessRecord(models.Model):
    """A read of personal data on record (issue 20 part 3): who opened what of which case,
    when, and why where asked. Append-only like the history (kesu/cases/history_guard.py)."""

    VIEW = "view"
    DOWNLOAD = "download"
    PRINT = "print"
    EXPORT = "export"
    UNSEAL = "unseal"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"))
    what = models.CharField(_("what"), max_length=20)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    why = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        indexes = [models.Index(fields=["case", "at"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.what}"


class RetentionPolicy(models.Model):
    """How long personal data of a closed case is kept (one row; no row or 0: kept for ever)."""

    months = models.PositiveIntegerField(_("retention period (months after closure)"), default=0)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return f"{self.months}"


class RetentionRun(models.Model):
    """The report of one run of `apply_retention`: what was masked, what a legal hold kept."""

    ran_at = models.DateTimeField(_("ran at"))
    months = models.PositiveIntegerField(_("retention period (months after closure)"))
    masked = models.JSONField(_("masked cases"), default=list, blank=True)
    held = models.JSONField(_("cases under legal hold"), default=list, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ("-ran_at", "-id")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d} {len(self.masked)}"


class AppendOnlyError(Exception):
    pass


class CaseEvent(models.Model):
    """One step on the record (R-25): who, when, what, before/after. Never updated or deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting_role = models.CharField(_("acting role"), max_length=30, blank=True)
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(_("from"), max_length=24, blank=True)
    to_state = models.CharField(_("to"), max_length=24, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The hash chain (issue 20 part 4, kesu/cases/chain.py): the row's place in its case's
    # history (1, 2, 3 …) and SHA-256 over its immutable fields and the previous row's digest.
    seq = models.PositiveIntegerField(_("position"), default=0)
    digest = models.CharField(_("digest"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ("at", "id")
        indexes = [models.Index(fields=["case", "at", "id"]), models.Index(fields=["at"])]
        constraints = [
            # Two writers can never fork a case's chain: the second one's row is refused.
            models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_once")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case history is append-only")


class ResponsibilityShare(models.Model):
    """One party's part of the responsibility for a case (R-17: e.g. factory 60 % / customer
    40 % of the repair cost, seed 002). Rows, not JSON, so statistics can sum them by party
    kind; written only with the answer, and the parts add up to 100 (`domain.responsibility`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="responsibility_shares")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    party_kind = models.CharField(_("party"), max_length=20, choices=choices(PartyKind))
    party_name = models.CharField(_("party name"), max_length=MAX_PARTY_NAME, blank=True)
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("responsibility share")
        verbose_name_plural = _("responsibility shares")
        ordering = ("case", "position", "id")
        indexes = [models.Index(fields=["party_kind", "case"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.party_kind} {self.percent}"
class CaseRating(models.Model):
    """The customer's marks for a case's handling (满意度), 1–5 for the result and for the way
    it was handled, with a comment. One per case and source (the portal, a return visit 回访,
    a survey link): the figures the statistics count. Written once, never changed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="ratings")
    source = models.CharField(_("source"), max_length=20)
    result = models.PositiveSmallIntegerField(_("result"))
    process = models.PositiveSmallIntegerField(_("handling"))
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["case", "source"], name="rating_once_per_source"),
            models.CheckConstraint(
                condition=models.Q(result__gte=1, result__lte=5, process__gte=1, process__lte=5),
                name="rating_marks_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.source} {self.result}/{self.process}"


#: Event actions that are not workflow transitions.
REGISTER = "register"
ATTACH = "attach"
ESCALATE = "escalate"
CUSTOMER_ADDITION = "customer_addition"
RATING = "rating"
LEGAL_HOLD = "legal_hold"
LEGAL_HOLD_LIFTED = "legal_hold_lifted"
CATEGORY_CHANGED = "category_changed"
RETENTION_MASK = "retention_mask"
