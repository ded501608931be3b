"""Coded vocabularies from the seeds: decline reasons, major criteria, relations, methods."""

from __future__ import annotations

from kesu.domain.presets import Term

DECLINE_REASONS: tuple[Term, ...] = (
    # seed 004 天翼空间 第八条(二)「投诉事宜不具体无法核实调查」
    Term(
        "not_specific",
        "投诉事宜不具体,无法核实调查",
        "Not specific enough to verify or investigate",
        "seed 004 天翼空间《客户投诉管理办法》第八条(二)无效投诉",
    ),
    # seed 004《投诉举报管理制度》五(二)「无明确的投诉举报对象或违法行为的」
    Term(
        "no_clear_subject",
        "无明确的投诉举报对象或事项",
        "No identifiable subject or matter",
        "seed 004《投诉举报管理制度》五(二)不予受理",
    ),
    # seed 004 天翼空间 第八条(二)「投诉人信息不完整无法联系」
    Term(
        "no_contact",
        "投诉人信息不完整,无法联系",
        "Complainant's details incomplete, cannot be contacted",
        "seed 004 天翼空间《客户投诉管理办法》第八条(二)无效投诉",
    ),
    # seed 004 天翼空间 第八条(二)「投诉客户为匿名或非客户关系人」
    Term(
        "anonymous_or_unrelated",
        "投诉客户为匿名或非客户关系人",
        "Anonymous, or not a customer or related party",
        "seed 004 天翼空间《客户投诉管理办法》第八条(二)无效投诉",
    ),
    # seed 004《员工投诉举报管理办法》第八条3「非实名举报,经初步审查认为不具备调查条件的」
    Term(
        "anonymous_not_investigable",
        "非实名举报,经初步审查不具备调查条件",
        "Anonymous report that cannot be investigated",
        "seed 004《员工投诉举报管理办法》第七条、第八条3",
    ),
    # seed 004 天翼空间 第八条(二)「投诉对象非中国电信管理范畴或投诉内容超出电信服务范围」;
    # 《投诉举报管理制度》五(一)「不属于…监管职责范围的」
    Term(
        "out_of_scope",
        "投诉对象非本单位管理范畴或投诉内容超出服务范围",
        "Outside the organisation's remit or services",
        "seed 004 天翼空间《客户投诉管理办法》第八条(二);《投诉举报管理制度》五(一)",
    ),
    # seed 004《电信用户申诉处理暂行办法》第十条(二)
    Term(
        "settled",
        "已经达成和解协议并执行",
        "Already settled by an agreement that has been carried out",
        "seed 004《电信用户申诉处理暂行办法》第十条(二)",
    ),
    # seed 004《电信用户申诉处理暂行办法》第十条(三)
    Term(
        "mediated",
        "已就投诉事项进行过调解并出具调解意见书",
        "Already mediated, with a mediation opinion issued",
        "seed 004《电信用户申诉处理暂行办法》第十条(三)",
    ),
    # seed 004《投诉举报管理制度》五(三)
    Term(
        "statutory_route",
        "应当依法通过行政复议、诉讼、仲裁等法定途径解决",
        "Belongs to administrative review, litigation or arbitration",
        "seed 004《投诉举报管理制度》五(三)不予受理",
    ),
    # seed 004《电信用户申诉处理暂行办法》第十条(一)「属于话费争议的…超过五个月的」
    Term(
        "fee_dispute_too_old",
        "费用争议,事项发生时距提起投诉时超过五个月",
        "Fee dispute raised more than 5 months after the event",
        "seed 004《电信用户申诉处理暂行办法》第十条(一)",
    ),
    # seed 004《电信用户申诉处理暂行办法》第十条(一)「其他申诉…超过二年的」
    Term(
        "too_old",
        "其他事项,事项发生时距提起投诉时超过二年",
        "Other matter raised more than 2 years after the event",
        "seed 004《电信用户申诉处理暂行办法》第十条(一)",
    ),
    # seed 002 篇六 四(一)2「决定客户投诉的理由是否充分,投诉要求是否合理。如果投诉不能成立,
    # 用婉转的方式答复客户」
    Term(
        "unfounded",
        "投诉理由不充分或要求不合理,投诉不能成立",
        "Grounds insufficient or demand unreasonable",
        "seed 002 篇六《客户服务投诉管理制度》四(一)2",
    ),
    # seed 004 电信分公司 一(二)2「客户投诉的问题正在处理中,客户再次投诉」— the seed attaches
    # it to the open case and hastens it (催办) rather than opening a new one.
    Term(
        "duplicate",
        "重复投诉(所投诉问题正在处理中)",
        "Duplicate of a case still being handled",
        "seed 004 电信分公司《投诉处理管理办法》一(二)2 重复投诉",
    ),
)


