"""The settings services called as a management command or the API would: with plain, typed
values and no form. Each stores what it is given, writes its change-log row in the same
transaction with every changed field's old and new value (never a password), and refuses bad
input with a specific error, storing nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.utils import translation

from kesu.backoffice import services
from kesu.backoffice.services import (
    CategoryInput,
    DeclineReasonInput,
    DepartmentInput,
    PolicyInput,
    UserInput,
)
from kesu.cases.models import Category, DeclineReason
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.deadlines.models import DeadlinePolicy
from kesu.domain.vocabulary import Role, TimeUnit
from kesu.org.access import authority_of
from kesu.org.models import User
from tests.conftest import at

NOW = at("2026-12-01 09:00")


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    with translation.override("zh-hans"):
        yield


def _log(obj: Any) -> list[tuple[int, list[dict[str, Any]]]]:
    """(flag, message) of every change-log row about `obj`, oldest first."""
    rows = LogEntry.objects.filter(
        object_id=str(obj.pk), content_type__model=type(obj)._meta.model_name
    ).order_by("action_time", "pk")
    return [(row.action_flag, json.loads(row.change_message)) for row in rows]


def _values(message: list[dict[str, Any]]) -> dict[str, list[str]]:
    return next((part["values"] for part in message if "values" in part), {})


def _fields(message: list[dict[str, Any]]) -> list[str]:
    return next((part["changed"]["fields"] for part in message if "changed" in part), [])


def test_a_decline_reason_is_added_then_renamed_and_switched_off(org: Any) -> None:
    manager = org["manager"]
    made = services.save_decline_reason(
        actor=manager,
        data=DeclineReasonInput(code="repeat_caller", name_zh="重复投诉", sort_order=9),
    )
    stored = DeclineReason.objects.get(code="repeat_caller")
    assert (stored.name_zh, stored.sort_order, stored.is_active) == ("重复投诉", 9, True)
    changed = services.save_decline_reason(
        actor=manager,
        data=DeclineReasonInput(
            code="repeat_caller", name_zh="重复投诉（已处理）", sort_order=9, is_active=False
        ),
        pk=made.pk,
    )
    assert changed.pk == made.pk
    stored.refresh_from_db()
    assert (stored.name_zh, stored.is_active) == ("重复投诉（已处理）", False)
    [(added, _), (flag, message)] = _log(stored)
    assert (added, flag) == (ADDITION, CHANGE)
    assert _values(message) == {
        "名称（中文）": ["重复投诉", "重复投诉（已处理）"],
        "启用": ["是", "否"],
    }
    assert LogEntry.objects.filter(user=manager).count() == 2


def test_a_category_is_added_under_a_parent_and_moved_with_its_children(org: Any) -> None:
    manager = org["manager"]
    repair = Category.objects.get(code="after_sales_repair")
    top = services.save_category(
        actor=manager, data=CategoryInput(code="visits", name_zh="上门服务")
    )
    late = services.save_category(
        actor=manager,
        data=CategoryInput(code="late_visit", name_zh="上门超时", parent=repair, sort_order=5),
    )
    assert late.path == f"{repair.path}{late.pk}/"
    services.save_category(
        actor=manager,
        data=CategoryInput(
            code=repair.code,
            name_zh=repair.name_zh,
            name_en=repair.name_en,
            parent=top,
            sort_order=repair.sort_order,
        ),
        pk=repair.pk,
    )
    late.refresh_from_db()
    assert late.path.startswith(top.path)  # the child followed its parent
    [(flag, message)] = _log(repair)
    assert flag == CHANGE
    assert _values(message) == {"上级": ["—", "上门服务"]}


def test_a_department_is_added_and_moved(org: Any) -> None:
    manager = org["manager"]
    centre = services.save_department(
        actor=manager, data=DepartmentInput(code="centre", name="投诉中心", parent=org.hq)
    )
    assert centre.path == f"{org.hq.path}{centre.pk}/"
    services.save_department(
        actor=manager,
        data=DepartmentInput(code="after-sales", name="售后服务部", parent=org.quality),
        pk=org.after_sales.pk,
    )
    org.install.refresh_from_db()
    assert org.install.path.startswith(org.quality.path)
    [(flag, message)] = _log(org.after_sales)
    assert flag == CHANGE
    assert _values(message) == {"上级部门": ["总部", "质量管理部"]}
    assert [flag for flag, _ in _log(centre)] == [ADDITION]


def _input_of(policy: DeadlinePolicy, **changes: Any) -> PolicyInput:
    values = {f.name: getattr(policy, f.name) for f in fields(PolicyInput)}
    values["pause_reasons"] = tuple(values["pause_reasons"])
    return PolicyInput(**{**values, **changes})


def test_the_policy_input_names_every_field_a_manager_edits() -> None:
    editable = {
        f.name for f in DeadlinePolicy._meta.get_fields() if getattr(f, "editable", False)
    } - {"id"}
    assert {f.name for f in fields(PolicyInput)} == editable


def test_a_policy_change_logs_each_value_in_words(org: Any) -> None:
    policy = DeadlinePolicy.objects.get(code="platform_default")
    services.save_policy(
        actor=org["manager"],
        data=_input_of(policy, contact_amount=5, pause_reasons=("appraisal",)),
        pk=policy.pk,
    )
    policy.refresh_from_db()
    assert (policy.contact_amount, policy.pause_reasons) == (5, ["appraisal"])
    [(flag, message)] = _log(policy)
    assert flag == CHANGE
    values = _values(message)
    assert values["首次联系时限"] == ["7", "5"]
    assert values["可暂停计时的原因"][1] == "鉴定"
    assert set(values) == {"首次联系时限", "可暂停计时的原因"}  # unchanged fields are not listed


def test_a_new_policy_with_its_defaults(org: Any) -> None:
    made = services.save_policy(
        actor=org["manager"],
        data=PolicyInput(
            code="fast",
            name="快速处理",
            acceptance_amount=1,
            acceptance_unit=TimeUnit.WORKING_DAYS,
            contact_amount=2,
            contact_unit=TimeUnit.WORKING_DAYS,
            resolution_amount=5,
            resolution_unit=TimeUnit.WORKING_DAYS,
            priority=10,
        ),
    )
    made.refresh_from_db()
    assert (made.code, made.resolution_amount, made.priority) == ("fast", 5, 10)
    assert made.acceptance_start == DeadlinePolicy().acceptance_start
    assert [flag for flag, _ in _log(made)] == [ADDITION]


def test_a_policy_that_breaks_the_rules_between_its_fields_is_refused(org: Any) -> None:
    policy = DeadlinePolicy.objects.get(code="platform_default")
    assert policy.resolution_unit == policy.contact_unit
    late = _input_of(policy, contact_amount=policy.resolution_amount + 1)
    refused = _refused(
        ServiceError, lambda: services.save_policy(actor=org["manager"], data=late, pk=policy.pk)
    )
    assert (refused.code, refused.field) == ("policy_rule", "contact_amount")
    assert str(refused.message) == f"不能晚于办结时限：最多{policy.resolution_amount}。"
    policy.refresh_from_db()
    assert policy.contact_amount < policy.resolution_amount


def test_an_account_is_created_changed_and_its_password_never_logged(org: Any) -> None:
    authority = authority_of(org["manager"], now=NOW)
    made = services.save_user(
        authority=authority,
        data=UserInput(
            username="newagent",
            full_name="林小红",
            role=Role.INTAKE_AGENT,
            department=org.cs,
            password="Hotline-2026",
        ),
    )
    assert made.check_password("Hotline-2026")
    assert not made.is_staff
    services.save_user(
        authority=authority,
        data=UserInput(
            username="newagent",
            full_name="林小红",
            role=Role.SUPERVISOR,
            department=org.cs,
            extra_roles=(Role.HANDLER,),
            password="Changed-pass-2026",
        ),
        pk=made.pk,
    )
    made.refresh_from_db()
    assert made.role == Role.SUPERVISOR
    assert list(made.extra_roles.values_list("role", flat=True)) == [Role.HANDLER]
    assert made.check_password("Changed-pass-2026")
    [(added, _), (flag, message)] = _log(made)
    assert (added, flag) == (ADDITION, CHANGE)
    assert _values(message) == {
        "角色": ["热线接听人员", "客户投诉主管"],
        "兼任角色": ["—", "部门承办人"],
    }
    assert "密码" in _fields(message)  # named as changed, its value never written down
    raw = LogEntry.objects.filter(object_id=str(made.pk)).values_list("change_message", flat=True)
    for text in raw:
        assert "Hotline" not in text
        assert "Changed-pass" not in text
        assert made.password not in text
    services.save_user(
        authority=authority,
        data=UserInput(username="newagent", full_name="林小红", role=Role.SUPERVISOR,
                       department=org.cs),
        pk=made.pk,
    )  # fmt: skip
    made.refresh_from_db()
    assert made.check_password("Changed-pass-2026")  # no password given: it stays
    assert list(made.extra_roles.values_list("role", flat=True)) == [Role.HANDLER]  # kept


def _refused(error: type[ServiceError], call: Any) -> ServiceError:
    logged = LogEntry.objects.count()
    with pytest.raises(error) as refused:
        call()
    assert LogEntry.objects.count() == logged  # nothing logged for a refused change
    return refused.value


def test_bad_values_are_refused_with_a_reason_and_nothing_is_stored(org: Any) -> None:
    manager = org["manager"]
    reason = DeclineReason.objects.first()
    assert reason is not None
    taken = _refused(
        ServiceError,
        lambda: services.save_decline_reason(
            actor=manager, data=DeclineReasonInput(code=reason.code, name_zh="重名")
        ),
    )
    assert taken.field == "code"
    assert not DeclineReason.objects.filter(name_zh="重名").exists()
    bad = _refused(
        ServiceError,
        lambda: services.save_department(
            actor=manager, data=DepartmentInput(code="not a slug!", name="坏部门")
        ),
    )
    assert bad.field == "code"
    loop = _refused(
        ServiceError,
        lambda: services.save_department(
            actor=manager,
            data=DepartmentInput(code="after-sales", name="售后服务部", parent=org.install),
            pk=org.after_sales.pk,
        ),
    )
    assert loop.code == "department_cycle"
    org.after_sales.refresh_from_db()
    assert org.after_sales.parent_id == org.hq.pk
    missing = _refused(
        NotFound,
        lambda: services.save_category(
            actor=manager, data=CategoryInput(code="gone", name_zh="无"), pk=999_999
        ),
    )
    assert missing.code == "not_found"


def test_account_rules_hold_without_a_form(org: Any) -> None:
    authority = authority_of(org["manager"], now=NOW)
    new = UserInput(username="nopass", role=Role.INTAKE_AGENT, department=org.cs)
    no_password = _refused(ServiceError, lambda: services.save_user(authority=authority, data=new))
    assert (no_password.code, no_password.field) == ("required", "password")
    weak = UserInput(username="weak", role=Role.INTAKE_AGENT, password="12345")
    short = _refused(ServiceError, lambda: services.save_user(authority=authority, data=weak))
    assert "密码长度太短" in str(short.message)
    odd = UserInput(
        username="odd", role=Role.HANDLER, extra_roles=("clerk",), password="Hotline-2026"
    )
    unknown = _refused(ServiceError, lambda: services.save_user(authority=authority, data=odd))
    assert (unknown.code, str(unknown.message)) == ("unknown_role", "没有“clerk”这个角色。")
    boss = UserInput(username="boss", role=Role.ADMINISTRATOR, password="Hq-admin-2026")
    _refused(Forbidden, lambda: services.save_user(authority=authority, data=boss))
    me = org["manager"]
    myself = UserInput(username=me.username, role=me.role, department=org.cs, is_active=False)
    own = _refused(
        ServiceError, lambda: services.save_user(authority=authority, data=myself, pk=me.pk)
    )
    assert own.code == "own_account"
    assert not User.objects.filter(username__in=["nopass", "weak", "odd", "boss"]).exists()
    admin = services.save_user(
        authority=authority_of(org["admin"], now=NOW), data=boss
    )  # an administrator may, and the Django admin comes with the role
    assert (admin.is_superuser, admin.is_staff) == (True, True)
