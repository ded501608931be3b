"""Approval-matrix presets (R-12), each a table of rules in order of precedence.

- `insurer`: 恒康天安 《投诉案件管理办法》 第四条 (seed 004) exactly as written: 协议解约 by
  the part above the cash value (≤ ¥2,000 incl. and total ≤ 70 % of premiums → 咨诉主管;
  ¥2,000–10,000 incl. or total > 70 % → 客服部经理; above ¥10,000 → 总经理) and items
  (二)…(七). A handling plan with an amount (not named by 第四条) follows the amount bands
  of (一) — the platform's choice.
- `manufacturer`: the car maker's rulebook in seed 004 (长安铃木): 特案保修
  「由技术支持系授权处理」, and 特别理赔 (善意补偿), of which 特案 is a part, likewise needs
  the technical approval.
- `gm_results`: seed 002 篇五 7.2/7.3 「处理结果经公司总经理审批后，由办公室反馈到客户」 and
  篇六 「部门经理负责本部门投诉事件的处罚管理…部门经理本人被投诉的，由人事行政部提报，
  总经理视情节给予处分」.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kesu.domain.approvals import AmountRange, ApprovalAction, ApprovalRule, Conditions
from kesu.domain.vocabulary import Role

A = ApprovalAction
D2000, D10000, SEVENTY = Decimal("2000"), Decimal("10000"), Decimal("0.70")
ZERO = Decimal("0")

UP_TO_2000 = AmountRange(low=ZERO, high=D2000, high_inclusive=True)
FROM_2000_TO_10000 = AmountRange(low=D2000, low_inclusive=False, high=D10000, high_inclusive=True)
ABOVE_10000 = AmountRange(low=D10000, low_inclusive=False)


@dataclass(frozen=True)
class ApprovalPreset:
    key: str
    name_zh: str
    name_en: str
    source: str
    rules: tuple[ApprovalRule, ...]


_S004 = "004 恒康天安 第四条"

INSURER = ApprovalPreset(
    key="insurer",
    name_zh="保险公司审批权限（恒康天安 第四条）",
    name_en="Insurer's approval authority (恒康天安 art. 4)",
    source=f"seed {_S004}",
    rules=(
        # (一)3 first: above ¥10,000 the general manager, whatever the share.
        ApprovalRule("surrender_gm", A.SURRENDER, Role.GENERAL_MANAGER, ABOVE_10000,
                     source=f"{_S004}(一)3"),
        # (一)2 "或": above 70 % of premiums goes to the CS manager at any amount up to ¥10,000.
        ApprovalRule("surrender_share", A.SURRENDER, Role.CS_MANAGER,
                     AmountRange(low=ZERO, high=D10000),
                     Conditions(share_above=SEVENTY), source=f"{_S004}(一)2"),
        ApprovalRule("surrender_cs", A.SURRENDER, Role.CS_MANAGER, FROM_2000_TO_10000,
                     source=f"{_S004}(一)2"),
        ApprovalRule("surrender_supervisor", A.SURRENDER, Role.SUPERVISOR, UP_TO_2000,
                     Conditions(share_at_most=SEVENTY), source=f"{_S004}(一)1"),
        ApprovalRule("agent_change", A.AGENT_CHANGE, Role.SUPERVISOR, source=f"{_S004}(二)"),
        ApprovalRule("late_fee_waiver", A.LATE_FEE_WAIVER, Role.SUPERVISOR,
                     source=f"{_S004}(三)"),
        ApprovalRule("premium_callback", A.PREMIUM_CALLBACK, Role.CS_MANAGER,
                     source=f"{_S004}(四)"),
        ApprovalRule("advance_payment", A.ADVANCE_PAYMENT, Role.CS_MANAGER,
                     source=f"{_S004}(五)"),
        ApprovalRule("commission_freeze", A.COMMISSION_FREEZE, Role.CS_MANAGER,
                     source=f"{_S004}(六)"),
        ApprovalRule("co_handling", A.CO_HANDLING, Role.SUPERVISOR, source=f"{_S004}(七)"),
        # A plan's amount: the bands of (一) (platform's choice; 第四条 names no plan item).
        ApprovalRule("plan_gm", A.PLAN, Role.GENERAL_MANAGER, ABOVE_10000,
                     source=f"{_S004}(一)"),
        ApprovalRule("plan_cs", A.PLAN, Role.CS_MANAGER, FROM_2000_TO_10000,
                     source=f"{_S004}(一)"),
        ApprovalRule("plan_supervisor", A.PLAN, Role.SUPERVISOR, source=f"{_S004}(一)"),
    ),
)  # fmt: skip

_CAR = "004 长安铃木 特案保修/特别理赔"

MANUFACTURER = ApprovalPreset(
    key="manufacturer",
    name_zh="制造商：善意补偿与特案保修的技术审批",
    name_en="Manufacturer: technical approval of goodwill compensation and special warranty",
    source=f"seed {_CAR}",
    rules=(
        ApprovalRule("special_warranty", A.SPECIAL_WARRANTY, Role.TECHNICAL_APPROVER,
                     source=f"{_CAR}「由技术支持系授权处理」"),
        ApprovalRule("goodwill", A.GOODWILL, Role.TECHNICAL_APPROVER, source=_CAR),
        ApprovalRule("plan", A.PLAN, Role.SUPERVISOR, source="platform default"),
    ),
)  # fmt: skip

_S002 = "002 篇五 7.2/7.3"

GM_RESULTS = ApprovalPreset(
    key="gm_results",
    name_zh="处理结果经总经理审批（002）",
    name_en="The general manager approves results (002)",
    source=f"seed {_S002}",
    rules=(
        ApprovalRule("plan_gm", A.PLAN, Role.GENERAL_MANAGER,
                     source=f"{_S002}「经公司总经理审批」"),
        ApprovalRule("penalty_manager", A.PENALTY, Role.GENERAL_MANAGER,
                     conditions=Conditions(subject_is_manager=True),
                     source="002 篇六「部门经理本人被投诉的…总经理视情节给予处分」"),
        ApprovalRule("penalty", A.PENALTY, Role.DEPARTMENT_HEAD,
                     source="002 篇六「部门经理负责本部门投诉事件的处罚管理」"),
    ),
)  # fmt: skip

APPROVAL_PRESETS: tuple[ApprovalPreset, ...] = (INSURER, MANUFACTURER, GM_RESULTS)


def approval_preset(key: str) -> ApprovalPreset:
    """The preset named `key`; KeyError listing the known keys otherwise."""
    for preset in APPROVAL_PRESETS:
        if preset.key == key:
            return preset
    known = ", ".join(p.key for p in APPROVAL_PRESETS)
    raise KeyError(f"unknown approval preset {key!r} (known: {known})")