# ---------------------------------------------------------------------------------------------
# Criteria that make a complaint 重大
# ---------------------------------------------------------------------------------------------

MAJOR_CRITERIA: tuple[Term, ...] = (
    # seed 004 恒康天安 第七条(二)1「有下列情况之一者,为重大投诉案件」(1)–(5)
    Term(
        "group_complaint",
        "五人(含五人)以上的群诉案件",
        "Group complaint by five or more people",
        "seed 004 恒康天安《投诉管理办法》第七条(二)1(1)",
    ),
    Term(
        "mainstream_media",
        "主流媒体介入,可能或已经曝光",
        "Mainstream media involved, exposure likely or done",
        "seed 004 恒康天安《投诉管理办法》第七条(二)1(2);长安铃木 A级「有可能招致媒体报导」",
    ),
    Term(
        "government_petition",
        "上访到各级政府及其职能部门,公司方可能存在较大过错",
        "Petition to government, the company likely at fault",
        "seed 004 恒康天安《投诉管理办法》第七条(二)1(3)",
    ),
    Term(
        "serious_injury",
        "发生或可能发生重大人身伤害后果",
        "Serious personal injury happened or is likely",
        "seed 004 恒康天安《投诉管理办法》第七条(二)1(4)",
    ),
    Term(
        "major_negative_impact",
        "其他造成或可能造成重大负面影响",
        "Other serious negative impact, actual or likely",
        "seed 004 恒康天安《投诉管理办法》第七条(二)1(5)",
    ),
    # seed 004《酒店宾客投诉处理管理办法》二 2「重大投诉」
    Term(
        "serious_fault_with_loss",
        "主观存在严重错误,引起客人强烈不满,造成或可能造成经济损失和严重负面影响",
        "Serious fault, strong dissatisfaction, loss or serious harm actual or likely",
        "seed 004《酒店宾客投诉处理管理办法》二 2(3)重大投诉",
    ),
    # seed 004 长安铃木 三「重大客户投诉」①–⑩ and「A级定义」
    Term(
        "fire_or_accident",
        "火灾、大事故(车祸)",
        "Fire or major accident",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉①;A级「车辆火灾、车祸」",
    ),
    Term(
        "airbag",
        "与安全气囊有关",
        "Airbag related",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉②",
    ),
    Term(
        "safety_critical_part",
        "涉及人身安全或重要安全部分(转向、制动系统、安全气囊、发动机突然熄火等)",
        "Personal safety or safety-critical part (steering, brakes, airbag, engine stall)",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉⑧;A级「重要安全部分」",
    ),
    Term(
        "replacement_demand",
        "达不到换车条件,客户要求换车",
        "Replacement demanded without meeting the conditions",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉③",
    ),
    Term(
        "refund_demand",
        "达不到退车条件,客户要求退车",
        "Refund (return) demanded without meeting the conditions",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉④",
    ),
    Term(
        "major_assembly_demand",
        "达不到换总成条件,客户要求更换发动机、变速箱总成",
        "New engine or gearbox assembly demanded without meeting the conditions",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉⑤⑥",
    ),
    Term(
        "replacement_or_damages_demand",
        "提出更换及损害赔偿要求",
        "Demand for replacement and damages",
        "seed 004 长安铃木《客户投诉处理管理办法》A级「提出更换车辆及损害赔偿要求」",
    ),
    Term(
        "public_body_involved",
        "投诉到媒体、消协、工商局等公众部门,或警察、工商、消协等公共机构介入",
        "Taken to the media, consumer association, regulator or police",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉⑦;A级「公共机构介入」",
    ),
    Term(
        "legal_action",
        "起诉到法院,或有可能发展成民事或刑事诉讼",
        "Lawsuit filed, or civil or criminal action likely",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉⑦;A级「民事或刑事诉讼」",
    ),
    Term(
        "breach_of_law",
        "违反国家法律法规导致的客户投诉",
        "Caused by a breach of national law or regulation",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉⑨",
    ),
    Term(
        "written_answer_demand",
        "要求厂家给予书面确认或答复",
        "Demand for a written confirmation or answer",
        "seed 004 长安铃木《客户投诉处理管理办法》A级",
    ),
    Term(
        "repeated_repair",
        "反复修理",
        "Repeated repair",
        "seed 004 长安铃木《客户投诉处理管理办法》A级「反复修理的投诉」",
    ),
    Term(
        "door_blocking",
        "客户堵门",
        "Customer blocking the door",
        "seed 004 长安铃木《客户投诉处理管理办法》A级「客户堵门的投诉」",
    ),
    Term(
        "key_control",
        "其它认为有必要重点管控的客户投诉",
        "Other complaint judged to need close control",
        "seed 004 长安铃木《客户投诉处理管理办法》三 重大客户投诉⑩",
    ),
)


