"""Category trees from the seeds (R-07)."""

from __future__ import annotations

from kesu.domain.presets import CategoryNode, CategoryPreset


def _node(code: str, name_zh: str, name_en: str, *children: CategoryNode) -> CategoryNode:
    return CategoryNode(code=code, name_zh=name_zh, name_en=name_en, children=children)


# ---------------------------------------------------------------------------------------------
# Category presets
# ---------------------------------------------------------------------------------------------

# seed 000 二(三)「投诉分类」: 产品质量投诉 / 服务质量投诉 / 售后维修投诉 / 其他投诉. Children quote
# the examples seed 000 gives for each class; the extra children are marked with their seed.
_MANUFACTURING = CategoryPreset(
    key="manufacturing",
    name_zh="产品制造(市场热线投诉分类)",
    name_en="Manufacturing (market hotline complaint classes)",
    source="seed 000《市场热线投诉管理办法》二(三)投诉分类",
    roots=(
        _node(
            "product_quality",
            "产品质量投诉",
            "Product quality",
            # seed 000:「产品存在质量缺陷、性能不符合标准等问题」
            _node("product_quality_defect", "质量缺陷", "Quality defect"),
            _node(
                "product_quality_performance",
                "性能不符合标准",
                "Performance below standard",
            ),
            # seed 004 长安铃木 重大客户投诉「火灾」「涉及到人身安全的投诉」
            _node(
                "product_quality_safety",
                "安全隐患(火灾、人身安全)",
                "Safety hazard (fire, personal injury)",
            ),
            # seed 002 篇二 4.2.3.4「外包装破损、淋湿或其他损坏」
            _node(
                "product_quality_packaging",
                "外观包装(破损、淋湿)",
                "Appearance and packaging (damaged, wet)",
            ),
        ),
        _node(
            "service_quality",
            "服务质量投诉",
            "Service quality",
            # seed 000:「服务态度不好、服务流程繁琐、服务响应不及时」
            _node("service_quality_attitude", "服务态度不好", "Poor service attitude"),
            _node(
                "service_quality_process",
                "服务流程繁琐",
                "Cumbersome service process",
            ),
            _node(
                "service_quality_response",
                "服务响应不及时",
                "Slow service response",
            ),
            # seed 002 篇六 二「专业素质」
            _node(
                "service_quality_competence",
                "专业素质",
                "Professional competence",
            ),
        ),
        _node(
            "after_sales_repair",
            "售后维修投诉",
            "After-sales repair",
            # seed 000:「维修不及时、维修质量差」
            _node("after_sales_repair_delay", "维修不及时", "Repair not timely"),
            _node("after_sales_repair_quality", "维修质量差", "Poor repair quality"),
            # seed 004 长安铃木 A级「反复修理的投诉」
            _node("after_sales_repair_repeated", "反复修理", "Repeated repair"),
            # seed 004 长安铃木 B级「相关解释(如保修政策)」
            _node("after_sales_repair_warranty", "保修政策", "Warranty policy"),
            # platform addition: charge disputes are the commonest after-sales call (not in a seed)
            _node("after_sales_repair_charge", "维修收费", "Repair charges"),
        ),
        _node(
            "other",
            "其他投诉",
            "Other",
            # seed 003 七「如产品质量、服务质量、物流配送等」
            _node("other_logistics", "物流配送", "Logistics and delivery"),
            # seed 002 篇二 4.2.3.1「客户对市场有关政策的不知晓、不理解或误解」
            _node("other_sales_policy", "市场政策", "Sales and market policy"),
        ),
    ),
)

# seed 001 客户投诉登记表(一)「投诉类型:商品 服务 其他」— the seed lists no sub-items.
_RETAIL = CategoryPreset(
    key="retail",
    name_zh="商品零售(商品/服务/其他)",
    name_en="Retail (goods / service / other)",
    source="seed 001 客户投诉登记表(一)投诉类型",
    roots=(
        _node("goods", "商品", "Goods"),
        _node("service", "服务", "Service"),
        _node("other", "其他", "Other"),
    ),
)

