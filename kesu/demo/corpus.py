"""Realistic Chinese demo data for the demo organisation 华联电器股份有限公司.

华联 makes and sells home appliances (air conditioners, refrigerators, washing machines, water
heaters, range hoods and gas stoves, TVs, small kitchen appliances) and runs a 400 customer
hotline. The demo seeding command draws a few hundred cases from `make_case_fields`; everything
here is pure Python and deterministic for a given `random.Random`.

Names and addresses are made up by combining common parts; any resemblance to a real person is
a coincidence. Phone numbers and e-mail addresses come from ranges that reach nobody (a 140
mobile segment, the example.com/.net/.org domains).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from kesu.demo.templates import (
    AC,
    COMPLAINT_TEMPLATES,
    FRIDGE,
    GAS_HEATER,
    HEATER,
    HOOD,
    KITCHEN,
    TV,
    WASHER,
    Template,
)
from kesu.domain.vocabulary import Channel, Severity

ORGANISATION_NAME = "华联电器股份有限公司"

# --------------------------------------------------------------------------------------------
# People and places
# --------------------------------------------------------------------------------------------

# The ten most common surnames come first and are drawn far more often (see `_SURNAME_WEIGHTS`).
SURNAMES: tuple[str, ...] = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
    "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
    "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "欧阳",
)  # fmt: skip

_SURNAME_WEIGHTS: tuple[int, ...] = tuple(
    12 if i < 10 else 4 if i < 30 else 2 for i in range(len(SURNAMES))
)

GIVEN_NAMES: tuple[str, ...] = (
    # one character
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
    "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
    "辉", "鹏", "华", "飞", "鑫", "波", "斌", "宇", "浩", "凯",
    "健", "俊", "帆", "琳", "婷", "雪", "倩", "颖", "萍", "燕",
    # two characters
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "凤英", "建华", "建国", "建军",
    "志强", "志明", "志刚", "国强", "国华", "国平", "海燕", "海涛", "红梅", "丽娟",
    "晓东", "晓燕", "晓明", "晓丽", "春梅", "春华", "秋菊", "冬梅", "文军", "文华",
    "德明", "德华", "永强", "永刚", "卫东", "卫国", "玉梅", "玉珍", "金凤", "美玲",
    "俊杰", "子豪", "浩然", "思远", "天宇", "嘉欣", "欣怡", "雨桐", "梓涵", "诗琪",
    "佳琪", "雅婷", "梦瑶", "一鸣", "明轩", "宇航", "晨曦", "亚楠", "伟东", "丽萍",
    "少华", "秀梅", "学军", "成龙", "家豪", "振华", "瑞芳", "慧敏", "婉清", "立新",
    "红霞", "海波", "新民", "爱华", "素芬", "凤兰", "建平", "淑英", "宏伟", "怡然",
)  # fmt: skip

# (province and city, district): real administrative districts.
CITIES_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("北京市", "朝阳区"),
    ("北京市", "海淀区"),
    ("上海市", "浦东新区"),
    ("上海市", "闵行区"),
    ("天津市", "南开区"),
    ("重庆市", "渝北区"),
    ("广东省广州市", "天河区"),
    ("广东省深圳市", "南山区"),
    ("广东省佛山市", "顺德区"),
    ("浙江省杭州市", "西湖区"),
    ("浙江省宁波市", "鄞州区"),
    ("江苏省南京市", "鼓楼区"),
    ("江苏省苏州市", "姑苏区"),
    ("江苏省无锡市", "梁溪区"),
    ("四川省成都市", "武侯区"),
    ("湖北省武汉市", "洪山区"),
    ("湖南省长沙市", "岳麓区"),
    ("陕西省西安市", "雁塔区"),
    ("山东省济南市", "历下区"),
    ("山东省青岛市", "市南区"),
    ("河南省郑州市", "金水区"),
    ("福建省厦门市", "思明区"),
    ("福建省福州市", "鼓楼区"),
    ("安徽省合肥市", "蜀山区"),
    ("辽宁省沈阳市", "和平区"),
    ("辽宁省大连市", "沙河口区"),
    ("黑龙江省哈尔滨市", "南岗区"),
    ("河北省石家庄市", "长安区"),
    ("山西省太原市", "小店区"),
    ("江西省南昌市", "东湖区"),
    ("广西壮族自治区南宁市", "青秀区"),
    ("云南省昆明市", "五华区"),
    ("贵州省贵阳市", "云岩区"),
    ("海南省海口市", "美兰区"),
)

STREETS: tuple[str, ...] = (
    "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "胜利路", "长江路",
    "黄河路", "文化路", "光明路", "青年路", "朝阳路", "东风路", "建国路", "迎宾大道",
    "滨江大道", "学府路", "科技路", "创业路", "幸福路", "友谊路", "工业大道", "环城东路",
    "府前街", "花园路", "望江路", "育才路", "金沙路", "枫林路", "丰收路", "湖滨路",
    "振兴路", "团结路", "新民街", "太平街", "松柏路", "银杏路", "锦华路", "体育路",
)  # fmt: skip

RESIDENCES: tuple[str, ...] = (
    "阳光花园", "金色家园", "翠湖苑", "锦绣华庭", "幸福里小区", "紫荆苑", "御景湾",
    "碧水蓝天", "书香名邸", "滨江花城", "南苑新村", "丽景嘉园", "世纪新城", "东方明珠苑",
    "香樟园", "和谐家园", "电力宿舍", "教师新村", "康居小区", "华府名都",
)  # fmt: skip

EMPLOYERS: tuple[str, ...] = (
    "个体经营",
    "个体经营",
    "退休",
    "退休",
    "退休",
    "自由职业",
    "无固定职业",
    "市第一人民医院",
    "区实验小学",
    "市第三中学",
    "市自来水公司",
    "区人民政府办公室",
    "城建集团有限公司",
    "顺达物流有限公司",
    "鑫源科技有限公司",
    "恒信会计师事务所",
    "宏远建筑工程有限公司",
    "江南纺织有限公司",
    "新华书店",
    "市供电公司",
    "天润食品有限公司",
    "博雅教育培训中心",
    "诚信汽车销售服务有限公司",
    "万家乐超市",
    "远航国际货运代理有限公司",
    "金盾保安服务有限公司",
    "明德律师事务所",
    "华泰机械制造有限公司",
    "云帆网络科技有限公司",
    "社区卫生服务中心",
    "市公交集团",
    "农业银行营业部",
)


# --------------------------------------------------------------------------------------------
# Products
# --------------------------------------------------------------------------------------------

# Product families, used to give every template a product it makes sense for.


@dataclass(frozen=True)
class Product:
    """A product as a customer or agent writes it, with its family and typical price in yuan."""

    name: str
    family: str
    price_low: int
    price_high: int


PRODUCTS: tuple[Product, ...] = (
    Product("华联KFR-35GW/N1 挂式空调", AC, 2599, 3299),
    Product("华联KFR-26GW/BP3 变频挂机", AC, 2199, 2799),
    Product("华联KFR-35GW/FN 新风空调", AC, 3499, 4299),
    Product("华联KFR-51LW/N2 圆柱柜机", AC, 4599, 5899),
    Product("华联KFR-72LW/BP2 立柜式空调", AC, 5999, 7999),
    Product("华联GMV-H160WL 家用中央空调", AC, 15800, 26800),
    Product("华联BCD-470WPG 十字对开门冰箱", FRIDGE, 3999, 4999),
    Product("华联BCD-603WKP 对开门冰箱", FRIDGE, 3299, 4299),
    Product("华联BCD-320WGF 法式多门冰箱", FRIDGE, 2899, 3599),
    Product("华联BCD-215TMPA 三门冰箱", FRIDGE, 1499, 1899),
    Product("华联BD/BC-200 卧式冷柜", FRIDGE, 1099, 1399),
    Product("华联XQG100-BD14 滚筒洗衣机", WASHER, 2299, 2999),
    Product("华联XQB80-Q3 波轮洗衣机", WASHER, 999, 1399),
    Product("华联XQG100-HBD14 洗烘一体机", WASHER, 3299, 4199),
    Product("华联GDNE9-01 热泵干衣机", WASHER, 3999, 4999),
    Product("华联JSQ25-13WT 燃气热水器", GAS_HEATER, 1799, 2499),
    Product("华联JSQ32-16ZH 零冷水燃气热水器", GAS_HEATER, 2999, 3899),
    Product("华联F6030-T1 60升电热水器", HEATER, 1099, 1599),
    Product("华联RSJ-200 空气能热水器", HEATER, 6999, 9999),
    Product("华联CXW-260-J25 侧吸式油烟机", HOOD, 1999, 2899),
    Product("华联CXW-300-T8 顶吸欧式油烟机", HOOD, 2699, 3699),
    Product("华联JZT-Q230B 嵌入式燃气灶", HOOD, 899, 1399),
    Product("华联J7+Q5 烟灶套装", HOOD, 3299, 4499),
    Product("华联JJZT-X9 集成灶", HOOD, 6999, 9999),
    Product("华联43A3 43英寸智能电视", TV, 1199, 1499),
    Product("华联55E3G 55英寸4K电视", TV, 2299, 2999),
    Product("华联65E7K 65英寸液晶电视", TV, 3999, 5499),
    Product("华联75U8 75英寸Mini LED电视", TV, 6999, 8999),
    Product("华联MB-FB40 电饭煲", KITCHEN, 299, 499),
    Product("华联M1-L213C 微波炉", KITCHEN, 399, 599),
    Product("华联C21-RT2140 电磁炉", KITCHEN, 199, 329),
    Product("华联BL12-P1 破壁机", KITCHEN, 399, 799),
    Product("华联KZ25-D1 空气炸锅", KITCHEN, 249, 399),
    Product("华联SH15-E1 电热水壶", KITCHEN, 89, 159),
)

_STORE_SITES: tuple[str, ...] = (
    "中心广场", "新天地", "购物中心", "步行街", "世纪城", "家电城", "国际商城", "时代广场",
)  # fmt: skip
_STORE_KINDS: tuple[str, ...] = ("专卖店", "体验店", "旗舰店", "授权专卖店")
_ONLINE_STORES: tuple[str, ...] = (
    "华联官方网上商城",
    "华联官方微信小程序商城",
    "华联电器官方旗舰店（网店）",
)


# --------------------------------------------------------------------------------------------
# Complaint templates
# --------------------------------------------------------------------------------------------

# The demo organisation's category tree (parent first).
CATEGORY_CODES: tuple[str, ...] = (
    "product_quality",
    "product_quality_performance",
    "product_quality_safety",
    "product_quality_packaging",
    "service_quality",
    "service_quality_attitude",
    "service_quality_response",
    "service_quality_competence",
    "after_sales_repair",
    "after_sales_repair_delay",
    "after_sales_repair_repeated",
    "after_sales_repair_charge",
    "other",
)

MAJOR_CRITERIA: tuple[str, ...] = (
    "group_complaint",
    "mainstream_media",
    "government_petition",
    "serious_injury",
    "legal_action",
    "public_body_involved",
    "replacement_or_damages_demand",
    "repeated_repair",
    "door_blocking",
)


# --------------------------------------------------------------------------------------------
# Generators
# --------------------------------------------------------------------------------------------

#: Demo mobile numbers start with 140: in mainland China that segment is given to 13-digit
#: IoT numbers, so no 11-digit subscriber number starts with it (there is no officially
#: reserved "fiction" range as in some countries). The demo never sends to them anyway.
DEMO_MOBILE_PREFIX = "140"

_RELATIONS: tuple[str, ...] = (
    "self",
    "spouse",
    "child",
    "parent",
    "other_relative",
    "other",
)
_RELATION_WEIGHTS: tuple[int, ...] = (76, 8, 7, 3, 3, 3)

_CHANNELS: tuple[Channel, ...] = (
    Channel.HOTLINE,
    Channel.MOBILE,
    Channel.WEB,
    Channel.EMAIL,
    Channel.VISIT,
    Channel.LETTER,
    Channel.REGULATOR,
    Channel.FAX,
)
_CHANNEL_WEIGHTS: tuple[int, ...] = (60, 14, 10, 5, 5, 2, 3, 1)

#: Domains reserved for examples (RFC 2606): mail to them reaches nobody.
DEMO_EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.net", "example.org")
_EMAIL_HANDLES: tuple[str, ...] = (
    "sunny", "happy", "lucky", "tiger", "moon", "star", "cloud", "river", "xiaoyu", "lele",
    "mumu", "feifei", "dongdong", "ahua", "wind", "panda",
)  # fmt: skip


def make_phone(rng: random.Random) -> str:
    """An 11-digit demo mobile number that belongs to nobody (see `DEMO_MOBILE_PREFIX`)."""
    return DEMO_MOBILE_PREFIX + "".join(rng.choice("0123456789") for _ in range(8))


def _make_name(rng: random.Random) -> str:
    surname = rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)[0]
    return surname + rng.choice(GIVEN_NAMES)


def _make_email(rng: random.Random) -> str:
    """A demo e-mail address at a domain reserved for examples."""
    if rng.random() < 0.5:
        return f"{rng.randint(10_000_000, 3_999_999_999)}@{DEMO_EMAIL_DOMAINS[0]}"
    handle = rng.choice(_EMAIL_HANDLES)
    return f"{handle}{rng.randint(1960, 2005)}@{rng.choice(DEMO_EMAIL_DOMAINS)}"


def _make_address(rng: random.Random, city: str, district: str) -> str:
    building = rng.randint(1, 28)
    unit = rng.randint(1, 4)
    floor = rng.randint(1, 26)
    room = rng.randint(1, 4)
    return (
        f"{city}{district}{rng.choice(STREETS)}{rng.randint(1, 399)}号"
        f"{rng.choice(RESIDENCES)}{building}栋{unit}单元{floor}{room:02d}室"
    )


def _make_store(rng: random.Random, district: str, *, in_store: bool) -> str:
    if not in_store and rng.random() < 0.3:
        return rng.choice(_ONLINE_STORES)
    return f"华联电器{district}{rng.choice(_STORE_SITES)}{rng.choice(_STORE_KINDS)}"


def _price(rng: random.Random, product: Product) -> int:
    """A price paid in yuan, ending in 9 as shop prices do."""
    price = rng.randint(product.price_low, product.price_high)
    return max(product.price_low, min(product.price_high, price // 10 * 10 + 9))


def _format_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _pick_template(rng: random.Random) -> Template:
    weights = [0.5 if t.severity is Severity.MAJOR else 1.0 for t in COMPLAINT_TEMPLATES]
    return rng.choices(COMPLAINT_TEMPLATES, weights=weights)[0]


def _complainant_count(rng: random.Random, template: Template) -> int:
    if "group_complaint" in template.major_criteria:
        return rng.randint(5, 40)
    if "door_blocking" in template.major_criteria:
        return rng.randint(2, 4)
    return 1


def make_case_fields(rng: random.Random, received_on: datetime.date) -> dict[str, object]:
    """The fields of one demo case received on `received_on`, every placeholder filled in."""
    template = _pick_template(rng)
    text = template.facts + template.demand
    candidates = [p for p in PRODUCTS if not template.families or p.family in template.families]
    product = rng.choice(candidates)
    city, district = rng.choice(CITIES_DISTRICTS)

    age = rng.randint(5, template.max_age)  # days between purchase and the case
    purchase_date = received_on - datetime.timedelta(days=age)
    days = rng.randint(2, min(30, age - 1))
    amount = _price(rng, product)
    count = _complainant_count(rng, template)
    staff = rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)[0] + "师傅"
    values = {
        "product": product.name,
        "days": str(days),
        "date": _format_date(purchase_date),
        "amount": str(amount),
        "store": _make_store(rng, district, in_store=template.in_store),
        "staff": staff,
        "count": str(count),
    }
    facts = template.facts.format(**values)
    demand = template.demand.format(**values)

    has_date = "{date}" in text or rng.random() < 0.7
    has_amount = "{amount}" in text or rng.random() < 0.6
    has_order = has_date and rng.random() < 0.8
    order_number = f"HL{purchase_date:%Y%m%d}{rng.randint(0, 999_999):06d}" if has_order else ""
    channel = (
        Channel.REGULATOR
        if "public_body_involved" in template.major_criteria
        else rng.choices(_CHANNELS, weights=_CHANNEL_WEIGHTS)[0]
    )
    # The caller of a group complaint is one of the group (本人).
    relation = "self" if count >= 5 else rng.choices(_RELATIONS, weights=_RELATION_WEIGHTS)[0]
    return {
        "complainant_name": _make_name(rng),
        "complainant_phone": make_phone(rng),
        "complainant_email": _make_email(rng) if rng.random() < 0.3 else "",
        "complainant_address": _make_address(rng, city, district),
        "complainant_employer": rng.choice(EMPLOYERS),
        "complainant_relation": relation,
        "subject_product": product.name,
        "subject_order_number": order_number,
        "subject_amount": Decimal(amount).quantize(Decimal("0.01")) if has_amount else None,
        "subject_purchase_date": purchase_date if has_date else None,
        "facts": facts,
        "demand": demand,
        "channel": channel,
        "kind": template.kind,
        "category_code": template.category_code,
        "severity": template.severity,
        "major_criteria": list(template.major_criteria),
        "complainant_count": count,
    }