# ---------------------------------------------------------------------------------------------
# Minor / immediately answerable complaints (R-11: answered and closed at intake)
# ---------------------------------------------------------------------------------------------

MINOR_HINTS: tuple[Term, ...] = (
    # seed 002 篇二 4.2.2.2 5)「对于能立即答复的投诉特别是客户抱怨类投诉,
    # 客服主任应立即给投诉人解答」
    Term(
        "immediately_answerable",
        "能立即答复的投诉",
        "Complaint that can be answered at once",
        "seed 002 篇二 4.2.2.2 5)",
    ),
    # seed 002 篇二 4.2.3.1 1)「及时消除客户的误解、牢骚和怨言」
    Term(
        "grumble",
        "抱怨类投诉(误解、牢骚和怨言)",
        "Grumble (misunderstanding, moaning, resentment)",
        "seed 002 篇二 4.2.3.1 1)抱怨类投诉处理",
    ),
    # seed 002 篇二 4.2.3.1 2)「客户对市场有关政策的不知晓、不理解或误解而引起的抱怨」
    Term(
        "policy_misunderstanding",
        "因不知晓、不理解或误解有关政策引起的抱怨",
        "Grumble from not knowing or misreading a policy",
        "seed 002 篇二 4.2.3.1 2)(answered, then passed on for staff accountability)",
    ),
    # seed 002 篇二 4.2.3.2 2)「无价值的建议客服主任应在承接投诉同时向客户进行分析并有艺术性的回绝」
    Term(
        "low_value_suggestion",
        "无价值的建议(承接时即分析并婉拒)",
        "Suggestion of no value, politely declined at intake",
        "seed 002 篇二 4.2.3.2 2)建议类投诉处理",
    ),
    # seed 004 物业 4.2.1「当场可以解决的须当场处理」
    Term(
        "on_the_spot",
        "当场可以解决的投诉",
        "Can be resolved on the spot",
        "seed 004 物业《投诉处理管理办法》4.2.1",
    ),
    # seed 004 电信分公司 一(一)2「已经解释并获得客户认可的,进行记录后,投诉全程处理完成」
    Term(
        "explained_and_accepted",
        "已经解释并获得客户认可",
        "Explained and accepted by the customer",
        "seed 004 电信分公司《投诉处理管理办法》一(一)2",
    ),
    # seed 004 天翼空间 第七条(一): only dissatisfaction that remains after explanation becomes a
    # complaint, so a grumble settled by explanation stays an enquiry.
    Term(
        "enquiry_grumble",
        "咨询过程中表达抱怨,经解释处理后不再不满",
        "Grumble during an enquiry, settled by explanation",
        "seed 004 天翼空间《客户投诉管理办法》第七条(一)",
    ),
    # seed 004《酒店宾客投诉处理管理办法》二 2(1)「轻微投诉」
    Term(
        "minor_shortfall",
        "主观存在一定不足,不涉及服务态度和管理意识,引起客人抱怨、不满,影响较小",
        "Small shortfall, not attitude or management, limited impact",
        "seed 004《酒店宾客投诉处理管理办法》二 2(1)轻微投诉",
    ),
)


# ---------------------------------------------------------------------------------------------
# Complainant's relation to the policy holder / insured / buyer
# ---------------------------------------------------------------------------------------------

