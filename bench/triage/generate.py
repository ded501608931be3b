"""Synthetic Chinese complaint texts for the triage benchmark (bench/TRIAGE.md).

Written for Kesu, from nothing but the vocabularies below (no scraped or copied text): eight
categories of the manufacturing preset over eight product lines. Every sentence pattern and
most phrasings exist twice, in a TRAIN pool and a disjoint EVAL pool, so the evaluation texts
are never reworded training texts; the slot vocabularies (parts, times, amounts, places) are
shared, as real complaints share nouns. Noise: a second issue from another category in a
quarter of the texts, dropped characters, colloquial fillers, punctuation variants.

Synthetic text is easier than real hotline notes: the figures are an upper bound on what the
same model reaches on a real book, and say nothing about categories an organisation confuses.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

PRODUCTS: dict[str, tuple[str, ...]] = {
    "空调": ("压缩机", "外机", "遥控器", "出风口", "室内机"),
    "冰箱": ("冷藏室", "冷冻室", "门封条", "压缩机", "温控面板"),
    "洗衣机": ("滚筒", "排水泵", "门锁", "电机", "进水阀"),
    "热水器": ("加热管", "温控器", "出水口", "内胆", "显示屏"),
    "油烟机": ("风机", "电机", "面板", "止回阀", "油杯"),
    "燃气灶": ("点火器", "炉头", "面板", "熄火保护装置", "旋钮"),
    "电视": ("屏幕", "主板", "电源板", "遥控器", "音响"),
    "电饭煲": ("内胆", "加热盘", "显示屏", "按键", "密封圈"),
}
MODELS = ("KFR-35GW", "BCD-520", "XQG100", "JSQ30-16", "CXW-220", "JZT-Q36", "65E7", "FB40")
DAYS = ("三天", "五天", "一个星期", "十来天", "半个月", "两个星期", "一个多月", "整整十天")
AMOUNTS = ("80", "120", "150", "200", "260", "300", "450", "680")
PEOPLE = ("师傅", "维修人员", "售后工程师", "上门的技术员", "安装工")
STAFF = ("客服", "接线员", "门店店员", "售后专员", "热线工作人员")

#: Per category: (TRAIN patterns, EVAL patterns). Slots: {product} {part} {days} {amount}
#: {person} {staff}.
CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "product_quality_defect": (
        (
            "{product}用了不到{days}{part}就坏了，完全不能用",
            "新买的{product}{part}出了故障，开机没反应",
            "{product}的{part}质量太差，刚用就出问题",
            "{product}{part}坏掉了，明显是质量缺陷",
            "{product}才买没多久，{part}已经损坏",
            "{product}{part}开裂，这是产品本身的质量问题",
        ),
        (
            "刚到手的{product}，{part}就失灵了",
            "{product}的{part}突然罢工，用了{days}而已",
            "这台{product}出厂就有毛病，{part}根本不工作",
            "{product}{part}断了，新机器怎么会这样",
            "我觉得{product}有质量缺陷，{part}老是出故障",
            "{product}买回家{days}，{part}已经不行了，质量堪忧",
        ),
    ),
    "product_quality_performance": (
        (
            "{product}的{part}噪音特别大，达不到说明书上的标准",
            "{product}效果很差，跟宣传的参数差太多",
            "{product}耗电量比标称的高一倍",
            "{product}{part}运行时声音太响，晚上没法睡觉",
            "{product}性能不达标，开了一整天效果也不明显",
            "{product}实际能效和铭牌上写的不一样",
        ),
        (
            "{product}工作起来嗡嗡响，{part}的分贝明显超标",
            "说是一级能效，{product}一个月电费多了好多",
            "{product}达不到宣传的效果，{part}很弱",
            "{product}用起来跟广告上的性能根本不符",
            "{product}{part}运转慢，速度远低于标准",
            "这个{product}的实际表现和参数表对不上",
        ),
    ),
    "product_quality_safety": (
        (
            "{product}的{part}冒烟了，差点着火",
            "{product}漏电，家里人摸到{part}被电了一下",
            "{product}{part}有烧焦的味道，存在安全隐患",
            "{product}突然起火，把墙都熏黑了",
            "{product}{part}爆裂，碎片差点伤到孩子",
            "{product}插头发烫熔化，太危险了",
        ),
        (
            "{product}{part}闪出火花，吓得我们赶紧拔电源",
            "碰了一下{product}就有麻电的感觉，安全问题很严重",
            "{product}里面传出焦糊味，{part}都烧黑了",
            "{product}{part}炸了，幸好没人在旁边",
            "用{product}的时候{part}温度高得烫手，怕出事故",
            "{product}电线冒火星，这是重大安全隐患",
        ),
    ),
    "product_quality_packaging": (
        (
            "收到的{product}外箱破损严重，{part}有划痕",
            "{product}包装被雨淋湿了，纸箱都烂了",
            "拆开包装发现{product}{part}有明显凹痕",
            "{product}送到时外包装压坏了，{part}磕掉一块漆",
            "{product}箱子破了个大洞，配件少了",
            "{product}外观有刮花，包装明显被拆过",
        ),
        (
            "{product}到货时纸箱湿透了，{part}外壳有水渍",
            "打开箱子{product}{part}掉了一块漆",
            "{product}外包装撕破了，里面泡沫都碎了",
            "{product}表面好几道划痕，像是二手的",
            "{product}包装箱变形，{part}面板磕坏",
            "送来的{product}外壳凹进去一块，包装也烂了",
        ),
    ),
    "service_quality_attitude": (
        (
            "{staff}态度恶劣，说两句就挂我电话",
            "{person}说话很冲，还骂人",
            "{staff}爱答不理，非常不耐烦",
            "{staff}语气很差，还嘲笑我不懂",
            "{person}态度傲慢，一直推卸责任",
            "我问{staff}问题，对方直接凶我",
        ),
        (
            "打电话过去{staff}口气特别差，还让我别烦他",
            "{person}进门就黑着脸，说话阴阳怪气",
            "{staff}对我大呼小叫，一点礼貌都没有",
            "{person}嫌我事多，甩脸色给我看",
            "{staff}全程敷衍，还说爱买不买",
            "跟{staff}沟通的时候被怼了好几次，服务态度太差",
        ),
    ),
    "service_quality_response": (
        (
            "打了{days}客服热线都没人接",
            "提交的工单过了{days}还没人回复",
            "说好二十四小时内回电，到现在也没人联系我",
            "在线客服一直排队，半天没有回应",
            "留言反映问题{days}了，一直没有答复",
            "热线总是占线，根本联系不上",
        ),
        (
            "反映问题以后石沉大海，{days}没有任何回音",
            "400电话打了十几次都转不到人工",
            "承诺的回访电话一直没打来",
            "发了好几封邮件，{days}过去还是没人处理",
            "APP上的报修单一直显示待处理，{days}没人理",
            "客服说会尽快联系我，结果{days}杳无音讯",
        ),
    ),
    "after_sales_repair_delay": (
        (
            "报修{days}了，{person}一直没有上门",
            "约好的维修时间{person}没来，也没通知",
            "{product}报修后等了{days}还没人来修",
            "售后说安排{person}，但是迟迟不上门",
            "{person}两次爽约，{product}到现在还没修",
            "维修排期太长，要等{days}才能上门",
        ),
        (
            "{product}坏了申请维修，{days}过去了{person}还没露面",
            "一再催促上门，{person}总说在路上",
            "维修一拖再拖，{days}了{product}还是坏的",
            "预约的{person}改了三次时间都没来",
            "{person}说配件没到，让我再等{days}",
            "报修单派出去{days}，没有一个{person}上门",
        ),
    ),
    "after_sales_repair_charge": (
        (
            "{person}上门修{product}收了{amount}元，可还在保修期内",
            "换个{part}要{amount}块，收费太离谱",
            "{person}乱收费，上门费收了{amount}元",
            "保修期内维修还收了{amount}元配件费",
            "{person}没给收费标准就收了{amount}元",
            "修{product}收了{amount}元，没有开发票",
        ),
        (
            "{person}报价{amount}元，比官网价格贵很多",
            "明明在三包期，{person}却要我付{amount}元",
            "检测费{amount}元，东西没修好钱照收",
            "{person}收了{amount}块工时费，也不给收据",
            "{part}换新收了{amount}元，网上才卖一半",
            "维修费用{amount}元没有明细，怀疑多收",
        ),
    ),
}

#: The openers, purchase context, demands and closers around the complaint (TRAIN / EVAL).
FRAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "opener": (
        ("你好，", "我要投诉，", "", "麻烦记录一下，", "喂，你好，", ""),
        ("您好，", "我想反映个问题，", "", "我要反映，", "客服你好，", ""),
    ),
    "context": (
        (
            "我在你们门店买的{product}{model}，",
            "去年在网上买的{product}，",
            "家里的{product}，",
            "",
        ),
        (
            "上个月在商场买了台{product}，",
            "我家用的是你们的{product}{model}，",
            "去年装的{product}，",
            "",
        ),
    ),
    "demand": (
        ("要求尽快处理。", "希望给个说法。", "请尽快安排解决。", "要求退换。", ""),
        ("请给我一个答复。", "希望你们重视。", "麻烦尽快解决。", "我要求赔偿。", ""),
    ),
    "closer": (
        ("谢谢。", "", "", "请尽快回复。"),
        ("就这样。", "", "", "等你们电话。"),
    ),
}
FILLERS = ("那个", "就是", "然后", "反正", "说实话")


@dataclass(frozen=True)
class Sample:
    category: str
    product: str
    text: str


def _fill(pattern: str, rng: random.Random, product: str) -> str:
    return pattern.format(
        product=product,
        part=rng.choice(PRODUCTS[product]),
        days=rng.choice(DAYS),
        amount=rng.choice(AMOUNTS),
        person=rng.choice(PEOPLE),
        staff=rng.choice(STAFF),
        model=rng.choice(MODELS),
    )


def _noise(text: str, rng: random.Random) -> str:
    """Dropped characters, fillers and punctuation variants, as in notes typed during a call."""
    chars = list(text)
    for _ in range(rng.randint(0, 2)):
        if len(chars) > 10:
            del chars[rng.randrange(len(chars))]
    text = "".join(chars)
    if rng.random() < 0.3:
        at = text.find("，")
        if at > 0:
            text = text[: at + 1] + rng.choice(FILLERS) + text[at + 1 :]
    if rng.random() < 0.3:
        text = text.replace("，", rng.choice((",", " ", "、", "，，")))
    return text


def _half(options: tuple[str, ...], half: int | None) -> tuple[str, ...]:
    """All `options`, or only the even (half 0) / odd (half 1) ones: two disjoint halves of a
    pool for choosing model settings without ever looking at the EVAL pool."""
    return options if half is None else options[half::2]


def make(category: str, rng: random.Random, *, pool: int, half: int | None = None) -> Sample:
    """One complaint of `category` from pool 0 (TRAIN) or 1 (EVAL); with `half`, only from that
    half of the pool's patterns and frames (leave-patterns-out model selection)."""

    def pick(options: tuple[str, ...]) -> str:
        return rng.choice(_half(options, half))

    product = rng.choice(tuple(PRODUCTS))
    core = _fill(pick(CATEGORIES[category][pool]), rng, product)
    parts = [
        pick(FRAMES["opener"][pool]),
        _fill(pick(FRAMES["context"][pool]), rng, product),
        core + "，",
    ]
    if rng.random() < 0.25:  # a second, lesser issue from another category
        other = rng.choice([c for c in CATEGORIES if c != category])
        parts.append("另外" + _fill(pick(CATEGORIES[other][pool]), rng, product) + "，")
    if rng.random() < 0.5:
        parts.append(_fill(pick(CATEGORIES[category][pool]), rng, product) + "。")
    parts += [pick(FRAMES["demand"][pool]), pick(FRAMES["closer"][pool])]
    return Sample(category, product, _noise("".join(parts), rng))


