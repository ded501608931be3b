"""Every coded value fits the column that stores it, and every API limit is its column's.

SQLite does not enforce `varchar(n)`, so a code longer than its column passes there and fails
on PostgreSQL (security review 2026-12-01, finding 1: two relation codes crashed registration).
The registrations below store each code for real, so on PostgreSQL they fail if one does not fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
import time_machine
from django.db import models
from pydantic.fields import FieldInfo

from kesu.api.schemas import CaseIn
from kesu.cases.models import Case, CaseEvent, DeclineReason
from kesu.cases.services.limits import FIELD_NAMES, TEXT_LIMITS
from kesu.deadlines.models import CaseAlert
from kesu.domain.presets.industries import INDUSTRIES
from kesu.domain.presets.terms import DECLINE_REASONS, HANDLING_METHODS, RELATIONS
from kesu.domain.vocabulary import Action, CaseKind, Channel, Role, Severity, State, TimeUnit
from kesu.org.models import User
from tests.conftest import PHONE_COMPLAINT, at
from tests.web.client import logged_in
from tests.web.test_case_page import HOTLINE_FORM


def _codes(values: Iterable[Any]) -> list[str]:
    return [getattr(value, "code", None) or str(value) for value in values]


#: (model, column) → the codes stored there that are not Django `choices` (Django's own system
#: check, fields.E009, already compares choices with max_length).
CODED_COLUMNS: list[tuple[type[models.Model], str, list[str]]] = [
    (Case, "complainant_relation", _codes(RELATIONS)),
    (Case, "plan_method", _codes(HANDLING_METHODS)),
    (Case, "kind", _codes(CaseKind)),
    (Case, "state", _codes(State)),
    (Case, "severity", _codes(Severity)),
    (Case, "channel", _codes(Channel)),
    (Case, "resolution_unit", _codes(TimeUnit)),
    (CaseEvent, "action", _codes(Action)),
    (CaseEvent, "from_state", _codes(State)),
    (CaseEvent, "to_state", _codes(State)),
    (CaseEvent, "acting_role", _codes(Role)),
    (DeclineReason, "code", _codes(DECLINE_REASONS)),
    (User, "role", _codes(Role)),
]


@pytest.mark.parametrize(("model", "column", "codes"), CODED_COLUMNS)
def test_every_coded_value_fits_its_column(
    model: type[models.Model], column: str, codes: list[str]
) -> None:
    length = model._meta.get_field(column).max_length
    too_long = [code for code in codes if len(code) > (length or 0)]
    assert not too_long, f"{model.__name__}.{column} is varchar({length}): {too_long}"


def test_alert_clocks_fit_their_column() -> None:
    clocks = ("acceptance", "first_contact", "investigation", "resolution", "return_visit")
    assert max(map(len, clocks)) <= (CaseAlert._meta.get_field("clock").max_length or 0)


def _api_limit(info: FieldInfo) -> int | None:
    return next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)


@pytest.mark.parametrize("name", sorted(TEXT_LIMITS))
def test_the_api_limit_of_a_field_is_the_registration_limit(name: str) -> None:
    api_name = FIELD_NAMES.get(name, name)
    assert _api_limit(CaseIn.model_fields[api_name]) == TEXT_LIMITS[name]


@pytest.mark.parametrize("name", sorted(CaseIn.model_fields))
def test_no_api_text_field_is_longer_than_its_column(name: str) -> None:
    column = {"follows": "number"}.get(name, name)
    limit = _api_limit(CaseIn.model_fields[name])
    try:
        field = Case._meta.get_field(column)
    except Exception:
        return
    if isinstance(field, models.CharField) and limit is not None:
        assert limit <= (field.max_length or 0), f"{name}: API {limit}, column {field.max_length}"


@pytest.mark.parametrize("relation", _codes(RELATIONS))
def test_every_relation_registers_through_the_api(api: Any, relation: str) -> None:
    response = api("agent").post("/cases", PHONE_COMPLAINT | {"complainant_relation": relation})
    assert response.status_code == 201, response.content.decode()
    assert Case.objects.get().complainant_relation == relation


@pytest.mark.parametrize("relation", _codes(RELATIONS))
def test_every_relation_registers_through_the_hotline_form(
    org: Any, relation: str, settings: Any
) -> None:
    # The form offers the relations of the organisation's industry: take one that has this one.
    settings.KESU_INDUSTRY = next(
        code for code, industry in INDUSTRIES.items() if relation in industry.relations
    )
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = logged_in("agent").post(
            "/cases/new/", HOTLINE_FORM | {"complainant_relation": relation}
        )
    assert response.status_code == 302, response.content.decode()
    assert Case.objects.get().complainant_relation == relation