# seed 002 篇二(喜临门)4.2.3「投诉的调查处理」:
# 抱怨类 / 建议类 / 产品质量 / 外观包装类 / 服务质量类.
# The classification table itself (4.1) is missing from the scrape; the classes are the headings
# of 4.2.3.1 … 4.2.3.5.
_DEALER = CategoryPreset(
    key="dealer",
    name_zh="经销客户意见及投诉(抱怨/建议/产品质量/外观包装/服务质量)",
    name_en="Dealer feedback and complaints (grumble / suggestion / quality / packaging / service)",
    source="seed 002 篇二 4.2.3 投诉的调查处理",
    roots=(
        _node(
            "grumble",
            "抱怨类",
            "Grumble",
            # 4.2.3.1「因客户对市场有关政策的不知晓、不理解或误解而引起的抱怨」
            _node(
                "grumble_policy_misunderstanding",
                "不知晓、不理解或误解市场政策",
                "Market policy unknown or misunderstood",
            ),
        ),
        _node("suggestion", "建议类", "Suggestion"),
        _node("product_quality", "产品质量类", "Product quality"),
        _node(
            "appearance_packaging",
            "外观包装类",
            "Appearance and packaging",
            # 4.2.3.4「发现外包装破损、淋湿或其他损坏」
            _node("appearance_packaging_broken", "外包装破损", "Outer packaging broken"),
            _node("appearance_packaging_wet", "淋湿", "Wet in transit"),
            _node("appearance_packaging_other", "其他损坏", "Other damage"),
        ),
        _node(
            "service_quality",
            "服务质量类",
            "Service quality",
            # 服务质量类投诉依据《员工基本素养规范》《订单处理规定》《发货与收货管理规定》处理
            _node("service_quality_staff_conduct", "员工基本素养", "Staff conduct"),
            _node("service_quality_order_handling", "订单处理", "Order handling"),
            _node(
                "service_quality_shipping_receiving",
                "发货与收货",
                "Shipping and receiving",
            ),
        ),
    ),
)

# seed 002 篇六《客户服务投诉管理制度》二「1服务态度 2专业素质 3服务效率 4其他」. Children are
# the behaviours its 七「客户投诉处罚与处分」 names.
_SERVICE_QUALITY = CategoryPreset(
    key="service_quality",
    name_zh="服务投诉(服务态度/专业素质/服务效率/其他)",
    name_en="Service complaints (attitude / competence / efficiency / other)",
    source="seed 002 篇六《客户服务投诉管理制度》二 适用范围",
    roots=(
        _node(
            "service_attitude",
            "服务态度",
            "Service attitude",
            _node("service_attitude_cold", "接待客户态度冷淡", "Cold reception"),
            _node(
                "service_attitude_disrespect",
                "不尊重客户,讥笑、议论客户",
                "Disrespect, mocking the customer",
            ),
            _node(
                "service_attitude_obstruction",
                "故意刁难客户",
                "Deliberately obstructing the customer",
            ),
            _node("service_attitude_argument", "与客户发生争执", "Arguing with the customer"),
            _node("service_attitude_abuse", "辱骂、殴打客户", "Insulting or hitting the customer"),
        ),
        _node(
            "professional_competence",
            "专业素质",
            "Professional competence",
            _node(
                "professional_competence_unfamiliar",
                "对业务工作不熟悉",
                "Unfamiliar with the business",
            ),
            _node(
                "professional_competence_false_promise",
                "给予不实之承诺",
                "Untrue promise to the customer",
            ),
        ),
        _node(
            "service_efficiency",
            "服务效率",
            "Service efficiency",
            _node("service_efficiency_low", "服务效率低下", "Low efficiency"),
            _node(
                "service_efficiency_skipped_steps",
                "擅自减少服务流程",
                "Service steps skipped",
            ),
        ),
        _node("other", "其他", "Other"),
    ),
)

# seed 004 物业《投诉处理管理办法》4.1「一类投诉…二类投诉…三类投诉」. Children of 一类 are the
# service areas listed in seed 002《客户服务部档案管理制度》(一)(4)–(7), (9), (10), (14).
_PROPERTY = CategoryPreset(
    key="property",
    name_zh="物业服务(管理服务/工程质量/第三方)",
    name_en="Property management (management-service / engineering quality / third party)",
    source="seed 004 物业《投诉处理管理办法》4.1 投诉分类",
    roots=(
        _node(
            "management_service",
            "一类:管理或服务不到位",
            "Class 1: management or service shortfall",
            _node("management_service_access", "出入管理", "Access control"),
            _node("management_service_renovation", "装修管理", "Renovation management"),
            _node("management_service_parking", "车辆管理", "Vehicles and parking"),
            _node("management_service_repair", "报修管理", "Repair requests"),
            _node("management_service_paid", "有偿服务", "Paid services"),
            _node("management_service_fees", "收费管理", "Fee collection"),
            # (4) 合同文件「绿化、清洁、消杀等」
            _node(
                "management_service_environment",
                "绿化、清洁、消杀",
                "Landscaping, cleaning, pest control",
            ),
        ),
        _node(
            "engineering_quality",
            "二类:工程质量",
            "Class 2: engineering quality",
        ),
        _node(
            "third_party",
            "三类:规划红线外问题或第三方",
            "Class 3: outside the site boundary or third party",
            # 「由于规划红线外问题或第三方(由合作伙伴、社会环境引起)」
            _node("third_party_outside_boundary", "规划红线外问题", "Outside the site boundary"),
            _node("third_party_partner", "合作伙伴引起", "Caused by a partner"),
            _node("third_party_environment", "社会环境引起", "Caused by the wider environment"),
        ),
    ),
)

