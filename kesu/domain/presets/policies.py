"""Deadline policy presets from the seeds and regulator rules (R-18)."""

from __future__ import annotations

from dataclasses import replace

from kesu.domain.clocks import (
    PLATFORM_DEFAULT,
    ClockRule,
    ExtensionStep,
    PauseReason,
    PolicyRules,
    StartEvent,
    Timing,
)
from kesu.domain.deadlines import Period
from kesu.domain.presets import DeadlinePolicyPreset
from kesu.domain.vocabulary import CaseKind, Channel, Role, Severity, TimeUnit

ALL_REASONS = frozenset(PauseReason)
APPRAISAL_ONLY = frozenset({PauseReason.APPRAISAL})  # CBIRC: appraisal and testing time only
RECEIPT, ACCEPTANCE, ANSWER, DELIVERY = (
    StartEvent.RECEIPT,
    StartEvent.ACCEPTANCE,
    StartEvent.ANSWER,
    StartEvent.DELIVERY,
)
SET_DAY = Timing.SET_DAY


def _wd(amount: int) -> Period:
    return Period(amount, TimeUnit.WORKING_DAYS)


def _cd(amount: int) -> Period:
    return Period(amount, TimeUnit.CALENDAR_DAYS)


def _wh(amount: int) -> Period:
    return Period(amount, TimeUnit.WORKING_HOURS)


def _h(amount: int) -> Period:
    """Plain hours: 「1小时内」 is sixty minutes of clock time (W8), not a working hour."""
    return Period(amount, TimeUnit.HOURS)


Clock = Period | ClockRule


def _clock(value: Clock, start: StartEvent, pausable: frozenset[PauseReason]) -> ClockRule:
    rule = value if isinstance(value, ClockRule) else ClockRule(value, start)
    return replace(rule, pausable=pausable)  # one pause rule per policy (as stored)


def _rules(
    *,
    acceptance: Clock,
    first_contact: Clock,
    resolution: Clock,
    investigation: Clock | None = None,
    return_visit: Clock | None = None,
    pausable: frozenset[PauseReason] = ALL_REASONS,
) -> PolicyRules:
    """Rules whose clocks count from the usual events (acceptance from receipt, handling from
    acceptance, the return visit from the answer) unless given as a `ClockRule`. Where a
    rulebook does not say that its time limit runs on regardless, every pause reason stops it
    (the platform's choice)."""
    return PolicyRules(
        acceptance=_clock(acceptance, RECEIPT, pausable),
        first_contact=_clock(first_contact, ACCEPTANCE, pausable),
        resolution=_clock(resolution, ACCEPTANCE, pausable),
        investigation=_clock(investigation, ACCEPTANCE, pausable) if investigation else None,
        return_visit=_clock(return_visit, ANSWER, pausable) if return_visit else None,
    )


_OPEN_ACCEPTANCE = "acceptance 1 working day is the platform's choice (the seed leaves it open)"
# Return visit 回访, counted from the answer: seed 000 三(三)2「熱線接聽人員在收到處理結果
# 反饋後,應在[X]個工作日內再次與客戶聯繫」leaves the number open; 3 working days is the platform's
# choice wherever a rulebook sets none ("platform 3 wd" below). The insurer's investigation
# clock 调查 (seed 004 恒康天安 第八条(一)「自受理之日起7个工作日内完成调查取证工作」) is kept: the
# first contact stops the contact clock, not the investigation (W5). Limits a rulebook counts
# from receipt (「接到投诉之日起」) start at receipt, not acceptance (W4); 「1小时内」 is plain
# hours (W8); return visits on a day the seed names are set days (W7).

