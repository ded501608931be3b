"""Complaint templates for the demo organisation: facts and demands as a hotline agent records them.

Placeholders ({product}, {days}, {date}, {amount}, {store}, {staff}, {count}) are filled by
`kesu.demo.corpus.make_case_fields`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kesu.domain.vocabulary import CaseKind, Severity

# Product families, so a template only meets products it makes sense for.
AC = "ac"  # 空调
FRIDGE = "fridge"  # 冰箱、冷柜
WASHER = "washer"  # 洗衣机、干衣机
HEATER = "heater"  # 电热水器、空气能热水器
GAS_HEATER = "gas_heater"  # 燃气热水器
HOOD = "hood"  # 油烟机、燃气灶、集成灶
TV = "tv"  # 电视
KITCHEN = "kitchen"  # 厨房小家电

# Everything that is installed or repaired in the home rather than carried to a shop.
LARGE: tuple[str, ...] = (AC, FRIDGE, WASHER, HEATER, GAS_HEATER, HOOD, TV)


@dataclass(frozen=True)
class Template:
    """One kind of case, as a hotline agent records it.

    `facts` and `demand` (客户要求) may use the placeholders {product}, {days}, {date} (purchase
    or installation date), {amount} (price paid, yuan), {store} (where it was bought), {staff}
    (an employee, e.g. 王师傅) and {count} (number of complainants). `families` limits the
    products the template is used with (empty: any product); `max_age` bounds the days between
    purchase and the case; `in_store` asks for a bricks-and-mortar {store}, not an online shop.
    """

    category_code: str
    kind: CaseKind
    severity: Severity
    facts: str
    demand: str
    major_criteria: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    max_age: int = 900
    in_store: bool = False


_COMPLAINT = CaseKind.COMPLAINT
_ENQUIRY = CaseKind.ENQUIRY
_FAULT = CaseKind.FAULT_REPORT
_SUGGESTION = CaseKind.SUGGESTION
_PRAISE = CaseKind.PRAISE
_MINOR = Severity.MINOR
_GENERAL = Severity.GENERAL
_MAJOR = Severity.MAJOR

# fmt: off
COMPLAINT_TEMPLATES: tuple[Template, ...] = (
    # ---- product_quality_performance 产品性能 ------------------------------------------------
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户于{date}在{store}购买{product}，近{days}天出现制冷效果差的问题。"
        "客户称设定温度24℃，连续开机两小时室温仍在30℃左右，出风口温度偏高。"
        "客户已自行清洗过滤网，问题依旧。",
        "要求尽快安排师傅上门检测，如属产品质量问题要求更换新机。",
        families=(AC,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户反映{date}购买的{product}冷藏室不制冷，存放的食物已出现变质。"
        "客户称近{days}天冷藏室温度一直在12℃以上，冷冻室基本正常。"
        "压缩机运行声音正常，冷藏室后壁无结霜。",
        "要求上门维修，并赔偿变质食物损失约300元。",
        families=(FRIDGE,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户{date}在{store}购买{product}，近{days}天脱水时机身剧烈晃动并伴有异响。"
        "客户已按说明书调整底脚，并确认运输螺栓已拆除，问题仍然存在。",
        "要求上门检测，若为质量问题要求换机。",
        families=(WASHER,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户反映家中{product}出水忽冷忽热，洗澡时尤为明显。"
        "该热水器于{date}购买安装，水压和燃气供应经物业确认正常。"
        "问题已持续约{days}天，影响家中老人和小孩正常洗浴。",
        "要求派技术人员上门检测，彻底解决水温不稳定的问题。",
        families=(GAS_HEATER,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户称{date}购买安装的{product}吸力不足，炒菜时油烟大量外溢至客厅。"
        "客户已确认公共烟道畅通，止回阀开合正常。",
        "要求上门检测吸力，如无法解决要求退货并退还货款{amount}元。",
        families=(HOOD,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户反映{date}在{store}购买的{product}屏幕出现多条竖线。"
        "竖线约{days}天前开始出现，现已扩大至屏幕左侧约三分之一区域。"
        "客户称电视未受过磕碰，日常仅用于观看有线电视节目。",
        "要求免费更换屏幕或整机换新。",
        families=(TV,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _MINOR,
        "客户反映{product}开机广告长达60秒，系统运行卡顿，切换应用时经常无响应。"
        "该电视于{date}购买，客户已按客服指导恢复出厂设置，问题未见改善。",
        "要求提供关闭开机广告的方法并解决卡顿问题，否则要求退货。",
        families=(TV,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _MINOR,
        "客户反映{date}购买的{product}煮饭经常夹生，锅底糊锅。"
        "客户称按内胆水位线加水，多次尝试结果相同。",
        "要求更换同型号新品。",
        families=(KITCHEN,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户称{product}烘干效果差，标准烘干程序运行3小时后衣物仍明显潮湿。"
        "该机于{date}购买，最近{days}天每次烘干均如此。",
        "要求上门检修烘干系统，恢复正常烘干功能。",
        families=(WASHER,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户反映{product}室外机运行噪音大，夜间影响本人及邻居休息，邻居已多次上门提意见。"
        "该空调于{date}在{store}购买安装，近{days}天噪音明显加大。",
        "要求检测噪音是否超标，并对室外机采取减震降噪措施。",
        families=(AC,),
    ),
    Template(
        "product_quality_performance", _COMPLAINT, _GENERAL,
        "客户反映{product}耗电量异常，安装后家庭月电费比以往增加约200元。"
        "客户称热水器保温效果差，夜间断电后次日早晨水温明显下降。",
        "要求检测热水器保温和加热功能是否正常，并给出书面说明。",
        families=(HEATER,),
    ),
    # ---- product_quality_safety 产品安全 -----------------------------------------------------
    Template(
        "product_quality_safety", _COMPLAINT, _MAJOR,
        "{days}天前晚上约21时，客户母亲使用{product}洗澡时感觉手臂发麻，疑似漏电，"
        "随即摔倒致额头受伤，经医院缝合5针。"
        "客户称热水器由我司人员安装，事发时漏电保护插头未跳闸。客户已保留现场并拍照。",
        "要求公司派人现场勘查，承担全部医疗费用并赔偿误工费，更换热水器。",
        ("serious_injury", "safety_critical_part"),
        families=(HEATER,),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _MAJOR,
        "客户反映{product}室外机支架明显锈蚀松动，外机向外倾斜，存在坠落风险。"
        "客户家住7楼，楼下为小区人行通道。"
        "该空调于{date}由我司售后人员安装，支架由安装人员提供。",
        "要求立即派人加固或更换支架，并就支架质量给出说明。",
        ("safety_critical_part",),
        families=(AC,),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _MAJOR,
        "客户称{days}天前使用{product}时机身后部突然冒烟并有焦糊味，客户立即断电，"
        "未造成人员受伤，但周边家具被熏黑。"
        "客户已将现场视频发布到短视频平台，播放量过万，并称本地电视台记者已与其联系。",
        "要求公司出具起火原因检测报告，退还货款{amount}元并赔偿家具损失。",
        ("mainstream_media", "safety_critical_part", "refund_demand"),
        families=(KITCHEN, TV),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _GENERAL,
        "客户反映{product}点火后火焰偏黄，时有离焰现象，厨房内有轻微燃气味。"
        "客户已关闭燃气总阀，暂停使用。",
        "要求尽快派专业人员上门检查是否存在燃气泄漏，排除安全隐患。",
        families=(HOOD,),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _GENERAL,
        "客户称{product}电源插头及插座处发烫，有轻微焦味。"
        "该冰箱于{date}购买，使用的是厨房独立插座。",
        "要求上门检测电源线和插头，确认是否存在安全隐患。",
        families=(FRIDGE,),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _MINOR,
        "客户反映{product}烧水时壶底有塑料味，烧开的水有异味。"
        "客户担心产品材质不符合食品安全要求。",
        "要求提供该产品的材质检测报告，或办理退货。",
        families=(KITCHEN,),
    ),
    # ---- product_quality_packaging 产品外观 -------------------------------------------------
    Template(
        "product_quality_packaging", _COMPLAINT, _GENERAL,
        "客户{date}在{store}购买{product}，送货上门开箱时发现冰箱右侧门体有约3厘米凹痕。"
        "送货人员称属运输磕碰，当场拍照但未给出处理意见。",
        "要求更换新机，不接受折价补偿。",
        families=(FRIDGE,),
        max_age=15,
    ),
    Template(
        "product_quality_packaging", _COMPLAINT, _MINOR,
        "客户反映收到的{product}边框有两处划痕，底座卡扣有裂纹。"
        "客户于{date}在网上商城下单，快递签收后第二天开箱发现。",
        "要求更换底座，并对边框划痕给予合理补偿。",
        families=(TV,),
        max_age=15,
    ),
    Template(
        "product_quality_packaging", _COMPLAINT, _MINOR,
        "客户称{product}室内机面板使用一段时间后明显发黄，与墙面颜色反差大，影响美观。"
        "客户认为面板材质存在问题。",
        "要求免费更换室内机面板。",
        families=(AC,),
    ),
    Template(
        "product_quality_packaging", _COMPLAINT, _GENERAL,
        "客户反映{date}购买的{product}机身有使用痕迹，滚筒内有水渍和毛絮，怀疑为翻新机或展示机。"
        "客户称在{store}购买时被告知为全新机器。",
        "要求门店出具出厂证明，如确为二手机要求退一赔三。",
        families=(WASHER,),
        max_age=15,
        in_store=True,
    ),
    # ---- product_quality 产品质量 (其他) -----------------------------------------------------
    Template(
        "product_quality", _COMPLAINT, _GENERAL,
        "客户反映所购{product}宣传页标注为一级能效，但实物能效标识为三级。"
        "客户于{date}在{store}购买，实付{amount}元，销售人员曾口头承诺为一级能效。",
        "要求按一级能效产品退还差价，或退货退款。",
        families=(AC, FRIDGE, WASHER),
        max_age=60,
    ),
    Template(
        "product_quality", _COMPLAINT, _GENERAL,
        "客户称{product}自{date}购买以来多次出现自动断电重启，最近{days}天几乎每天发生。"
        "客户怀疑产品存在批次质量问题。",
        "要求上门检测并出具检测结论，确属质量问题要求换机。",
        families=(AC, FRIDGE, WASHER, HEATER, TV),
    ),
    Template(
        "product_quality", _COMPLAINT, _MINOR,
        "客户反映{date}收到的{product}包装内缺少遥控器和说明书，配件与装箱清单不符。",
        "要求尽快补发缺少的配件。",
        families=(AC, TV),
        max_age=10,
    ),
    # ---- service_quality_attitude 服务态度 ---------------------------------------------------
    Template(
        "service_quality_attitude", _COMPLAINT, _GENERAL,
        "客户称{days}天前拨打400客服热线咨询{product}维修进度，接线客服语气生硬，多次打断客户，"
        "最后称“这个问题我解决不了”后挂断电话。来电时间约为当天上午10时。",
        "要求核查通话录音，对该客服人员进行处理并向客户道歉。",
    ),
    Template(
        "service_quality_attitude", _COMPLAINT, _GENERAL,
        "客户反映{date}上门安装{product}的人员态度恶劣，在客户家中吸烟，"
        "对客户提出的安装位置要求表现得很不耐烦。"
        "安装完成后未清理现场，墙面钻孔的灰尘遍布客厅。",
        "要求公司对该安装人员批评教育，并派人上门清理。",
        families=(AC, HEATER, GAS_HEATER, HOOD),
        max_age=20,
    ),
    Template(
        "service_quality_attitude", _COMPLAINT, _GENERAL,
        "客户称在{store}咨询{product}价格时，导购人员得知客户暂不购买后态度冷淡，说话带有讽刺意味。"
        "客户当时与家人同行，感到非常难堪。",
        "要求门店负责人对该导购人员进行处理并给予答复。",
        in_store=True,
    ),
    Template(
        "service_quality_attitude", _COMPLAINT, _MINOR,
        "客户反映维修师傅上门检修{product}时，对客户的询问不予解释，仅称“坏了就换件”。"
        "师傅进门未穿鞋套，客户提醒后仍未穿。",
        "要求规范维修人员上门服务行为。",
        families=LARGE,
    ),
    # ---- service_quality_response 服务效率 -------------------------------------------------
    Template(
        "service_quality_response", _COMPLAINT, _GENERAL,
        "客户于{date}在网上商城下单购买{product}，订单页面承诺3天内送达，至今仍未送货。"
        "客户多次联系客服，均答复“正在调度”，无明确送货时间。",
        "要求明确送货时间并对延误给予补偿；如三天内仍无法送达则取消订单，全额退款{amount}元。",
        max_age=20,
    ),
    Template(
        "service_quality_response", _COMPLAINT, _GENERAL,
        "客户购买的{product}已于{date}送达，预约安装时间为昨日下午。"
        "客户请假在家等候，安装人员未上门，也未提前通知。客户再次致电时被告知需重新排期。",
        "要求今天内安排安装，并对客户请假造成的损失给予说明。",
        families=(AC, HEATER, GAS_HEATER, HOOD, TV),
        max_age=10,
    ),
    Template(
        "service_quality_response", _COMPLAINT, _GENERAL,
        "客户反映近{days}天多次拨打400客服热线，均提示坐席忙，等待超过20分钟无人接听。"
        "客户通过微信公众号留言也未获回复。",
        "要求尽快回电处理其{product}的报修需求，并增加热线接听人员。",
    ),
    Template(
        "service_quality_response", _COMPLAINT, _GENERAL,
        "客户于{date}购买{product}后申请退货，商品已由物流取回，但退款{amount}元已{days}天未到账。"
        "客服多次答复“财务处理中”。",
        "要求三日内退款到账，并说明延误原因。",
        max_age=45,
    ),
    Template(
        "service_quality_response", _COMPLAINT, _MINOR,
        "客户购买{product}后申请开具增值税专用发票，开票资料已提交{days}天，仍未收到发票。",
        "要求尽快开具并邮寄发票。",
        max_age=60,
    ),
    # ---- service_quality_competence 业务能力 -------------------------------------------------
    Template(
        "service_quality_competence", _COMPLAINT, _GENERAL,
        "客户反映安装人员安装{product}时排水管坡度装反，导致室内机向房间内滴水，墙面和地板被浸湿。"
        "该空调于{date}安装，近{days}天出现滴水。",
        "要求重新安装排水管，并赔偿木地板修复费用。",
        families=(AC,),
    ),
    Template(
        "service_quality_competence", _COMPLAINT, _GENERAL,
        "客户称此前咨询客服时被告知{product}延保服务包含一次免费上门清洗，"
        "购买延保后申请清洗却被告知不在服务范围内。客户认为客服人员业务不熟，提供了错误信息。",
        "要求按原承诺提供清洗服务，或退还延保费用199元。",
        families=(AC, HEATER, GAS_HEATER, HOOD),
    ),
    Template(
        "service_quality_competence", _COMPLAINT, _GENERAL,
        "客户反映{product}安装时排烟管未伸出外墙，仅插入窗户缝隙并用胶带封堵。"
        "燃气公司人员入户安检时指出存在安全隐患。该热水器于{date}由服务网点人员安装。",
        "要求立即派有资质的人员重新规范安装，并对原安装人员进行处理。",
        families=(GAS_HEATER,),
    ),
    Template(
        "service_quality_competence", _COMPLAINT, _MINOR,
        "客户称维修师傅上门后判断{product}为主板故障，更换主板后问题依旧，"
        "后经另一位师傅检查发现仅为传感器接触不良。客户认为第一位师傅技术不过关，耽误了时间。",
        "要求退还不必要的主板更换费用，并加强维修人员培训。",
        families=LARGE,
    ),
    # ---- service_quality 服务质量 (其他) -----------------------------------------------------
    Template(
        "service_quality", _COMPLAINT, _GENERAL,
        "客户反映{days}天前就{product}故障致电客服，客服承诺24小时内回电，至今未接到任何回复。",
        "要求尽快回电并给出处理方案。",
    ),
    Template(
        "service_quality", _COMPLAINT, _MINOR,
        "客户称购买{product}后频繁收到我司营销短信和推销电话，已回复退订仍继续收到。",
        "要求停止向其发送营销信息，并说明个人信息的使用情况。",
    ),
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
        ("repeated_repair", "refund_demand"),
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
        ("group_complaint", "refund_demand"),
        families=(GAS_HEATER,),
    ),
    Template(
        "product_quality", _COMPLAINT, _MAJOR,
        "市场监督管理局转办：消费者通过12315平台投诉，称{date}在{store}购买{product}，"
        "实付{amount}元，收货后第三天即出现无法开机故障，申请退货遭门店拒绝。"
        "监管部门要求企业在规定时限内与消费者协商处理并反馈结果。",
        "消费者要求按三包规定退货退款。",
        ("public_body_involved", "refund_demand"),
        max_age=30,
        in_store=True,
    ),
    Template(
        "product_quality", _COMPLAINT, _MAJOR,
        "客户称{date}购买的{product}漏水，导致楼下邻居家吊顶受损，客户已赔付邻居约8000元。"
        "客户认为漏水系产品质量问题所致，已委托律师并发送律师函至公司客服邮箱，"
        "表示将向法院提起诉讼。",
        "要求公司承担全部赔偿8000元及律师费，并更换产品。",
        ("legal_action", "refund_demand"),
        families=(WASHER, HEATER, GAS_HEATER),
    ),
    Template(
        "after_sales_repair_delay", _COMPLAINT, _MAJOR,
        "客户反映{product}维修拖延{days}天未解决，今日上午客户及家属共{count}人到{store}，"
        "在门口拉横幅并阻挡顾客进出。门店负责人已报告区域经理，派出所民警已到场维持秩序。",
        "要求公司高层出面当场解决，退还货款{amount}元并赔偿误工损失。",
        ("door_blocking", "refund_demand"),
        in_store=True,
        families=LARGE,
    ),
    Template(
        "service_quality", _COMPLAINT, _MAJOR,
        "客户称{product}安装后{days}天内多次出现故障，门店和客服互相推诿，无人负责。"
        "客户已向当地电视台民生栏目反映，记者表示将于近日随同客户上门采访。",
        "要求公司在媒体采访前给出明确处理方案，更换新机。",
        ("mainstream_media", "refund_demand"),
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
