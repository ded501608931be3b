"""Typed request and response bodies of the API (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict, WithJsonSchema, model_validator

from kesu.cases.services import limits
from kesu.cases.services.limits import TEXT_LIMITS
from kesu.cases.services.transitions import CONTACT_METHODS, HANDLING_METHOD_CODES
from kesu.deadlines.services import FIRST_YEAR, LAST_YEAR
from kesu.domain.approvals import ApprovalAction
from kesu.domain.presets.terms import RELATIONS
from kesu.domain.responsibility import MAX_PARTY_NAME, MAX_SHARES, PartyKind
from kesu.domain.vocabulary import Action, CaseKind, Channel, Severity, State, TimeUnit

Text = Annotated[str, Field(max_length=200)]
Phone = Annotated[
    str, Field(max_length=TEXT_LIMITS["complainant_phone"], pattern=limits.PHONE_PATTERN)
]
#: An amount in yuan: a JSON number or a decimal string, at most 12 digits before the point and
#: 2 after. The schema states the plain forms; the server also takes other spellings of them.
MONEY_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
Money = Annotated[
    Decimal,
    Field(ge=0, max_digits=limits.AMOUNT_DIGITS, decimal_places=limits.AMOUNT_PLACES),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 999_999_999_999},
                {"type": "string", "pattern": MONEY_PATTERN},
            ],
            "description": 'Yuan, e.g. 3299 or "3299.00" (at most 2 decimal places).',
        }
    ),
]
#: Unknown keys beyond this are not examined one by one: a body with thousands of them is
#: refused with one error instead of one per key (security review 2026-12-01, finding 3).
MAX_FIELDS = 100


def _limited(name: str) -> Any:
    """A text field as long as the registration rule (and so the column) allows."""
    return Field(max_length=TEXT_LIMITS[name])


def codes(*values: str, description: str) -> dict[str, Any]:
    """The JSON schema of a coded text field: one of `values`, or empty (not given)."""
    return {"type": "string", "enum": ["", *values], "default": "", "description": description}


def _no_nul(value: Any) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(_("Text may not contain NUL characters."))
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    elif isinstance(value, list):
        for item in value:
            _no_nul(item)


def _plausible_year(value: datetime) -> datetime:
    # Checked on the year as written, before any time-zone arithmetic that could overflow.
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(_("The year must be between 2000 and 2099."))
    return value


class Strict(Schema):
    """Request bodies: unknown fields refused, no NUL characters anywhere (PostgreSQL cannot
    store them)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _reject_nul(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) > MAX_FIELDS:
            raise ValueError(_("Too many fields: at most %(n)s.") % {"n": MAX_FIELDS})
        _no_nul(data)
        return data


# JSON Schema cannot bound a date; a pattern on the year states the 2000–2099 range instead.
Moment = Annotated[
    AwareDatetime,
    AfterValidator(_plausible_year),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[^Z+-]*(Z|[+-][0-9]{2}:[0-9]{2})$",
            "description": "With its offset, e.g. 2026-11-24T09:30:00+08:00; year 2000–2099.",
        }
    ),
]
Day = Annotated[
    date,
    Field(ge=date(FIRST_YEAR, 1, 1), le=date(LAST_YEAR, 12, 31)),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$",
            "description": "YYYY-MM-DD, from 2000-01-01 to 2099-12-31.",
        }
    ),
]


class Error(Schema):
    code: str
    message: str
    details: list[dict[str, str | None]] = []


