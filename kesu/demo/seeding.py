"""The demo organisation 华联电器: departments, one user per role, and cases walked through the
real services (so their history, numbers and due times are what production would write)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F

from kesu.approvals.selectors import matrix_in_force
from kesu.approvals.services import load_approval_preset
from kesu.cases.models import Case, Category
from kesu.cases.services.registration import Registration, register_case
from kesu.cases.services.transitions import TransitionInput, perform_transition
from kesu.demo.corpus import make_case_fields
from kesu.demo.showcase import show_decisions
from kesu.domain.errors import DomainError
from kesu.domain.vocabulary import OPEN_STATES, Action, CaseKind, Role
from kesu.notify.models import Channel as NotificationChannel
from kesu.notify.models import Notification, Status
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
    # 技术支持: approves goodwill compensation and special warranty (the approval matrix).
    DemoUser("tech", "林志远", Role.TECHNICAL_APPROVER, "quality"),
    DemoUser("analyst", "孙丽", Role.ANALYST, "cs"),
    DemoUser("discipline", "吴刚", Role.DISCIPLINE_OFFICER, "risk"),
    # 法务部: answers requests for a legal opinion (co-handling 协办, seed 004 第六条(三)).
    DemoUser("lawyer", "钱律", Role.HANDLER, "legal"),
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


#: Of the cases whose walk leaves them overdue, the share that stays overdue; the others are
#: handled on to closure, so a supervisor's home page looks like a normal day (a few percent
#: late), not like an office that stopped working months ago.
LATE_SHARE = 0.05
#: The demo's front-office agents: a case they received is a demo case.
AGENTS = ("agent", "agent2")
#: What the e-mail and SMS rows of the demo say instead of a provider's message id.
NOT_SENT = "demo: not sent"


def demo_exists() -> bool:
    return Department.objects.filter(code="hq").exists()


def create_organisation() -> dict[str, User]:
    """The departments and users of the demo; those already there (by code, by user name) are
    kept as they are, so a re-run after a partial one completes the organisation."""
    departments = {
        d.code: d for d in Department.objects.filter(code__in=[c for c, *_ in DEPARTMENTS])
    }
    for code, name, parent in DEPARTMENTS:
        if code not in departments:
            departments[code] = create_department(
                code=code, name=name, parent=departments[parent] if parent else None
            )
    users = {u.username: u for u in User.objects.filter(username__in=[u.username for u in USERS])}
    for spec in USERS:
        if spec.username in users:
            continue
        users[spec.username] = User.objects.create_user(
            username=spec.username,
            password=DEMO_PASSWORD,
            full_name=spec.full_name,
            role=spec.role,
            department=departments[spec.department],
            is_staff=spec.role is Role.ADMINISTRATOR,
            is_superuser=spec.role is Role.ADMINISTRATOR,
        )
    return users


#: The demo is a manufacturer: technical approval of goodwill compensation and special
#: warranty, and plans approved by the complaint supervisor (R-12).
DEMO_APPROVALS = "manufacturer"


def seed_demo(*, cases: int, now: datetime, seed: int = 2026) -> int:
    """Create the organisation and `cases` demo cases received over the last 120 days before
    `now`; returns how many cases were added.

    One transaction: a failure half-way leaves nothing behind, and a re-run (also after an
    older, partial run) adds only what is missing. The e-mails and SMS the walk produces are
    marked as not sent (the demo never messages anyone), and staff notices about cases that
    are finished are marked read, so the badges show today's work.
    """
    with transaction.atomic():
        users = create_organisation()
        if not matrix_in_force():  # an organisation's own table is never replaced
            load_approval_preset(DEMO_APPROVALS)
        existing = Case.objects.filter(receiver__username__in=AGENTS).count()
        missing = cases - existing
        if missing <= 0:
            return 0
        first_notice = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
        rng = random.Random(seed + existing)
        roots = {c.code: _root_code(c) for c in Category.objects.select_related("parent__parent")}
        received = sorted(
            now - timedelta(minutes=rng.randint(30, 120 * 24 * 60)) for _ in range(missing)
        )
        for moment in received:
            _one_case(rng, users, roots, moment, now)
        show_decisions(users, now)
        _quiet_history(after=first_notice or 0, now=now)
    return missing


def _quiet_history(*, after: int, now: datetime) -> None:
    """The demo's messages to customers are not sent (their rows say so, so no worker sends
    them), and notices about cases already finished are read."""
    made = Notification.objects.filter(pk__gt=after)
    made.exclude(channel=NotificationChannel.IN_APP).filter(status=Status.PENDING).update(
        status=Status.SENT, sent_at=F("created_at"), provider_id=NOT_SENT, next_attempt_at=None
    )
    made.filter(channel=NotificationChannel.IN_APP, read_at__isnull=True).exclude(
        case__state__in=sorted(OPEN_STATES)
    ).update(read_at=now)


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
    department, handler = ROUTES.get(roots.get(category_code, "other"), ROUTES["other"])
    if goal in {Action.DECLINE, Action.WITHDRAW}:
        steps = [goal]
    elif goal is Action.PROVISIONALLY_CLOSE:
        steps = [*PATH[:3], goal]
    else:
        steps = list(PATH[: PATH.index(goal) + 1]) if goal is not None else []
    if case.kind != CaseKind.COMPLAINT and goal not in {Action.DECLINE, Action.WITHDRAW}:
        steps = [Action.CONVERT_TO_COMPLAINT, *steps] if rng.random() < 0.2 else steps
    done: list[Action] = []
    while True:
        for action in steps:
            clock += timedelta(hours=rng.uniform(0.5, 30))
            if clock >= now:
                return
            actor = users[_actor_for(action, handler)]
            try:
                case = perform_transition(
                    case_id=case.pk,
                    authority=authority_of(actor, now=clock),
                    action=action,
                    data=_input_for(action, department, handler, rng),
                    now=clock,
                )
            except DomainError:  # pragma: no cover — the demo follows the table
                return
            done.append(action)
        if not _should_finish(case, rng, now):
            return
        # Overdue where a real office would have finished: handle it on to closure.
        steps = [a for a in PATH if a not in done]


def _should_finish(case: Case, rng: random.Random, now: datetime) -> bool:
    """Whether a case the walk left late is handled on (all but `LATE_SHARE` of them)."""
    late = case.state in OPEN_STATES and case.next_due is not None and case.next_due < now
    return late and rng.random() >= LATE_SHARE


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
