"""The approval matrix 审批权限 (R-12): which role approves an action of a given amount under given
conditions. Pure rules: a table of `ApprovalRule`s in order of precedence, and `route(rules,
request)` naming the first rule that matches. Conditions are typed fields (a premium-share
threshold, "the subject is a manager"), never strings evaluated.

Escalation: when nobody holding the named role is present (away without a delegate), the
request climbs `ESCALATION_ORDER` (supervisor → CS manager → general manager)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kesu.domain.vocabulary import Role


class ApprovalAction(StrEnum):
    """What is being approved. `plan` is a handling plan's amount; the others are the insurer's
    items of 004 第四条 and the manufacturer's and 002's approvals."""

    PLAN = "plan"  # 处理方案
    SURRENDER = "surrender"  # 协议解约(含部分协议解约)
    AGENT_CHANGE = "agent_change"  # 变更代理人
    LATE_FEE_WAIVER = "late_fee_waiver"  # 免滞纳金
    PREMIUM_CALLBACK = "premium_callback"  # 回调保费
    ADVANCE_PAYMENT = "advance_payment"  # 挪用保费案件的公司垫付申请
    COMMISSION_FREEZE = "commission_freeze"  # 冻结或解冻代理人佣金或押金
    CO_HANDLING = "co_handling"  # 案件协办
    GOODWILL = "goodwill"  # 特别理赔(善意补偿)
    SPECIAL_WARRANTY = "special_warranty"  # 特案保修
    PENALTY = "penalty"  # 处罚


ACTION_NAMES: dict[ApprovalAction, tuple[str, str]] = {
    ApprovalAction.PLAN: ("处理方案", "handling plan"),
    ApprovalAction.SURRENDER: ("协议解约", "negotiated surrender"),
    ApprovalAction.AGENT_CHANGE: ("变更代理人", "change of agent"),
    ApprovalAction.LATE_FEE_WAIVER: ("免滞纳金", "late-fee waiver"),
    ApprovalAction.PREMIUM_CALLBACK: ("回调保费", "premium call-back"),
    ApprovalAction.ADVANCE_PAYMENT: (
        "挪用保费案件的公司垫付", "company advance on embezzled premium"
    ),
    ApprovalAction.COMMISSION_FREEZE: (
        "冻结或解冻代理人佣金或押金", "freeze/unfreeze agent commission or deposit"
    ),
    ApprovalAction.CO_HANDLING: ("案件协办", "co-handling request"),
    ApprovalAction.GOODWILL: ("特别理赔(善意补偿)", "goodwill compensation"),
    ApprovalAction.SPECIAL_WARRANTY: ("特案保修", "special warranty"),
    ApprovalAction.PENALTY: ("处罚", "penalty"),
}  # fmt: skip

ROLE_NAMES: dict[Role, tuple[str, str]] = {
    Role.SUPERVISOR: ("咨诉主管", "complaint supervisor"),
    Role.CS_MANAGER: ("客服部经理", "customer-service manager"),
    Role.GENERAL_MANAGER: ("总经理", "general manager"),
    Role.DEPARTMENT_HEAD: ("部门经理", "department head"),
    Role.TECHNICAL_APPROVER: ("技术支持", "technical approver"),
}

#: Who covers an approver nobody is present for: the next role up. The general manager is the
#: top; a department head or a technical approver with nobody present goes to the CS manager
#: and the general manager respectively.
ESCALATION_ORDER: tuple[Role, ...] = (Role.SUPERVISOR, Role.CS_MANAGER, Role.GENERAL_MANAGER)
_NEXT_UP: dict[Role, Role] = {
    Role.SUPERVISOR: Role.CS_MANAGER,
    Role.CS_MANAGER: Role.GENERAL_MANAGER,
    Role.DEPARTMENT_HEAD: Role.CS_MANAGER,
    Role.TECHNICAL_APPROVER: Role.GENERAL_MANAGER,
}


def next_up(role: Role) -> Role | None:
    """The role an approval climbs to when nobody holding `role` is present (None at the top)."""
    return _NEXT_UP.get(role)


def escalation_chain(role: Role) -> tuple[Role, ...]:
    """`role` and every role above it, in the order an absent approver is covered."""
    chain = [role]
    while (up := next_up(chain[-1])) is not None and up not in chain:
        chain.append(up)
    return tuple(chain)


@dataclass(frozen=True)
class AmountRange:
    """Amounts in yuan between two bounds; None = unbounded. Each bound says whether it is
    included, so "2000元以内(含2000元)" and "超过2000元" meet at exactly one side."""

    low: Decimal | None = None
    low_inclusive: bool = True
    high: Decimal | None = None
    high_inclusive: bool = True

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("the lower bound is above the upper bound")

    @property
    def unbounded(self) -> bool:
        return self.low is None and self.high is None

    def contains(self, amount: Decimal | None) -> bool:
        """Whether `amount` lies in the range. An unknown amount lies only in the unbounded
        range (a rule that needs an amount does not match a request without one)."""
        if self.unbounded:
            return True
        if amount is None:
            return False
        if self.low is not None and (
            amount < self.low or (amount == self.low and not self.low_inclusive)
        ):
            return False
        return not (
            self.high is not None
            and (amount > self.high or (amount == self.high and not self.high_inclusive))
        )  # fmt: skip

    def words(self, lang: str) -> str:
        """The range as a person reads it (¥ amounts with the bounds' inclusion)."""
        zh = lang.startswith("zh")
        parts: list[str] = []
        if self.low is not None:
            parts.append(f"≥ ¥{self.low:,.2f}" if self.low_inclusive else f"> ¥{self.low:,.2f}")
        if self.high is not None:
            parts.append(f"≤ ¥{self.high:,.2f}" if self.high_inclusive else f"< ¥{self.high:,.2f}")
        if not parts:
            return "任何金额" if zh else "any amount"
        joined = ("且" if zh else " and ").join(parts)
        return f"金额 {joined}" if zh else f"amount {joined}"


@dataclass(frozen=True)
class Conditions:
    """Typed conditions besides the amount. `share_above` / `share_at_most`: the surrender total
    over total premiums (0..1). A request that does not give the share counts as above every
    threshold (the cautious reading: it goes to the higher approver). `subject_is_manager`:
    None = either; True/False = only when the person the action concerns is / is not a
    manager."""

    share_above: Decimal | None = None
    share_at_most: Decimal | None = None
    subject_is_manager: bool | None = None

    def hold(self, request: ApprovalRequest) -> bool:
        share = request.premium_share
        if self.share_above is not None and share is not None and share <= self.share_above:
            return False
        if self.share_at_most is not None and (share is None or share > self.share_at_most):
            return False
        return (
            self.subject_is_manager is None or self.subject_is_manager == request.subject_is_manager
        )

    def words(self, lang: str) -> list[str]:
        zh = lang.startswith("zh")
        out: list[str] = []
        if self.share_above is not None:
            pct = _percent(self.share_above)
            out.append(f"解约总额超过总保费的{pct}" if zh else f"total above {pct} of premiums")
        if self.share_at_most is not None:
            pct = _percent(self.share_at_most)
            out.append(f"解约总额不超过总保费的{pct}" if zh else f"total at most {pct} of premiums")
        if self.subject_is_manager is True:
            out.append("被投诉人为管理人员" if zh else "the subject is a manager")
        if self.subject_is_manager is False:
            out.append("被投诉人非管理人员" if zh else "the subject is not a manager")
        return out


def _percent(share: Decimal) -> str:
    value = (share * 100).normalize()
    return f"{value:f}%"


@dataclass(frozen=True)
class ApprovalRule:
    """One row of the matrix: for `action` with an amount in `amounts` and `conditions`
    holding, `approver` approves. `key` is stable within a preset; `source` cites the seed."""

    key: str
    action: ApprovalAction
    approver: Role
    amounts: AmountRange = AmountRange()
    conditions: Conditions = Conditions()
    source: str = ""

    def matches(self, request: ApprovalRequest) -> bool:
        return (
            request.action is self.action
            and self.amounts.contains(request.amount)
            and self.conditions.hold(request)
        )

    def words(self, lang: str) -> str:
        """The rule in words: "协议解约：金额 > ¥2,000.00 且 ≤ ¥10,000.00 → 客服部经理"."""
        zh = lang.startswith("zh")
        index = 0 if zh else 1
        parts = [self.amounts.words(lang), *self.conditions.words(lang)]
        what = ("，" if zh else ", ").join(parts)
        head = ACTION_NAMES[self.action][index]
        approver = ROLE_NAMES.get(self.approver, (self.approver.value, self.approver.value))[index]
        colon = "：" if zh else ": "
        text = f"{head}{colon}{what} → {approver}"
        return (
            f"{text}（{self.source}）"
            if zh and self.source
            else (f"{text} ({self.source})" if self.source else text)
        )


@dataclass(frozen=True)
class ApprovalRequest:
    action: ApprovalAction
    amount: Decimal | None = None
    premium_share: Decimal | None = None
    subject_is_manager: bool = False


@dataclass(frozen=True)
class Route:
    """The approver the matrix names and the rule that named it (in zh and en)."""

    approver: Role
    rule: ApprovalRule
    words_zh: str
    words_en: str


def route(rules: Sequence[ApprovalRule], request: ApprovalRequest) -> Route | None:
    """The first rule in order of precedence that matches `request`; None when none does."""
    for rule in rules:
        if rule.matches(request):
            return Route(rule.approver, rule, rule.words("zh"), rule.words("en"))
    return None


def first_present(role: Role, present: Iterable[Role]) -> tuple[Role, tuple[Role, ...]]:
    """The role that takes the approval when `role` may have nobody present: `role` itself if
    it is in `present`, else the first role up the chain that is. Returns it and the roles
    skipped on the way (for the history). At the top with nobody present, the top role."""
    available = frozenset(present)
    chain = escalation_chain(role)
    for index, candidate in enumerate(chain):
        if candidate in available:
            return candidate, chain[:index]
    return chain[-1], chain[:-1]


def parse_share(value: str) -> Decimal:
    """A premium share given as a fraction ("0.7") or a percentage ("70%")."""
    text = value.strip()
    if text.endswith("%"):
        return Decimal(text[:-1].strip()) / 100
    return Decimal(text)