# seed 004 恒康天安 附三《来访投诉受理单》has the field「与投保人关系」and names
# 投保人, 被保险人 and 投诉人; it lists no values. The values below are platform presets
# except where marked.
_RELATION_FIELD = "seed 004 恒康天安 附三《来访投诉受理单》「与投保人关系」"

RELATIONS: tuple[Term, ...] = (
    Term("self", "本人", "Self", _RELATION_FIELD + "(platform value)"),
    Term("spouse", "配偶", "Spouse", _RELATION_FIELD + "(platform value)"),
    Term("child", "子女", "Child", _RELATION_FIELD + "(platform value)"),
    Term("parent", "父母", "Parent", _RELATION_FIELD + "(platform value)"),
    Term("other_relative", "其他亲属", "Other relative", _RELATION_FIELD + "(platform value)"),
    Term("insured", "被保险人", "The insured", _RELATION_FIELD + ";附三「被保险人」"),
    Term("beneficiary", "受益人", "Beneficiary", _RELATION_FIELD + "(platform value)"),
    # A person acting under the customer's authority; not the insurer's 代理人 (sales agent).
    Term(
        "authorised_representative",
        "受托人(委托代理人)",
        "Authorised representative",
        _RELATION_FIELD + "(platform value)",
    ),
    # seed 002 篇二 4.2.2.2 1)「接收客户或业务人员电话或书面形式投诉」;
    # 4.2.3.3「属销售经理代客户…提出的」
    Term(
        "sales_staff_on_behalf",
        "业务人员代客户投诉",
        "Company sales staff on the customer's behalf",
        "seed 002 篇二 4.2.2.2 1)、4.2.3.3 2)③",
    ),
    Term("other", "其他", "Other", _RELATION_FIELD + "(platform value)"),
)


# ---------------------------------------------------------------------------------------------
# Handling methods
# ---------------------------------------------------------------------------------------------

HANDLING_METHODS: tuple[Term, ...] = (
    # seed 001 客户投诉统计表「处理方式:退货 换货 折扣 维修 其他」
    Term("return", "退货", "Return (refund)", "seed 001 客户投诉统计表 处理方式"),
    Term("exchange", "换货", "Exchange", "seed 001 客户投诉统计表 处理方式"),
    Term("discount", "折扣", "Discount", "seed 001 客户投诉统计表 处理方式"),
    Term(
        "repair",
        "维修",
        "Repair",
        "seed 001 客户投诉统计表 处理方式;seed 002 篇二 4.2.3.3「返修」",
    ),
    # seed 004 长安铃木 重大客户投诉⑤⑥「更换发动机总成」「更换变速箱总成」
    Term(
        "replace_part",
        "更换零部件(总成)",
        "Part or assembly replaced",
        "seed 004 长安铃木《客户投诉处理管理办法》三 ⑤⑥",
    ),
    # seed 004 长安铃木 A级「损害赔偿」; seed 000 六(二)2「赔偿责任」
    Term(
        "compensation",
        "赔偿",
        "Compensation",
        "seed 004 长安铃木《客户投诉处理管理办法》A级「损害赔偿」",
    ),
    # seed 004 长安铃木 三「特别理赔…亦称善意补偿」
    Term(
        "goodwill_compensation",
        "善意补偿(特别理赔)",
        "Goodwill compensation",
        "seed 004 长安铃木《客户投诉处理管理办法》三 术语「特别理赔」",
    ),
    # seed 004 长安铃木 三「特案保修…已超出了保修范围…其维修费用可以提供特案申请结算」
    Term(
        "special_warranty",
        "特案保修",
        "Special (out-of-warranty) repair cover",
        "seed 004 长安铃木《客户投诉处理管理办法》三 术语「特案保修」",
    ),
    # seed 002 篇二 4.2.3.1「立即给以解答与释疑」; seed 002 篇六「用婉转的方式答复客户…消除误会」
    Term(
        "explanation",
        "解释说明",
        "Explanation",
        "seed 002 篇二 4.2.3.1 1)「解答与释疑」",
    ),
    Term("other", "其他", "Other", "seed 001 客户投诉统计表 处理方式"),
)


# ---------------------------------------------------------------------------------------------
# Deadline policies
# ---------------------------------------------------------------------------------------------
