"""Typed request and response bodies of the API (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict, WithJsonSchema, model_validator

from kesu.cases.services.transitions import CONTACT_METHODS, HANDLING_METHOD_CODES
from kesu.deadlines.services import FIRST_YEAR, LAST_YEAR
from kesu.domain.presets.terms import RELATIONS
from kesu.domain.vocabulary import Action, CaseKind, Channel, Severity, State, TimeUnit

Text = Annotated[str, Field(max_length=200)]
Phone = Annotated[str, Field(max_length=30, pattern=r"^[0-9+\-() ]*$")]
#: An amount in yuan: a JSON number or a decimal string, at most 12 digits before the point and
#: 2 after. The schema states the plain forms; the server also takes other spellings of them.
MONEY_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
Money = Annotated[
    Decimal,
    Field(ge=0, max_digits=14, decimal_places=2),
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

    complainant_name: Annotated[str, Field(min_length=1, max_length=60)]
    facts: Annotated[str, Field(min_length=1, max_length=10000)]
    channel: Channel
    kind: CaseKind = CaseKind.COMPLAINT
    severity: Severity = Severity.GENERAL
    category: Annotated[str | None, Field(max_length=60)] = None
    received_at: Moment | None = None
    complainant_phone: Phone = ""
    complainant_email: Annotated[
        str, Field(max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    ] = ""
    complainant_address: Text = ""
    complainant_employer: Annotated[str, Field(max_length=100)] = ""
    complainant_id_number: Annotated[str, Field(max_length=30, pattern=r"^[0-9A-Za-z]*$")] = ""
    complainant_relation: Annotated[
        str,
        Field(max_length=30),
        WithJsonSchema(
            codes(*(t.code for t in RELATIONS), description="See /vocabularies → relations.")
        ),
    ] = ""
    complainant_count: Annotated[int, Field(ge=1, le=100000)] = 1
    subject_product: Text = ""
    subject_order_number: Annotated[str, Field(max_length=60)] = ""
    subject_amount: Money | None = None
    subject_purchase_date: (
        Annotated[
            date,
            Field(ge=date(1950, 1, 1)),
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
    demand: Annotated[str, Field(max_length=4000)] = ""
    major_criteria: Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=20)] = []
    follows: Annotated[str, Field(max_length=40)] = Field(
        "", description="Number of a closed case this one follows up (R-06); needs follow_reason."
    )
    follow_reason: Annotated[str, Field(max_length=4000)] = ""


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
    answer: str
    policy: NamedRef | None
    accepted_at: datetime | None
    first_contact_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    provisional_until: datetime | None
    allowed_actions: list[AllowedAction]
    follows: str | None = Field(None, description="Number of the closed case this one follows.")
    follow_reason: str = ""


class CasePage(Schema):
    items: list[CaseSummary]
    next_cursor: str | None


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


class Me(Schema):
    username: str
    name: str
    role: str
    roles: list[str]
    department: NamedRef | None
    acting_for: list[PersonRef]