def dataset(per_category: int, *, pool: int, seed: int, half: int | None = None) -> list[Sample]:
    rng = random.Random(seed)
    return [make(c, rng, pool=pool, half=half) for c in CATEGORIES for _ in range(per_category)]


REPEAT_PREFIXES = (
    "我再反映一次，", "再次反映：", "上次说的问题还没解决，", "我又打来了，", "第二次投诉：",
    "还是之前那个事，", "",
)  # fmt: skip


def reworded_repeat(text: str, rng: random.Random) -> str:
    """The same complaint told again: some words dropped, punctuation changed, a prefix."""
    clauses = [c for c in re.split(r"[，,、。 ]+", text) if c]
    kept = [c for c in clauses if rng.random() > 0.2] or clauses[:1]
    words = []
    for clause in kept:
        shortened = clause
        if len(clause) > 6 and rng.random() < 0.4:  # drop a two-character word inside
            at = rng.randrange(len(clause) - 2)
            shortened = clause[:at] + clause[at + 2 :]
        words.append(shortened)
    joined = rng.choice(("，", "。", "！", " ", ",")).join(words)
    return rng.choice(REPEAT_PREFIXES) + joined + rng.choice(("！", "。", "", "！！"))


#: Praise and complaints in plain words for the in-domain sentiment check (EVAL-only phrasing).
PRAISE = (
    "{person}上门很准时，半小时就把{product}修好了，非常感谢",
    "{staff}解释得很清楚，服务很周到，点个赞",
    "{product}用了{days}，效果很好，家里人都很满意",
    "这次售后处理得很快，{person}也很有礼貌，给你们好评",
    "{person}干活认真，走之前还把地面打扫干净了，谢谢",
    "{product}安装得很规范，{person}耐心讲解使用方法，很满意",
)
COMPLAINTS = tuple(p for _, eval_pool in CATEGORIES.values() for p in eval_pool)


def sentiment_set(per_label: int, seed: int) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    rows: list[tuple[str, int]] = []
    for _ in range(per_label):
        product = rng.choice(tuple(PRODUCTS))
        rows.append((_fill(rng.choice(PRAISE), rng, product) + "。", 1))
        rows.append((_fill(rng.choice(COMPLAINTS), rng, product) + "。", 0))
    return rows
