"""The demo organisation 华联电器: departments, one user per role, and cases walked through the
real services (so their history, numbers and due times are what production would write)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from kesu.cases.models import Category
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.demo.corpus import make_case_fields
from kesu.domain.errors import DomainError
from kesu.domain.vocabulary import Action, CaseKind, Role
from kesu.org.access import authority_of
from kesu.org.models import Department, User
from kesu.org.services import create_department

DEMO_PASSWORD = "kesu-demo-2026"  # noqa: S105 — a demo login, printed on start

DEPARTMENTS = (
    # code, name, parent code
    ("hq", "华联电器股份有限公司", None),
    ("cs", "客户服务部", "hq"),
    ("cs-hotline", "热线组", "cs"),
    ("cs-complaints", "投诉处理组", "cs"),
    ("quality", "质量管理部", "hq"),
    ("after-sales", "售后服务部", "hq"),
    ("after-sales-install", "安装维修科", "after-sales"),
    ("sales", "销售部", "hq"),
    ("logistics", "物流部", "hq"),
    ("legal", "法务部", "hq"),
    ("risk", "风险管理部", "hq"),
    ("gm-office", "总经理办公室", "hq"),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    department: str


USERS = (
    DemoUser("agent", "李晓燕", Role.INTAKE_AGENT, "cs-hotline"),
    DemoUser("agent2", "黄丽娟", Role.INTAKE_AGENT, "cs-hotline"),
    DemoUser("supervisor", "王建国", Role.SUPERVISOR, "cs-complaints"),
    DemoUser("handler", "张伟", Role.HANDLER, "after-sales"),
    DemoUser("installer", "郑海涛", Role.HANDLER, "after-sales-install"),
    DemoUser("quality", "陈静", Role.HANDLER, "quality"),
    DemoUser("sales", "马俊", Role.HANDLER, "sales"),
    DemoUser("head", "刘强", Role.DEPARTMENT_HEAD, "after-sales"),
    DemoUser("quality_head", "何芳", Role.DEPARTMENT_HEAD, "quality"),
    DemoUser("manager", "赵敏", Role.CS_MANAGER, "cs"),
    DemoUser("gm", "周国强", Role.GENERAL_MANAGER, "gm-office"),
    DemoUser("analyst", "孙丽", Role.ANALYST, "cs"),
    DemoUser("discipline", "吴刚", Role.DISCIPLINE_OFFICER, "risk"),
    DemoUser("admin", "系统管理员", Role.ADMINISTRATOR, "hq"),
)

#: Which department handles which top-level category, and who there.
ROUTES = {
    "product_quality": ("quality", "quality"),
    "after_sales_repair": ("after-sales", "handler"),
    "service_quality": ("after-sales-install", "installer"),
    "other": ("sales", "sales"),
}

#: How far along the workflow demo cases get: (share, last action).
PROGRESS: tuple[tuple[int, Action | None], ...] = (
    (14, None),
    (8, Action.ACCEPT),
    (8, Action.ASSIGN),
    (16, Action.LOG_CONTACT),
    (6, Action.SUBMIT_PLAN),
    (5, Action.APPROVE_PLAN),
    (9, Action.ANSWER),
    (25, Action.CONFIRM),
    (4, Action.DECLINE),
    (2, Action.WITHDRAW),
    (3, Action.PROVISIONALLY_CLOSE),
)
PATH = (
    Action.ACCEPT, Action.ASSIGN, Action.LOG_CONTACT, Action.SUBMIT_PLAN, Action.APPROVE_PLAN,
    Action.ANSWER, Action.CONFIRM,
)  # fmt: skip


def demo_exists() -> bool:
    return Department.objects.filter(code="hq").exists()


@transaction.atomic
def create_organisation() -> dict[str, User]:
    departments: dict[str, Department] = {}
    for code, name, parent in DEPARTMENTS:
        departments[code] = create_department(
            code=code, name=name, parent=departments[parent] if parent else None
        )
    users = {}
    for spec in USERS:
        user = User.objects.create_user(
            username=spec.username,
            password=DEMO_PASSWORD,
            full_name=spec.full_name,
            role=spec.role,
            department=departments[spec.department],
            is_staff=spec.role is Role.ADMINISTRATOR,
            is_superuser=spec.role is Role.ADMINISTRATOR,
        )
        users[spec.username] = user
    return users


def seed_demo(*, cases: int, now: datetime, seed: int = 2026) -> int:
    """Create the organisation (once) and `cases` demo cases received over the last 120 days."""
    if demo_exists():
        return 0
    users = create_organisation()
    rng = random.Random(seed)
    roots = {c.code: _root_code(c) for c in Category.objects.select_related("parent__parent")}
    received = sorted(now - timedelta(minutes=rng.randint(30, 120 * 24 * 60)) for _ in range(cases))
    for moment in received:
        _one_case(rng, users, roots, moment, now)
    return cases


def _root_code(category: Category) -> str:
    while category.parent is not None:
        category = category.parent
    return category.code


def _one_case(
    rng: random.Random,
    users: dict[str, User],
    roots: dict[str, str],
    received_at: datetime,
    now: datetime,
) -> None:
    fields: dict[str, Any] = make_case_fields(rng, received_at.date())
    category_code = str(fields.pop("category_code"))
    fields["major_criteria"] = tuple(fields["major_criteria"])
    agent = users[rng.choice(["agent", "agent2"])]
    clock = received_at + timedelta(minutes=rng.randint(2, 15))
    data = Registration(**fields, received_at=received_at, category_code=category_code)
    case, _created = register_case(data=data, authority=authority_of(agent, now=clock), now=clock)
    weights = [share for share, _ in PROGRESS]
    goal = rng.choices([last for _, last in PROGRESS], weights=weights)[0]
    if goal is None:
        return
    department, handler = ROUTES.get(roots.get(category_code, "other"), ROUTES["other"])
    if goal in {Action.DECLINE, Action.WITHDRAW}:
        steps = [goal]
    elif goal is Action.PROVISIONALLY_CLOSE:
        steps = [*PATH[:3], goal]
    else:
        steps = list(PATH[: PATH.index(goal) + 1])
    if case.kind != CaseKind.COMPLAINT and goal not in {Action.DECLINE, Action.WITHDRAW}:
        steps = [Action.CONVERT_TO_COMPLAINT, *steps] if rng.random() < 0.2 else steps
    for action in steps:
        clock += timedelta(hours=rng.uniform(0.5, 40))
        if clock >= now:
            return
        actor = users[_actor_for(action, handler)]
        try:
            perform_transition(
                case_id=case.pk,
                authority=authority_of(actor, now=clock),
                action=action,
                data=_input_for(action, department, handler, rng),
                now=clock,
            )
        except DomainError:  # pragma: no cover — the demo follows the table
            return


def _actor_for(action: Action, handler: str) -> str:
    if action in {Action.LOG_CONTACT, Action.SUBMIT_PLAN, Action.ANSWER}:
        return handler
    if action in {Action.ASSIGN, Action.APPROVE_PLAN, Action.PROVISIONALLY_CLOSE}:
        return "supervisor"
    return "agent"


def _input_for(
    action: Action, department: str, handler: str, rng: random.Random
) -> TransitionInput:
    match action:
        case Action.DECLINE:
            return TransitionInput(
                reason_code=rng.choice(["out_of_scope", "settled", "not_specific"])
            )
        case Action.ASSIGN:
            return TransitionInput(
                department=department, handler=handler, note="请按时限处理并反馈。"
            )
        case Action.LOG_CONTACT:
            return TransitionInput(
                method="phone", note="已电话联系客户，了解详细情况，约定上门检测时间。"
            )
        case Action.SUBMIT_PLAN:
            return TransitionInput(
                plan="经上门检测确认问题属实，拟为客户免费维修并更换故障部件，赠送一次清洗服务。",
                method="repair",
                amount=None,
            )
        case Action.ANSWER:
            return TransitionInput(
                answer="已按批准方案为客户处理完毕，并向客户说明原因及后续注意事项。"
            )
        case Action.CONFIRM:
            return TransitionInput(note="回访客户，客户对处理结果表示满意。")
        case Action.WITHDRAW:
            return TransitionInput(note="客户来电表示问题已自行解决，撤回投诉。")
        case Action.PROVISIONALLY_CLOSE:
            return TransitionInput(note="客户拒绝所有处理方案且多次联系未果，暂结案。")
        case _:
            return TransitionInput()
