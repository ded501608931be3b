"""`/api/v1/portal`: the customer portal's operations without staff authentication, for a
WeChat mini-program, an app or another website. They call the same services as the portal's
pages (`kesu.cases.services.portal`, `kesu.cases.services.tracking`), and are rate-limited per
client address and phone (429 with `Retry-After`) and run the pluggable check."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Router, Schema, Status

from kesu.api.schemas import Error, Money, Phone, Strict
from kesu.cases import customer_selectors
from kesu.cases.models import normalise_phone
from kesu.cases.services import limits
from kesu.cases.services.limits import TEXT_LIMITS
from kesu.cases.services.portal import KEY_MAX, CustomerComplaint
from kesu.cases.services.tracking import check_code, send_code
from kesu.core import clock, throttle
from kesu.domain.vocabulary import Channel
from kesu.intake.services.arrival import Outcome
from kesu.intake.services.customer import submit

router = Router(tags=["portal"])
#: 400 a rule refused the input (a wrong or expired code too), 403 the pluggable check refused,
#: 409 the Idempotency-Key was used for a different complaint, 413 too large, 422 the input does
#: not match the schema, 429 too many requests (see `Retry-After`), 503 retry shortly.
ERRORS: dict[int, type[Error]] = dict.fromkeys((400, 403, 409, 413, 422, 429, 503), Error)
RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "On 429: seconds to wait before trying again.",
        "schema": {"type": "integer"},
    }
}
#: Merged into the 429 answer ninja generates (an int key: a "429" string would be a second,
#: duplicated key in the JSON, which Swagger UI refuses to read).
LIMITED: dict[str, Any] = {
    "responses": {429: {"description": "Too many requests", "headers": RETRY_AFTER_HEADER}}
}
NUMBER_MAX = TEXT_LIMITS["follows_number"]
CustomerPhone = Annotated[Phone, Field(min_length=1)]


class ComplaintIn(Strict):
    """What a customer can tell about their complaint."""

    name: Annotated[str, Field(min_length=1, max_length=TEXT_LIMITS["complainant_name"])]
    phone: CustomerPhone
    facts: Annotated[str, Field(min_length=1, max_length=TEXT_LIMITS["facts"])]
    email: Annotated[
        str,
        Field(max_length=TEXT_LIMITS["complainant_email"], pattern=limits.EMAIL_PATTERN),
    ] = ""
    product: Annotated[str, Field(max_length=TEXT_LIMITS["subject_product"])] = ""
    order_number: Annotated[str, Field(max_length=TEXT_LIMITS["subject_order_number"])] = ""
    amount: Money | None = None
    demand: Annotated[str, Field(max_length=TEXT_LIMITS["demand"])] = ""
    channel: Literal["web", "mobile"] = "mobile"
    privacy_consent: bool = Field(
        description="The customer agreed to the privacy notice (required: true)."
    )


class PromisedOut(Schema):
    next: datetime | None
    acceptance: datetime | None
    first_contact: datetime | None
    answer: datetime | None


class ComplaintOut(Schema):
    #: Empty when the complaint was added to the customer's open case (`attached`): its number
    #: is shown only after the phone is proved (a one-time code on `/track`).
    number: str
    promised: PromisedOut
    attached: bool = False


class CodeIn(Strict):
    number: Annotated[str, Field(min_length=1, max_length=NUMBER_MAX)]
    phone: CustomerPhone


class CodeOut(Schema):
    message: str


class TrackIn(CodeIn):
    code: Annotated[str, Field(min_length=1, max_length=10)]


class MessageOut(Schema):
    at: datetime
    channel: str
    subject: str
    text: str


class RatingOut(Schema):
    result: int
    process: int
    comment: str


class CaseViewOut(Schema):
    number: str
    state: str
    state_text: str
    received_at: datetime
    promised: PromisedOut
    messages: list[MessageOut]
    answer: str
    answered_at: datetime | None
    may_add: bool
    may_rate: bool
    rating: RatingOut | None


@router.post(
    "/complaints",
    auth=None,
    response={201: ComplaintOut, **ERRORS},
    summary="Submit a complaint (customer)",
    openapi_extra=LIMITED,
)
def complain(
    request: HttpRequest,
    payload: ComplaintIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=KEY_MAX),
) -> Status[dict[str, Any]]:
    """A customer's own complaint. Answers its number and the dates the organisation promises.
    When the phone or e-mail already has an open case the complaint is added to it as a
    reminder 催办 (`attached`: true, no number, that case's dates) instead of opening another.
    Send an `Idempotency-Key` header: a retry with the same key answers the same case again
    (201) instead of registering a second one."""
    throttle.run_check(request, "complaint")
    throttle.hit("complaint_address", throttle.client_address(request))
    data = CustomerComplaint(**payload.model_dump(exclude={"channel"}))
    arrival = submit(
        data=data, channel=Channel(payload.channel), now=clock.now(),
        idempotency_key=idempotency_key,
    )  # fmt: skip
    attached = arrival.outcome is Outcome.HASTENED
    return Status(
        201,
        {
            "number": "" if attached else arrival.case.number,
            "promised": customer_selectors.promised(arrival.case).as_dict(),
            "attached": attached,
        },
    )


@router.post(
    "/codes",
    auth=None,
    response={202: CodeOut, **ERRORS},
    summary="Send a one-time code (customer)",
    openapi_extra=LIMITED,
)
def codes(request: HttpRequest, payload: CodeIn) -> Status[dict[str, Any]]:
    """Send a one-time code by SMS to the phone given with the case. The answer is the same
    whether or not the number and phone belong together."""
    address = throttle.client_address(request)
    throttle.run_check(request, "code")
    throttle.hit("code_address", address)
    throttle.hit("code_phone", normalise_phone(payload.phone))
    send_code(number=payload.number, phone=payload.phone, address=address, now=clock.now())
    message = _("If the number and phone belong to a case, a code has been sent by SMS.")
    return Status(202, {"message": message})


@router.post(
    "/track",
    auth=None,
    response={200: CaseViewOut, **ERRORS},
    summary="Track a case with a one-time code (customer)",
    openapi_extra=LIMITED,
)
def track(request: HttpRequest, payload: TrackIn) -> dict[str, Any]:
    """The customer's view of the case: its state in plain words, the promised dates, the
    messages sent to the customer and the answer. A wrong code answers 400; repeated wrong codes
    lock tracking of the case for a while (429 with `Retry-After`)."""
    throttle.run_check(request, "track")
    address = throttle.client_address(request)
    throttle.hit("track_address", address)
    case = check_code(
        number=payload.number,
        phone=payload.phone,
        code=payload.code,
        address=address,
        now=clock.now(),
    )
    return customer_selectors.customer_view(case)
