"""The whole OpenAPI schema, fuzzed by schemathesis against the app (security review, finding 13;
issue 13's Done-when): with an intake agent's and a supervisor's token, every operation answers
no 5xx, only status codes the schema lists, and bodies that match the schema.

Generated values are mixed with real ones (case numbers, attachment and notification ids),
otherwise nearly every call would stop at 404. The number of examples per operation is bounded
(KESU_FUZZ_EXAMPLES, default 25) so the run stays within a couple of minutes per database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from kesu.cases.services.attachments import add_attachment
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification
from kesu.org.access import authority_of
from kesu.org.services import issue_api_token
from tests.conftest import at
from tests.factories import act, register

EXAMPLES = int(os.environ.get("KESU_FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
#: Real values drawn instead of generated ones most of the time (filled per test by `world`).
REAL: dict[str, list[Any]] = {}


@pytest.fixture
def _one_connection() -> Iterator[None]:
    """Requests go through the real WSGI app, whose request signals would close the database
    connection holding the test's transaction (Django's test client unhooks them the same way)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def world(org: Any, _one_connection: None) -> dict[str, str]:
    """Cases in several states, an attachment and notifications; one token per fuzzing role."""
    now = at("2026-11-24 09:00")
    first = register(org["agent"], now, complainant_name="第一")
    enquiry = register(org["agent"], now, complainant_name="第二", kind="enquiry")
    accepted = act(
        register(org["agent"], now, complainant_name="第三"), org["supervisor"], Action.ACCEPT, now
    )
    assigned = act(
        accepted, org["supervisor"], Action.ASSIGN, now, department="after-sales",
        handler="handler",
    )  # fmt: skip
    photo = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    evidence = add_attachment(
        case_id=assigned.pk, upload=photo, authority=authority_of(org["agent"], now=now), now=now
    )
    REAL.clear()
    REAL["number"] = [c.number for c in (first, enquiry, assigned)]
    REAL["attachment_id"] = [evidence.pk]
    REAL["notification_id"] = list(Notification.objects.values_list("pk", flat=True)[:5])
    return {
        role: issue_api_token(user=org[role], name="fuzz")[1] for role in ("agent", "supervisor")
    }


#: Loaded once, at collection, from the app itself (no server, no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    """Mostly real values for the path parameters that have them, sometimes the generated."""
    if not path_parameters:
        return st.just(path_parameters)
    choices = {
        name: st.sampled_from(REAL[name]) | st.just(value) if REAL.get(name) else st.just(value)
        for name, value in path_parameters.items()
    }
    return st.fixed_dictionaries(choices)


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run: a failure here is reproducible
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_conforms_as_an_intake_agent(case: Any, world: dict[str, str]) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {world['agent']}"}, checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_conforms_as_a_supervisor(case: Any, world: dict[str, str]) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world['supervisor']}"}, checks=CHECKS
    )
