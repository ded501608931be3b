"""Demo templates: product quality and service quality complaints."""

from __future__ import annotations

from kesu.demo.template_base import (  # noqa: F401 — shorthands used by the data
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
QUALITY: tuple[Template, ...] = (
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
        ("serious_injury",),
        families=(HEATER,),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _MAJOR,
        "客户反映{product}室外机支架明显锈蚀松动，外机向外倾斜，存在坠落风险。"
        "客户家住7楼，楼下为小区人行通道。"
        "该空调于{date}由我司售后人员安装，支架由安装人员提供。",
        "要求立即派人加固或更换支架，并就支架质量给出说明。",
        ("serious_injury",),
        families=(AC,),
    ),
    Template(
        "product_quality_safety", _COMPLAINT, _MAJOR,
        "客户称{days}天前使用{product}时机身后部突然冒烟并有焦糊味，客户立即断电，"
        "未造成人员受伤，但周边家具被熏黑。"
        "客户已将现场视频发布到短视频平台，播放量过万，并称本地电视台记者已与其联系。",
        "要求公司出具起火原因检测报告，退还货款{amount}元并赔偿家具损失。",
        ("mainstream_media", "serious_injury", "replacement_or_damages_demand"),
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
)
# fmt: on