class CaseIn(Strict):
    """A new case as the receiver records it (R-03)."""

    complainant_name: Annotated[str, Field(min_length=1), _limited("complainant_name")]
    facts: Annotated[str, Field(min_length=1), _limited("facts")]
    channel: Channel
    kind: CaseKind = CaseKind.COMPLAINT
    severity: Severity = Severity.GENERAL
    category: Annotated[str | None, Field(max_length=60)] = None
    received_at: Moment | None = None
    complainant_phone: Phone = ""
    complainant_email: Annotated[
        str, _limited("complainant_email"), Field(pattern=limits.EMAIL_PATTERN)
    ] = ""
    complainant_address: Annotated[str, _limited("complainant_address")] = ""
    complainant_employer: Annotated[str, _limited("complainant_employer")] = ""
    complainant_id_number: Annotated[
        str, _limited("complainant_id_number"), Field(pattern=limits.ID_NUMBER_PATTERN)
    ] = ""
    complainant_relation: Annotated[
        str,
        _limited("complainant_relation"),
        WithJsonSchema(
            codes(*(t.code for t in RELATIONS), description="See /vocabularies → relations.")
        ),
    ] = ""
    complainant_count: Annotated[int, Field(ge=1, le=limits.COMPLAINANT_COUNT_MAX)] = 1
    subject_product: Annotated[str, _limited("subject_product")] = ""
    subject_order_number: Annotated[str, _limited("subject_order_number")] = ""
    subject_amount: Money | None = None
    subject_purchase_date: (
        Annotated[
            date,
            Field(ge=limits.EARLIEST_PURCHASE),
            WithJsonSchema(
                {
                    "type": "string",
                    "format": "date",
                    "pattern": r"^(19[5-9][0-9]|20[0-9]{2})-[0-9]{2}-[0-9]{2}$",
                    "description": "YYYY-MM-DD, from 1950-01-01, not in the future.",
                }
            ),
        ]
        | None
    ) = None
    event_date: (
        Annotated[
            date,
            Field(ge=limits.EARLIEST_PURCHASE),
            WithJsonSchema(
                {
                    "type": "string",
                    "format": "date",
                    "pattern": r"^(19[5-9][0-9]|20[0-9]{2})-[0-9]{2}-[0-9]{2}$",
                    "description": "When the matter happened (YYYY-MM-DD, from 1950-01-01, not "
                    "in the future): the regulator's time bars count from it.",
                }
            ),
        ]
        | None
    ) = None
    demand: Annotated[str, _limited("demand")] = ""
    major_criteria: Annotated[
        list[Annotated[str, Field(max_length=60)]], Field(max_length=limits.MAJOR_CRITERIA_MAX)
    ] = []
    follows: Annotated[str, _limited("follows_number")] = Field(
        "", description="Number of a closed case this one follows up (R-06); needs follow_reason."
    )
    follow_reason: Annotated[str, _limited("follow_reason")] = ""


class NamedRef(Schema):
    code: str
    name: str


class PersonRef(Schema):
    username: str
    name: str


class Complainant(Schema):
    name: str
    phone: str
    email: str
    address: str
    employer: str
    id_number: str
    relation: str
    count: int
    masked: bool


class Subject(Schema):
    product: str
    order_number: str
    amount: Decimal | None
    purchase_date: date | None


class DueTimes(Schema):
    acceptance: datetime | None
    first_contact: datetime | None
    investigation: datetime | None = None
    resolution: datetime | None
    return_visit: datetime | None = Field(
        None, description="When the customer must be re-contacted after the answer (回访)."
    )
    provisional: bool = Field(description="A due time lies in a year without a published calendar.")
    overdue: list[str] = Field(
        description="Clocks that have run out: acceptance, first_contact, investigation, "
        "resolution, return_visit."
    )
    clock_paused_since: datetime | None
    pause_reason: str


class ScreeningOut(Schema):
    reason: NamedRef = Field(description="The decline reason the case may meet.")
    fact: str = Field(description="event_too_old, words, earlier_case_closed or earlier_case_open.")
    facts: str = Field(description="The facts that triggered it, in the caller's language.")


class AllowedAction(Schema):
    action: Action
    label: str


class CaseSummary(Schema):
    number: str
    kind: CaseKind
    state: State
    state_label: str
    severity: Severity
    channel: Channel
    category: NamedRef | None
    received_at: datetime
    complainant: Complainant
    department: NamedRef | None
    handler: PersonRef | None
    due: DueTimes


class CaseOut(CaseSummary):
    kind_label: str
    severity_label: str
    registered_at: datetime
    receiver: PersonRef
    subject: Subject
    facts: str
    demand: str
    major_criteria: list[str]
    decline_reason: NamedRef | None
    plan: str
    plan_method: str
    plan_amount: Decimal | None
    plan_approver_role: str = Field(
        "", description="Role code that must approve the submitted plan ('' = any approver)."
    )
    plan_approval_rule: str = Field("", description="The approval-matrix rule that matched.")
    answer: str
    result_method: str = Field(description="How the case was resolved (a handling method).")
    result_amount: Decimal | None = Field(description="Money paid or refunded, in yuan.")
    loss_amount: Decimal | None = Field(description="The loss the case caused, in yuan.")
    responsibility: list[ShareOut] = Field(
        description="The split of responsibility given with the answer; the parts add up to 100."
    )
    policy: NamedRef | None
    accepted_at: datetime | None
    first_contact_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    provisional_until: datetime | None
    allowed_actions: list[AllowedAction]
    follows: str | None = Field(None, description="Number of the closed case this one follows.")
    follow_reason: str = ""
    event_date: date | None = Field(None, description="When the matter complained of happened.")
    screening: list[ScreeningOut] = Field(
        [],
        description="While the case waits for its acceptance decision: decline reasons the "
        "active regulatory preset offers, with the facts behind each. Never applied by itself.",
    )


