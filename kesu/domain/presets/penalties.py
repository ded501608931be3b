"""The penalty catalogue of seed 002 (物业客户投诉管理制度 「七、客户投诉处罚与处分」 and the
销售 rulebook's 4.2.3.1 ④⑤), as written: five tiers for staff at fault in a complaint, and the
three fixed fines for the sales staff's complaints. Loaded into `decisions.PenaltyTier` by
`manage.py load_presets` (administrators edit the rows on /manage/penalties/ afterwards).

Amounts are yuan per occurrence; a tier with `fine_min == fine_max` is a fixed fine, one with a
range (30–100) takes the amount the proposer sets inside it, one without a fine takes none."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: The 处分 a tier carries besides the fine.
SANCTION_NONE = ""
SANCTION_REPRIMAND = "reprimand"  # 申诫处分
SANCTION_DEMERIT = "demerit"  # 记大过处分
SANCTION_DISMISSAL = "dismissal"  # 辞退或开除


@dataclass(frozen=True)
class PenaltyPreset:
    code: str
    name_zh: str
    name_en: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    performance_points: int | None  # 扣除月度绩效考评分
    forfeits_performance_pay: bool  # 扣除当月绩效工资
    company_notice: bool  # 通报全公司
    sanction: str
    legal_referral: bool  # 追究经济及法律责任, 移交司法机关
    circumstances: str
    source: str


def _yuan(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


SOURCE = "seed 002 物业客户投诉管理制度 七、客户投诉处罚与处分"
SALES_SOURCE = "seed 002 客户投诉管理制度 4.2.3.1 抱怨类投诉处理"

PENALTY_PRESETS: tuple[PenaltyPreset, ...] = (
    PenaltyPreset(
        "tier_1",
        "一级：经济处罚30-100元/次",
        "Tier 1: fine of 30–100 yuan per occurrence",
        _yuan(30),
        _yuan(100),
        None,
        False,
        False,
        SANCTION_NONE,
        False,
        "1.服务态度不佳，服务效率低下；2.对业务工作不熟悉，无法带给专业服务；"
        "3.不尊重客户，讥笑、议论客户，在客户面前指手划脚、交头接耳",
        f"{SOURCE}（一）",
    ),
    PenaltyPreset(
        "tier_2",
        "二级：罚款200元，扣月度绩效考评分5分，通报全公司",
        "Tier 2: fine of 200 yuan, 5 monthly performance points, company-wide notice",
        _yuan(200),
        _yuan(200),
        5,
        False,
        True,
        SANCTION_NONE,
        False,
        "1.接待客户态度冷淡，擅自减少服务流程；2.利用职便，故意刁难客户者；"
        "3.不尊重客户，与客户发生争执者",
        f"{SOURCE}（二）",
    ),
    PenaltyPreset(
        "tier_3",
        "三级：申诫处分，罚款300元，扣月度绩效考评分10分，通报全公司",
        "Tier 3: reprimand, fine of 300 yuan, 10 monthly performance points, company-wide notice",
        _yuan(300),
        _yuan(300),
        10,
        False,
        True,
        SANCTION_REPRIMAND,
        False,
        "1.对投诉事实拒不承认者；2.主管管理不力，不能有效监督服务工作及解决投诉者",
        f"{SOURCE}（三）",
    ),
    PenaltyPreset(
        "tier_4",
        "四级：记大过处分，罚款1000元，扣除当月绩效工资，通报全公司",
        "Tier 4: serious demerit, fine of 1000 yuan, the month's performance pay forfeited, "
        "company-wide notice",
        _yuan(1000),
        _yuan(1000),
        None,
        True,
        True,
        SANCTION_DEMERIT,
        False,
        "1.接到投诉或遇见可能发生的投诉，隐瞒不报者；"
        "3.不配合解决客户投诉，延误处理时机，使投诉进一步恶化者",
        f"{SOURCE}（四）",
    ),
    PenaltyPreset(
        "tier_5",
        "五级：辞退或开除；情节严重的追究经济及法律责任，视状况移交司法机关",
        "Tier 5: dismissal; in serious cases financial and legal liability, referral to the "
        "judicial authorities",
        None,
        None,
        None,
        False,
        False,
        SANCTION_DISMISSAL,
        True,
        "1.辱骂、殴打客户者；4.对投诉客户进行打击报复者；"
        "5.因未能妥善处理客户投诉，对公司或发展商声誉造成重大损失者；"
        "对客户给予不实之承诺，导致公司或发展商受损失者",
        f"{SOURCE}（五）",
    ),
    PenaltyPreset(
        "sales_policy_complaint",
        "责任销售经理：经济处罚50元/次",
        "Responsible sales manager: fine of 50 yuan per occurrence",
        _yuan(50),
        _yuan(50),
        None,
        False,
        False,
        SANCTION_NONE,
        False,
        "因客户对市场有关政策的不知晓、不理解或误解而引起的抱怨类投诉，每发生一次",
        f"{SALES_SOURCE} ④",
    ),
    PenaltyPreset(
        "sales_unapproved_notice",
        "私自发文：经济处罚50元/人次",
        "Unapproved notice to customers: fine of 50 yuan per person and occurrence",
        _yuan(50),
        _yuan(50),
        None,
        False,
        False,
        SANCTION_NONE,
        False,
        "未经有效审批，或私自向客户发文或传达非正式市场政策信息者",
        f"{SALES_SOURCE} ⑤",
    ),
    PenaltyPreset(
        "sales_notice_complaint",
        "私自发文引发投诉：当事人经济处罚100元",
        "Unapproved notice that caused a complaint: fine of 100 yuan",
        _yuan(100),
        _yuan(100),
        None,
        False,
        False,
        SANCTION_NONE,
        False,
        "私自向客户发文或传达非正式市场政策信息，由此而造成客户误解而引发投诉",
        f"{SALES_SOURCE} ⑤",
    ),
)