DEADLINE_POLICY_PRESETS: tuple[DeadlinePolicyPreset, ...] = (
    # Platform default: seed 004 恒康天安 第五条(一)「告知客户7个工作日内给予联系和处理」and
    # 第八条(二)「自受理之日起15个工作日内给予客户明确答复或处理方案」.
    DeadlinePolicyPreset(
        code="platform_default",
        name_zh="平台默认时限",
        name_en="Platform default",
        source="seed 004 恒康天安《投诉管理办法》第五条(一)、第八条(一)(二); " + _OPEN_ACCEPTANCE,
        # return visit: platform 3 wd
        kind=None,
        severity=None,
        category_code=None,
        rules=PLATFORM_DEFAULT,
    ),
    # (a) seed 004 恒康天安 第八条(一)「自受理之日起7个工作日内完成调查取证工作,并与客户沟通」,
    # (二)「15个工作日内给予客户明确答复或处理方案」
    DeadlinePolicyPreset(
        code="insurer_complaint",
        name_zh="保险投诉:7个工作日联系,15个工作日答复",
        name_en="Insurer complaint: contact in 7, answer in 15 working days",
        source="seed 004 恒康天安《投诉管理办法》第五条(一)、第八条(一)(二); " + _OPEN_ACCEPTANCE,
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=PLATFORM_DEFAULT,
    ),
    # (b) seed 004 恒康天安 第八条(二)「重大疑难投诉案件30日内给予客户答复或处理方案」
    DeadlinePolicyPreset(
        code="insurer_major",
        name_zh="重大疑难投诉:30日内答复",
        name_en="Major complaint: answer within 30 days",
        source="seed 004 恒康天安《投诉管理办法》第八条(一)(二); " + _OPEN_ACCEPTANCE,
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=Severity.MAJOR,
        category_code=None,
        rules=replace(PLATFORM_DEFAULT, resolution=ClockRule(_cd(30), ACCEPTANCE)),
    ),
    # (c) seed 004 大荔县烟草 第十条「咨询类、求助类、告知类等事项…在一个工作日内进行解答」
    DeadlinePolicyPreset(
        code="enquiry_one_day",
        name_zh="咨询:一个工作日内解答",
        name_en="Enquiry: answered within 1 working day",
        source="seed 004 大荔县烟草《举报投诉管理办法》第十条; " + _OPEN_ACCEPTANCE,
        kind=CaseKind.ENQUIRY,
        severity=None,
        category_code=None,
        rules=_rules(acceptance=_wd(1), first_contact=_wd(1), resolution=_wd(1)),
    ),
    # (c) seed 004 大荔县烟草 第十一条「生产经营投诉…在二个工作日内反馈处理结果」
    DeadlinePolicyPreset(
        code="tobacco_operations",
        name_zh="生产经营投诉:二个工作日内反馈处理结果",
        name_en="Operational complaint: result within 2 working days",
        source=(
            "seed 004 大荔县烟草《举报投诉管理办法》第十一条; "
            + _OPEN_ACCEPTANCE
            + "; first contact not set by the seed, capped at the resolution limit"
        ),
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code="tobacco_operations",
        rules=_rules(
            acceptance=_wd(1), first_contact=_wd(2), resolution=_wd(2), return_visit=_wd(3)
        ),
    ),
    # (d) seed 002 篇六 五「一个工作日内展开调查,核实状况后做出相应措施,
    # 二个工作日内给予客户满意回复」
    DeadlinePolicyPreset(
        code="service_two_day",
        name_zh="服务投诉:一个工作日内调查,二个工作日内满意回复",
        name_en="Service complaint: investigate in 1, satisfy in 2 working days",
        source=(
            "seed 002 篇六《客户服务投诉管理制度》五 客户投诉期限; "
            + _OPEN_ACCEPTANCE
            + "; the 1-day investigation start is used as the first-contact limit"
        ),
        # return visit: platform 3 wd (篇六 客户回访 by 人事行政经理 sets no limit)
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_wd(1), first_contact=_wd(1), resolution=_wd(2), return_visit=_wd(3)
        ),
    ),
    # seed 002 篇二 4.2.3.3 2)⑦「《客户产品质量投诉处理备忘单》应在生产部经理接收到投诉处理后第2个
    # 工作日内完成」(agreed with the customer by 会签); ②③ the sales manager goes on site「立即」.
    DeadlinePolicyPreset(
        code="dealer_product_quality",
        name_zh="产品质量投诉:第2个工作日内完成处理备忘单",
        name_en="Product quality: handling memo agreed by the 2nd working day",
        source=(
            "seed 002 篇二 4.2.3.3 2)②③⑦; "
            + _OPEN_ACCEPTANCE
            + "; the seed counts from receipt by the production manager"
        ),
        # return visit: 篇二 5.4 1) 交货期第2天回访: on the 2nd day after delivery (W7)
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code="product_quality",
        rules=_rules(
            acceptance=_wd(1),
            first_contact=_wd(1),
            resolution=_wd(2),
            return_visit=ClockRule(_cd(2), DELIVERY, SET_DAY),
        ),
    ),
    # seed 002 篇二 4.2.3.4 3)「仓储物流主任…在第2个工作日完成处理意见并反馈客服主任」
    DeadlinePolicyPreset(
        code="dealer_appearance_packaging",
        name_zh="外观包装类投诉:第2个工作日完成处理意见",
        name_en="Appearance and packaging: opinion by the 2nd working day",
        source=(
            "seed 002 篇二 4.2.3.4 3); "
            + _OPEN_ACCEPTANCE
            + "; first contact not set by the seed, capped at the resolution limit"
        ),
        # return visit: 篇二 5.4 2)「其他类问题投诉在回复客户处理意见后15天」回访
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code="appearance_packaging",
        rules=_rules(
            acceptance=_wd(1),
            first_contact=_wd(2),
            resolution=_wd(2),
            return_visit=ClockRule(_cd(15), ANSWER, SET_DAY),
        ),
    ),
    # seed 002 篇二 4.2.3.5 3)「对应系统负责人应在接收投诉后第2个工作日完成处理意见并反馈客服主任」
    DeadlinePolicyPreset(
        code="dealer_service_quality",
        name_zh="服务质量类投诉:第2个工作日完成处理意见",
        name_en="Service quality: opinion by the 2nd working day",
        source=(
            "seed 002 篇二 4.2.3.5 3); "
            + _OPEN_ACCEPTANCE
            + "; first contact not set by the seed, capped at the resolution limit"
        ),
        # return visit: 篇二 5.4 2)「其他类问题投诉在回复客户处理意见后15天」回访
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code="service_quality",
        rules=_rules(
            acceptance=_wd(1),
            first_contact=_wd(2),
            resolution=_wd(2),
            return_visit=ClockRule(_cd(15), ANSWER, SET_DAY),
        ),
    ),
    # (e) seed 004《客户投诉处理流程及管理办法》5.2.2「接到投诉后的1小时内发出《客户投诉处理单》」,
    # 5.3.1「一般投诉应在3个工作日内回复」
    DeadlinePolicyPreset(
        code="manufacturing_general",
        name_zh="制造业一般投诉:3个工作日内回复",
        name_en="Manufacturing complaint: reply within 3 working days",
        source=(
            "seed 004《客户投诉处理流程及管理办法》5.2.2、5.3.1; the 1-hour dispatch of the"
            " 处理单 is the acceptance limit; first contact not set, capped at the reply limit"
        ),
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_h(1),
            first_contact=ClockRule(_wd(3), RECEIPT),
            resolution=ClockRule(_wd(3), RECEIPT),
            return_visit=_wd(3),
        ),
    ),
    # (e) seed 004《客户投诉处理流程及管理办法》5.3.1
    # 「重大投诉/抱怨应在8个工作小时内提出临时改善对策,并在2个工作日内回复永久对策」
    DeadlinePolicyPreset(
        code="manufacturing_major",
        name_zh="制造业重大投诉:8个工作小时临时对策,2个工作日永久对策",
        name_en="Manufacturing major: interim measure in 8 working hours, permanent in 2 days",
        source=(
            "seed 004《客户投诉处理流程及管理办法》5.2.2、5.3.1; the interim measure (临时改善对策)"
            " is used as the first-contact limit"
        ),
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=Severity.MAJOR,
        category_code=None,
        rules=_rules(
            acceptance=_h(1),
            first_contact=ClockRule(_wh(8), RECEIPT),
            resolution=ClockRule(_wd(2), RECEIPT),
            return_visit=_wd(3),
        ),
    ),
    # (f) seed 004《电信用户申诉处理暂行办法》第八条「在接到用户投诉之日起15个工作日内答复用户」
    DeadlinePolicyPreset(
        code="telecom_miit",
        name_zh="电信业务经营者:15个工作日内答复用户",
        name_en="Telecom operator (MIIT): answer within 15 working days",
        source=(
            "seed 004《电信用户申诉处理暂行办法》(信息产业部令第7号)第八条; "
            + _OPEN_ACCEPTANCE
            + "; the rule counts from receipt, not acceptance; first contact capped at 15"
        ),
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_wd(1),
            first_contact=ClockRule(_wd(15), RECEIPT),
            resolution=ClockRule(_wd(15), RECEIPT),
            return_visit=_wd(3),
        ),
    ),
    # seed 004 物业 4.2.3「信息接收人员须在1小时内将投诉内容告知前台接待员」; no reply limit given.
    DeadlinePolicyPreset(
        code="property_complaint",
        name_zh="物业投诉:1小时内登记",
        name_en="Property complaint: logged within 1 hour",
        source=(
            "seed 004 物业《投诉处理管理办法》4.2.3 (1-hour hand-over to reception as acceptance);"
            " contact 7 and answer 15 working days are the platform default"
        ),
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_h(1),
            first_contact=_wd(7),
            resolution=_wd(15),
            return_visit=ClockRule(_cd(3), ANSWER),
        ),
    ),
    # (g) Suggestions: seed 002 篇二 4.2.3.2 sends valuable suggestions to the vice president for
    # study, with no time limit; the platform default applies.
    DeadlinePolicyPreset(
        code="suggestion_default",
        name_zh="建议:默认时限",
        name_en="Suggestion default",
        source="platform default; seed 002 篇二 4.2.3.2 sets no time limit for 建议类",
        kind=CaseKind.SUGGESTION,
        severity=None,
        category_code=None,
        rules=_rules(acceptance=_wd(1), first_contact=_wd(7), resolution=_wd(15)),
    ),
    # (g) Praise: no seed sets a limit; thank the customer and pass the praise on.
    DeadlinePolicyPreset(
        code="praise_default",
        name_zh="表扬:默认时限",
        name_en="Praise default",
        source="platform default; no seed sets a time limit for praise",
        kind=CaseKind.PRAISE,
        severity=None,
        category_code=None,
        rules=_rules(acceptance=_wd(1), first_contact=_wd(7), resolution=_wd(15)),
    ),
    # Whistleblowing 举报: seed 004 员工投诉举报管理办法 第十二条「受理部门在30个工作日内办理完毕;
    # 情况比较复杂的, 经总裁批准, 可适当延长办理期限, 但不得超过60日」 — counted from receipt,
    # one extension approved by the president (general manager), the reporter told through the
    # key. Applied by `kesu.whistleblowing.services` (the discipline function's own steps).
    DeadlinePolicyPreset(
        code="whistleblowing_30_days",
        name_zh="举报:30个工作日内办结,经总裁批准可延长至60日",
        name_en="Whistleblowing: 30 working days, up to 60 with the president's approval",
        source="seed 004 员工投诉举报管理办法 第十二条",
        kind=CaseKind.WHISTLEBLOWING,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=ClockRule(_wd(30), RECEIPT),
            first_contact=ClockRule(_wd(30), RECEIPT),
            resolution=ClockRule(
                _wd(30),
                RECEIPT,
                extensions=(ExtensionStep(_wd(30), Role.GENERAL_MANAGER, tell_customer=True),),
                total_cap=_wd(60),
            ),
            pausable=frozenset(),
        ),
    ),
    # Regulator rules, loaded switched off; an organisation turns on the one it answers to.
    # 银保监会令2020年第3号《银行保险机构消费投诉处理管理办法》: decide and notify the complainant
    # within 15 days of receipt; complex cases up to 30 days; with the approval of senior
    # management a further 30 days. Time for appraisal, testing etc. is not counted (pause).
    DeadlinePolicyPreset(
        code="cbirc_2020_order3",
        name_zh="银保监会令2020年第3号:15日内作出处理决定",
        name_en="CBIRC 2020 Order 3: decision within 15 days",
        source="银保监会令2020年第3号《银行保险机构消费投诉处理管理办法》(处理时限); "
        + _OPEN_ACCEPTANCE,
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_wd(1),
            first_contact=ClockRule(_cd(15), RECEIPT),
            resolution=ClockRule(
                _cd(15),
                RECEIPT,
                extensions=(
                    # 情况复杂的, 可以延长至30日 (the customer told the time and the reason)
                    ExtensionStep(_cd(15), Role.SUPERVISOR, tell_customer=True),
                    # 情况特别复杂…经高级管理人员审批并告知投诉人, 可以再延长30日
                    ExtensionStep(_cd(30), Role.GENERAL_MANAGER, tell_customer=True),
                ),
                total_cap=_cd(60),
            ),
            return_visit=_wd(3),
            pausable=APPRAISAL_ONLY,
        ),
    ),
    # 工业和信息化部令第35号(2016)《电信用户申诉处理办法》: the operator answers a complaint within
    # 15 days; the appeals body declines fee disputes older than 5 months and other matters
    # older than 2 years (decline reasons fee_dispute_too_old / too_old).
    DeadlinePolicyPreset(
        code="miit_2016_order35",
        name_zh="工信部令第35号:电信业务经营者15日内答复",
        name_en="MIIT 2016 Order 35: operator answers within 15 days",
        source="工业和信息化部令第35号《电信用户申诉处理办法》(2016); " + _OPEN_ACCEPTANCE,
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_wd(1),
            first_contact=ClockRule(_cd(15), RECEIPT),
            resolution=ClockRule(_cd(15), RECEIPT),
            return_visit=_wd(3),
        ),
    ),
    # 国家市场监督管理总局令第20号(2019)《市场监督管理投诉举报处理暂行办法》: an acceptance
    # decision within 7 working days of receiving a complaint (used for 12315 transfers).
    DeadlinePolicyPreset(
        code="samr_2019_order20",
        name_zh="市场监管总局令第20号:7个工作日内作出受理决定",
        name_en="SAMR 2019 Order 20: acceptance decision within 7 working days",
        source="国家市场监督管理总局令第20号《市场监督管理投诉举报处理暂行办法》(2019); "
        "resolution: the platform default 15 working days",
        # return visit: platform 3 wd
        kind=None,
        severity=None,
        category_code=None,
        channel=Channel.REGULATOR,
        rules=_rules(
            acceptance=_wd(7), first_contact=_wd(7), resolution=_wd(15), return_visit=_wd(3)
        ),
    ),
    # seed 004 食品药品《投诉举报管理制度》六「于收到之日起5日内作出是否受理的决定」, and「自受理
    # 之日起15日内…告知投诉举报人」; 「日」 without 工作 is calendar days. Its screening (五(三)
    # 诉讼、仲裁) is in presets.screening.
    DeadlinePolicyPreset(
        code="food_drug_complaint",
        name_zh="食品药品投诉举报:5日内作出是否受理的决定",
        name_en="Food and drug complaint: acceptance decided within 5 days",
        source="seed 004 食品药品《投诉举报管理制度》五、六; resolution: the platform default"
        " 15 working days",
        # return visit: platform 3 wd
        kind=CaseKind.COMPLAINT,
        severity=None,
        category_code=None,
        rules=_rules(
            acceptance=_cd(5), first_contact=_cd(15), resolution=_wd(15), return_visit=_wd(3)
        ),
    ),
)