class ShareOut(Schema):
    kind: PartyKind = Field(description="our_company, supplier, customer or third_party.")
    name: str
    percent: Decimal


class CasePage(Schema):
    items: list[CaseSummary]
    next_cursor: str | None


class ShareIn(Strict):
    """One party's part of the responsibility (R-17)."""

    kind: PartyKind
    name: Annotated[str, Field(max_length=MAX_PARTY_NAME)] = ""
    percent: Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]


class TransitionIn(Strict):
    """One action on a case. `note` is the reason or record; other fields as the action needs."""

    action: Action
    note: Annotated[str, Field(max_length=4000)] = ""
    reason_code: Annotated[str, Field(max_length=60)] = ""
    department: Annotated[str, Field(max_length=40)] = ""
    handler: Annotated[str, Field(max_length=150)] = ""
    promised_days: Annotated[int, Field(ge=1, le=180)] | None = None
    method: Annotated[
        str,
        Field(max_length=30),
        WithJsonSchema(
            codes(
                *CONTACT_METHODS,
                *sorted(HANDLING_METHOD_CODES),
                description="log_contact: a contact method; submit_plan: a handling method "
                "(see /vocabularies).",
            )
        ),
    ] = ""
    plan: Annotated[str, Field(max_length=10000)] = ""
    amount: Money | None = None
    answer: Annotated[str, Field(max_length=10000)] = ""
    extension_amount: Annotated[int, Field(ge=1, le=60)] | None = None
    extension_unit: TimeUnit = TimeUnit.WORKING_DAYS
    result_method: Annotated[
        str,
        Field(max_length=30),
        WithJsonSchema(
            codes(*sorted(HANDLING_METHOD_CODES), description="answer: how it was resolved.")
        ),
    ] = ""
    result_amount: Money | None = None
    loss_amount: Money | None = None
    responsibility: Annotated[list[ShareIn], Field(max_length=MAX_SHARES)] = Field(
        default_factory=list,
        description="answer: who carries which part, e.g. supplier 60 and customer 40; the "
        "percentages must add up to exactly 100 (else 400 `responsibility_not_hundred`).",
    )
    approval_action: Annotated[
        str,
        Field(max_length=30),
        WithJsonSchema(
            codes(
                *(a.value for a in ApprovalAction),
                description="submit_plan: what the plan asks approval for (approval matrix; "
                "default plan).",
            )
        ),
    ] = ""
    premium_share: Annotated[Decimal, Field(ge=0, le=1, max_digits=5, decimal_places=4)] | None = (
        None
    )
    subject_is_manager: bool = False


class EventOut(Schema):
    at: datetime
    action: str
    action_label: str
    actor: PersonRef
    on_behalf_of: PersonRef | None
    acting_role: str
    from_state: str
    to_state: str
    changes: dict[str, list[object]]
    data: dict[str, object] = Field(description="The action's parameters, e.g. contact method.")
    note: str


class DueDateOut(Schema):
    start: date
    days: int
    unit: Literal["working", "calendar"]
    due: date
    provisional: bool = Field(
        description="True when the period touches a year with no published calendar."
    )
    rest_days_skipped: int
    explanation: str


class RoleGrantOut(Schema):
    role: str = Field(description="The role's code (see `/roles`).")
    label: str
    department: NamedRef | None = Field(description="The department the role is held over.")
    delegated_by: PersonRef | None = Field(
        description="Who lent the role by a running delegation; null for the user's own roles."
    )
    until: datetime | None = Field(description="When the delegation ends; null for own roles.")


class Me(Schema):
    username: str
    name: str
    role: str = Field(description="The primary role of the account.")
    roles: list[RoleGrantOut] = Field(
        description="Every role the user acts with now: their own (primary first), then those "
        "lent by running delegations."
    )
    department: NamedRef | None
    acting_for: list[PersonRef]


class ReportReceipt(Schema):
    """A whistleblowing report registered by someone who may not read it (issue 20): its
    number, and the key and password (shown once) the reporter follows up with."""

    number: str
    kind: CaseKind
    key: str
    password: str | None = Field(
        description="Shown once, when the report is registered; null on a repeat."
    )
