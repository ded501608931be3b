"""Shared fixtures: a small organisation with one user per role in two departments, the 2025–2027
calendar, the seed presets, and API clients that authenticate with real tokens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from kesu.cases.services.catalogue import (
    load_category_preset,
    load_decline_reasons,
    load_policy_presets,
)
from kesu.deadlines.presets import load_escalation_presets
from kesu.deadlines.services import clear_calendar_cache, forget_ladders, load_calendar_year
from kesu.domain.vocabulary import Role
from kesu.notify.presets import load_default_templates
from kesu.org.models import Department, User
from kesu.org.services import create_department, issue_api_token

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A Shanghai wall-clock time: at("2026-09-28 10:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> None:
    clear_calendar_cache()
    forget_ladders()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the site's language: a request in English (LocaleMiddleware
    activates it for the thread) must not leak into the next test's service messages."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference(db: Any) -> None:
    load_reference()


def load_reference() -> None:
    """Calendars 2025–2027 (2027 unpublished), the manufacturing categories, reasons, policies,
    escalation ladders and the notification templates (also for the tests' own processes)."""
    for year in (2025, 2026, 2027):
        load_calendar_year(year)
    load_category_preset("manufacturing")
    load_decline_reasons()
    load_policy_presets()
    load_escalation_presets()
    load_default_templates()  # migration rows, which an earlier transactional test may flush


class Org:
    """Departments: hq > cs (front office), after-sales > install, quality. One user per role."""

    def __init__(self) -> None:
        self.hq = create_department(code="hq", name="总部")
        self.cs = create_department(code="cs", name="客户服务部", parent=self.hq)
        self.after_sales = create_department(code="after-sales", name="售后服务部", parent=self.hq)
        self.install = create_department(code="install", name="安装维修科", parent=self.after_sales)
        self.quality = create_department(code="quality", name="质量管理部", parent=self.hq)
        self.users: dict[str, User] = {}
        self.add("agent", Role.INTAKE_AGENT, self.cs, "李晓燕")
        self.add("supervisor", Role.SUPERVISOR, self.cs, "王建国")
        self.add("handler", Role.HANDLER, self.after_sales, "张伟")
        self.add("installer", Role.HANDLER, self.install, "郑海涛")
        self.add("head", Role.DEPARTMENT_HEAD, self.after_sales, "刘强")
        self.add("quality", Role.HANDLER, self.quality, "陈静")
        self.add("quality_head", Role.DEPARTMENT_HEAD, self.quality, "何芳")
        self.add("manager", Role.CS_MANAGER, self.cs, "赵敏")
        self.add("gm", Role.GENERAL_MANAGER, self.hq, "周国强")
        self.add("analyst", Role.ANALYST, self.cs, "孙丽")
        self.add("discipline", Role.DISCIPLINE_OFFICER, self.hq, "吴刚")
        self.add("admin", Role.ADMINISTRATOR, self.hq, "系统管理员")

    def add(self, username: str, role: Role, department: Department, name: str) -> User:
        user = User.objects.create_user(
            username=username,
            password="pw-123456",
            role=role,
            department=department,
            full_name=name,
        )
        self.users[username] = user
        return user

    def __getitem__(self, username: str) -> User:
        return self.users[username]


@pytest.fixture
def org(reference: None) -> Org:
    return Org()


@pytest.fixture
def pausable(reference: None) -> None:
    """The platform default made pausable for every reason (the seed insurer's limits it is
    built from have no exclusions, W3): for tests about what a pause does to the clocks."""
    from kesu.deadlines.models import DeadlinePolicy

    DeadlinePolicy.objects.filter(code="platform_default").update(
        pause_reasons=["waiting_customer", "appraisal", "co_handling"]
    )


class Api:
    """A Django test client speaking JSON to /api/v1 with one user's bearer token."""

    def __init__(self, user: User, language: str = "zh-hans") -> None:
        _token, raw = issue_api_token(user=user, name="test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, body: Any = None, *, raw: str | None = None, **headers: Any) -> Any:
        data = raw if raw is not None else body
        if raw is None:
            return self.client.post(
                f"/api/v1{path}", data=body, content_type="application/json", headers=headers
            )
        return self.client.post(
            f"/api/v1{path}", data=data, content_type="application/json", headers=headers
        )

    def act(self, number: str, action: str, **fields: Any) -> Any:
        return self.post(f"/cases/{number}/transitions", {"action": action, **fields})


@pytest.fixture
def api(org: Org) -> Callable[..., Api]:
    def make(username: str, language: str = "zh-hans") -> Api:
        return Api(org[username], language)

    return make


PHONE_COMPLAINT: dict[str, Any] = {
    "complainant_name": "王丽",
    "complainant_phone": "13812345678",
    "complainant_address": "广东省佛山市顺德区大良街道新桂路8号3栋502室",
    "channel": "hotline",
    "kind": "complaint",
    "category": "after_sales_repair_delay",
    "subject_product": "华联KFR-35GW 挂式空调",
    "subject_order_number": "HL20260820123456",
    "subject_amount": "3299.00",
    "subject_purchase_date": "2026-08-20",
    "facts": "客户8月20日购买空调，报修后师傅三次爽约，至今未上门维修。",
    "demand": "要求三天内上门维修并赔礼道歉。",
}
