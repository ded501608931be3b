"""Demo templates: after-sales repair, major cases, other, enquiries, fault reports,
suggestions and praise."""

from __future__ import annotations

from kesu.demo.template_base import (
    _COMPLAINT,
    _ENQUIRY,
    _FAULT,
    _GENERAL,
    _MAJOR,
    _MINOR,
    _PRAISE,
    _SUGGESTION,
    AC,
    FRIDGE,
    GAS_HEATER,
    HEATER,
    HOOD,
    KITCHEN,
    LARGE,
    TV,
    WASHER,
    Template,
)

# fmt: off
SERVICE: tuple[Template, ...] = (
    # ---- after_sales_repair 售后维修 (其他) --------------------------------------------------
    Template(
        "after_sales_repair", _COMPLAINT, _GENERAL,
        "客户反映{product}于{date}购买，现出现不通电故障，"
        "维修网点以无法提供购买发票为由拒绝保修。客户可提供网上订单截图和付款记录。",
        "要求按三包规定免费维修。",
        max_age=360,
    ),
    Template(
        "after_sales_repair", _COMPLAINT, _GENERAL,
        "客户称{product}送修已{days}天，维修网点告知配件缺货，无法确定到货时间。"
        "家中老人无法正常使用，生活受到影响。",
        "要求明确配件到货时间，若一周内无法修复则要求换机。",
    ),
    Template(
        "after_sales_repair", _COMPLAINT, _GENERAL,
        "客户反映维修人员上门维修{product}时，不慎将客户家瓷砖地面磕裂一块。"
        "维修人员当场承认，但称需请示公司，至今{days}天无人联系。",
        "要求赔偿瓷砖修复费用约500元。",
        families=LARGE,
    ),
    # ---- after_sales_repair_delay 维修不及时 -------------------------------------------------
    Template(
        "after_sales_repair_delay", _COMPLAINT, _GENERAL,
        "客户于{days}天前通过客服热线报修{product}不制冷，工单显示已派单，但至今无人上门。"
        "期间客户三次催促，均被告知“已加急”。目前气温较高，家中有婴儿，急需使用空调。",
        "要求今天内安排维修人员上门。",
        families=(AC,),
    ),
    Template(
        "after_sales_repair_delay", _COMPLAINT, _GENERAL,
        "客户反映{product}报修后已等待{days}天，维修网点称需等待厂家发配件。"
        "冰箱内食物已全部转移至邻居家存放。",
        "要求尽快修复，并提供临时冰箱或给予补偿。",
        families=(FRIDGE,),
    ),
    Template(
        "after_sales_repair_delay", _COMPLAINT, _GENERAL,
        "客户称{product}于{days}天前被服务网点拉回检修，约定一周内送回，至今仍未送回。"
        "客户拨打网点电话无人接听。",
        "要求立即告知维修进度并送回洗衣机，若无法修复则更换新机。",
        families=(WASHER,),
    ),
    Template(
        "after_sales_repair_delay", _COMPLAINT, _MAJOR,
        "12345政务服务便民热线转办：市民反映其家中{product}故障报修后{days}天未修复，"
        "多次联系华联客服未果。市民表示已同时向区信访部门反映。",
        "要求企业尽快解决维修问题，并向转办部门书面反馈处理结果。",
        ("government_petition",),
        families=LARGE,
    ),
    # ---- after_sales_repair_repeated 重复维修 --------------------------------------------------
    Template(
        "after_sales_repair_repeated", _COMPLAINT, _MAJOR,
        "客户反映{product}于{date}购买，三包期内因不制冷已先后维修三次，"
        "更换过温控器和压缩机，现再次出现同样故障。客户认为该机存在严重质量问题。",
        "根据三包规定要求退货，退还货款{amount}元。",
        ("repeated_repair", "replacement_or_damages_demand"),
        families=(FRIDGE,),
        max_age=360,
    ),
    Template(
        "after_sales_repair_repeated", _COMPLAINT, _GENERAL,
        "客户称{product}近{days}天内已报修两次，均为室内机漏水，两次维修后几天内即复发。",
        "要求派经验丰富的技术人员彻底排查原因，不希望再反复维修。",
        families=(AC,),
    ),
    Template(
        "after_sales_repair_repeated", _COMPLAINT, _GENERAL,
        "客户反映{product}电脑板半年内已更换两次，目前又显示E3故障代码，无法启动。"
        "该机于{date}在{store}购买。",
        "要求更换整机。",
        families=(WASHER,),
    ),
    # ---- after_sales_repair_charge 维修收费 --------------------------------------------------
    Template(
        "after_sales_repair_charge", _COMPLAINT, _GENERAL,
        "客户反映{product}于{date}购买，仍在保修期内，维修人员上门更换风扇电机后"
        "收取维修费及上门费共380元。维修人员称电机属于“非保修部件”。",
        "要求退还已收取的380元，并出具书面说明。",
        max_age=360,
        families=(AC, FRIDGE, HOOD),
    ),
    Template(
        "after_sales_repair_charge", _COMPLAINT, _GENERAL,
        "客户称维修{product}时，维修人员报价更换主板需860元，明显高于市场价格。"
        "维修人员无法出示配件收费标准。",
        "要求公开配件价格标准，并按标准收费。",
        families=LARGE,
    ),
    Template(
        "after_sales_repair_charge", _COMPLAINT, _MINOR,
        "客户预约{product}上门清洗服务，师傅上门后称需加收高空作业费100元，客服预约时未告知。",
        "要求退还额外收取的100元。",
        families=(AC,),
    ),
    Template(
        "after_sales_repair_charge", _COMPLAINT, _GENERAL,
        "客户称维修人员维修{product}收取260元，但拒绝提供正规发票和收费单据，只给了一张手写收据。",
        "要求提供正规发票，并核实收费是否合规。",
        families=LARGE,
    ),
    # ---- major cases spanning categories -----------------------------------------------------
    Template(
        "product_quality", _COMPLAINT, _MAJOR,
        "客户代表所在小区{count}户业主反映，开发商精装交付时配套的{product}入住后陆续出现漏水、"
        "点火失败等故障。业主们称已多次向服务网点报修，维修后问题反复出现，"
        "并表示若本周内得不到答复将集体到门店反映。",
        "要求公司派专人与业主代表对接，对该批次产品统一检测，存在质量问题的全部更换。",
        ("group_complaint", "replacement_or_damages_demand"),
        families=(GAS_HEATER,),
    ),
    Template(
        "product_quality", _COMPLAINT, _MAJOR,
        "市场监督管理局转办：消费者通过12315平台投诉，称{date}在{store}购买{product}，"
        "实付{amount}元，收货后第三天即出现无法开机故障，申请退货遭门店拒绝。"
        "监管部门要求企业在规定时限内与消费者协商处理并反馈结果。",
        "消费者要求按三包规定退货退款。",
        ("public_body_involved", "replacement_or_damages_demand"),
        max_age=30,
        in_store=True,
    ),
    Template(
        "product_quality", _COMPLAINT, _MAJOR,
        "客户称{date}购买的{product}漏水，导致楼下邻居家吊顶受损，客户已赔付邻居约8000元。"
        "客户认为漏水系产品质量问题所致，已委托律师并发送律师函至公司客服邮箱，"
        "表示将向法院提起诉讼。",
        "要求公司承担全部赔偿8000元及律师费，并更换产品。",
        ("legal_action", "replacement_or_damages_demand"),
        families=(WASHER, HEATER, GAS_HEATER),
    ),
    Template(
        "after_sales_repair_delay", _COMPLAINT, _MAJOR,
        "客户反映{product}维修拖延{days}天未解决，今日上午客户及家属共{count}人到{store}，"
        "在门口拉横幅并阻挡顾客进出。门店负责人已报告区域经理，派出所民警已到场维持秩序。",
        "要求公司高层出面当场解决，退还货款{amount}元并赔偿误工损失。",
        ("door_blocking", "replacement_or_damages_demand"),
        in_store=True,
        families=LARGE,
    ),
    Template(
        "service_quality", _COMPLAINT, _MAJOR,
        "客户称{product}安装后{days}天内多次出现故障，门店和客服互相推诿，无人负责。"
        "客户已向当地电视台民生栏目反映，记者表示将于近日随同客户上门采访。",
        "要求公司在媒体采访前给出明确处理方案，更换新机。",
        ("mainstream_media", "replacement_or_damages_demand"),
        families=LARGE,
    ),
    # ---- other 其他 --------------------------------------------------------------------------
    Template(
        "other", _COMPLAINT, _GENERAL,
        "客户反映参加{store}“以旧换新立减300元”活动购买{product}，结账时被告知活动已结束，"
        "但门店门口海报仍在展示该活动。",
        "要求按宣传活动价格退还差价300元。",
        max_age=30,
        in_store=True,
        families=LARGE,
    ),
    Template(
        "other", _COMPLAINT, _MINOR,
        "客户称{date}购买{product}后会员积分未到账，商城客服答复等待，至今已{days}天仍未到账。",
        "要求尽快补发会员积分。",
        max_age=60,
    ),
    Template(
        "other", _COMPLAINT, _GENERAL,
        "客户于{date}在{store}购买{product}，实付{amount}元。"
        "{days}天后发现同型号产品在官方商城降价约300元，门店曾承诺“30天价保”。",
        "要求按价保承诺退还差价。",
        max_age=35,
        in_store=True,
        families=LARGE,
    ),
    # ---- enquiries 咨询 ----------------------------------------------------------------------
    Template(
        "after_sales_repair", _ENQUIRY, _MINOR,
        "客户来电咨询{product}的保修期限，该产品于{date}在{store}购买。"
        "客户想了解整机保修与主要部件保修的区别，以及保修期从购买日还是安装日起算。",
        "要求告知具体保修政策。",
    ),
    Template(
        "other", _ENQUIRY, _MINOR,
        "客户咨询购买{product}能否参加以旧换新活动及国家补贴，旧机为其他品牌已使用10年的同类产品。",
        "要求告知以旧换新补贴标准和办理流程。",
        families=LARGE,
    ),
    Template(
        "after_sales_repair", _ENQUIRY, _MINOR,
        "客户因搬家需要移机，咨询{product}移机服务的收费标准，以及移机后是否仍享受原保修。"
        "该产品于{date}购买。",
        "要求告知移机收费标准及保修政策。",
        families=(AC, HEATER, GAS_HEATER),
    ),
    Template(
        "product_quality_performance", _ENQUIRY, _MINOR,
        "客户咨询{product}显示屏出现故障代码E1的含义，以及能否自行处理。",
        "要求客服指导排除故障，如无法处理则安排报修。",
        families=(AC, WASHER, HEATER, GAS_HEATER, FRIDGE),
    ),
    Template(
        "other", _ENQUIRY, _MINOR,
        "客户咨询在网上商城购买的{product}（{date}下单）如何查询电子保修卡和下载电子发票。",
        "要求告知查询和下载方法。",
        max_age=60,
    ),
    # ---- fault reports 故障申告 --------------------------------------------------------------
    Template(
        "after_sales_repair", _FAULT, _GENERAL,
        "客户来电报修{product}，开机约10分钟后自动停机，室外机不运转，显示屏显示E5。"
        "该机于{date}购买安装。",
        "要求安排师傅上门维修。",
        families=(AC,),
    ),
    Template(
        "after_sales_repair", _FAULT, _GENERAL,
        "客户报修{product}无法排水，洗涤程序结束后桶内仍有大量积水，面板提示排水故障。",
        "要求尽快上门维修。",
        families=(WASHER,),
    ),
    Template(
        "after_sales_repair", _FAULT, _GENERAL,
        "客户报修{product}打开热水龙头后无法点火，能听到点火声但无火焰，燃气表正常走字。",
        "要求上门检修。",
        families=(GAS_HEATER,),
    ),
    Template(
        "after_sales_repair", _FAULT, _GENERAL,
        "客户报修{product}无法开机，指示灯红灯常亮，遥控器和机身按键均无反应。"
        "该电视于{date}购买，客户已更换插座测试。",
        "要求上门检测维修。",
        families=(TV,),
    ),
    Template(
        "after_sales_repair", _FAULT, _MINOR,
        "客户报修{product}按键失灵，照明灯不亮，风机能运转但无法调档。",
        "要求安排上门维修。",
        families=(HOOD,),
    ),
    Template(
        "after_sales_repair", _FAULT, _MINOR,
        "客户报修{product}压缩机运行时有“咔咔”异响，夜间较明显，制冷暂时正常。",
        "要求安排师傅上门检查。",
        families=(FRIDGE,),
    ),
    # ---- suggestions 建议 --------------------------------------------------------------------
    Template(
        "service_quality_response", _SUGGESTION, _MINOR,
        "客户建议400客服热线增加直接转人工的选项，目前语音菜单层级过多，老年人操作困难。"
        "客户此次来电为咨询{product}的使用方法。",
        "希望公司优化语音导航，方便老年用户。",
    ),
    Template(
        "product_quality_performance", _SUGGESTION, _MINOR,
        "客户使用{product}后建议增加童锁物理按键，目前需在手机App中设置，操作不便。",
        "希望在后续产品中改进。",
        families=(WASHER, KITCHEN),
    ),
    Template(
        "after_sales_repair_charge", _SUGGESTION, _MINOR,
        "客户安装{product}时对辅材收费有疑问，建议安装人员上门时携带统一价目表，明示辅材收费标准。",
        "希望公司规范并公示安装辅材收费。",
        families=(AC, HEATER, GAS_HEATER, HOOD),
    ),
    Template(
        "other", _SUGGESTION, _MINOR,
        "客户反映{product}说明书字体过小，部分功能描述不清，建议提供大字版说明书和视频教程。",
        "希望公司改进说明书。",
    ),
    # ---- praise 表扬 -------------------------------------------------------------------------
    Template(
        "service_quality_competence", _PRAISE, _MINOR,
        "客户来电表扬安装人员{staff}。{date}上门安装{product}时，因原定位置为承重墙，"
        "{staff}耐心讲解并提出了更合理的安装方案。安装过程规范，完工后主动清理现场、"
        "讲解使用注意事项，未收取任何额外费用。",
        "希望公司对{staff}给予表扬和奖励。",
        families=(AC, HEATER, GAS_HEATER, HOOD),
        max_age=20,
    ),
    Template(
        "service_quality_attitude", _PRAISE, _MINOR,
        "客户表扬维修人员{staff}，{days}天前冒雨上门维修{product}，当晚即排除故障。"
        "客户家中有卧床老人，{staff}主动加班处理，服务热情周到。",
        "希望公司予以通报表扬。",
        families=LARGE,
    ),
    Template(
        "service_quality_attitude", _PRAISE, _MINOR,
        "客户表扬400热线客服人员，在处理其{product}报修时耐心细致，主动跟进维修进度并回访。"
        "客户称来电时间约为{days}天前上午。",
        "希望公司对该客服人员予以表扬。",
    ),
    Template(
        "service_quality", _PRAISE, _MINOR,
        "客户表扬{store}导购人员，在客户选购{product}时如实介绍能效和功能差异，没有推销高价产品。",
        "希望公司对该导购人员予以表扬。",
        in_store=True,
    ),
)
# fmt: on