# seed 004 恒康天安《投诉管理办法》has no classification list. These roots are the complaint
# subjects its rules name: 第四条 审批权限 (协议解约, 变更代理人, 免滞纳金, 回调保费, 挪用保费),
# 第五条(四)8「代理人有明显过错」, 9「针对公司内勤的投诉」, 第六条(三)4「保单条款内容的瑕疵」.
# 销售误导 / 理赔 / 保全 do not appear in the seed and are not invented here.
_INSURANCE = CategoryPreset(
    key="insurance",
    name_zh="人身保险(代理人/内勤/保单条款/协议解约/保费)",
    name_en="Life insurance (agent / staff / policy terms / surrender / premium)",
    source="seed 004 恒康天安《投诉管理办法》第四条、第五条(四)、第六条(三)",
    roots=(
        _node(
            "agent_conduct",
            "代理人过错",
            "Sales agent misconduct",
            # 第四条(五)「挪用保费案件」; 第四条(二)「变更代理人」
            _node("agent_conduct_premium_misuse", "挪用保费", "Premium misappropriated"),
            _node("agent_conduct_change_request", "要求变更代理人", "Request to change agent"),
        ),
        _node("staff_conduct", "公司内勤", "Office staff"),
        _node(
            "policy_terms",
            "保单条款瑕疵或约定不明",
            "Policy terms defective or unclear",
        ),
        _node(
            "surrender",
            "协议解约(含部分协议解约)",
            "Negotiated surrender (full or partial)",
        ),
        _node(
            "premium",
            "保费",
            "Premium",
            _node("premium_late_fee", "滞纳金", "Late-payment fee"),
            _node("premium_callback", "回调保费", "Premium call-back"),
        ),
        _node("other", "其他", "Other"),
    ),
)

# seed 004 大荔县烟草《举报投诉管理办法》第六条「专卖管理、卷烟营销、物流服务」and 第十一条
# 「生产经营投诉:卷烟货源供应、卷烟损坏、送货不到位、工作质量、服务态度、金额差错」.
_TOBACCO = CategoryPreset(
    key="tobacco",
    name_zh="烟草专卖(专卖管理/生产经营)",
    name_en="Tobacco monopoly (monopoly administration / operations)",
    source="seed 004 大荔县烟草《举报投诉管理办法》第六条、第十一条",
    roots=(
        _node("tobacco_monopoly", "专卖管理", "Monopoly administration"),
        _node(
            "tobacco_operations",
            "生产经营投诉",
            "Operational complaint",
            _node("tobacco_operations_supply", "卷烟货源供应", "Cigarette supply"),
            _node("tobacco_operations_damage", "卷烟损坏", "Damaged goods"),
            _node("tobacco_operations_delivery", "送货不到位", "Delivery failure"),
            _node("tobacco_operations_work_quality", "工作质量", "Work quality"),
            _node("tobacco_operations_attitude", "服务态度", "Service attitude"),
            _node("tobacco_operations_amount_error", "金额差错", "Amount error"),
        ),
        _node("other", "其他", "Other"),
    ),
)

CATEGORY_PRESETS: tuple[CategoryPreset, ...] = (
    _MANUFACTURING,
    _RETAIL,
    _DEALER,
    _SERVICE_QUALITY,
    _PROPERTY,
    _INSURANCE,
    _TOBACCO,
)


# ---------------------------------------------------------------------------------------------
# 不予受理 / 无效投诉 reasons
# ---------------------------------------------------------------------------------------------


def find_category_preset(key: str) -> CategoryPreset:
    """Return the category preset with this key, or raise KeyError naming the known keys."""
    for preset in CATEGORY_PRESETS:
        if preset.key == key:
            return preset
    known = ", ".join(p.key for p in CATEGORY_PRESETS)
    raise KeyError(f"no category preset {key!r}; known presets: {known}")
