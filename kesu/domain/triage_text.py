"""Pure text rules of triage (R-07, R-22; seed 004): the words that point to a major complaint,
the tone of a free text, and the normal form the similarity search compares.

No third-party library and no model: these run the same on every site from the first day, and
an agent can always be told *which words* triggered a cue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# --------------------------------------------------------------------------------------------
# Normal form
# --------------------------------------------------------------------------------------------

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
#: What a caller says when they call again about the same thing; dropped before comparing, so
#: 「我再反映一次」 in front of an old complaint does not make it look new.
REPEAT_PREFIXES: tuple[str, ...] = (
    "我再反映一次", "再次反映", "我再反映", "再反映一次", "又来反映", "第二次反映", "再说一遍",
    "我之前反映过", "之前已经反映过", "上次反映的问题", "还是那个问题", "再次投诉", "我再投诉一次",
)  # fmt: skip


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, punctuation and spaces removed: the form both the
    model and the similarity search see (a reworded repeat differs less in this form)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOISE.sub("", folded)


def strip_repeat_prefix(text: str) -> str:
    """`text` (already normalised) without a leading "I report this again" phrase."""
    for prefix in REPEAT_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


# --------------------------------------------------------------------------------------------
# Severity cues (seed 004: 重大投诉 criteria)
# --------------------------------------------------------------------------------------------

#: Words that point to a major criterion (codes of `presets.terms.MAJOR_CRITERIA`). A cue is a
#: suggestion shown with its words; the agent confirms it, it is never applied silently.
CRITERIA_CUES: dict[str, tuple[str, ...]] = {
    "group_complaint": ("集体投诉", "联名", "群诉", "业主们", "多户", "一起来投诉", "大家一起"),
    "mainstream_media": (
        "媒体", "记者", "电视台", "曝光", "报社", "新闻", "上热搜", "微博", "抖音", "网上发帖",
        "自媒体", "头条",
    ),
    "government_petition": ("上访", "信访", "12345", "市长热线", "政府热线", "政府"),
    "public_body_involved": (
        "市场监管", "市场监督", "工商局", "消协", "消费者协会", "12315", "质监", "监管部门",
        "银保监", "金融监管", "物价局",
    ),
    "legal_action": ("起诉", "律师", "法院", "打官司", "诉讼", "律师函", "仲裁", "法律途径"),
    "serious_injury": (
        "受伤", "烫伤", "烧伤", "触电", "漏电", "住院", "骨折", "中毒", "身体不适", "过敏",
        "送医", "就医", "伤到", "电到",
    ),
    "fire_or_accident": (
        "起火", "着火", "冒烟", "爆炸", "火灾", "燃气泄漏", "漏气", "自燃", "爆裂",
    ),
    "replacement_or_damages_demand": ("赔偿", "索赔", "三倍赔偿", "十倍赔偿", "精神损失"),
    "refund_demand": ("退款", "退货", "退钱", "全额退"),
    "replacement_demand": ("换货", "换新", "换一台", "更换新机"),
    "repeated_repair": (
        "多次维修", "反复维修", "修了好几次", "修了三次", "三次维修", "又坏了", "还是坏",
    ),
    "door_blocking": ("堵门", "围堵", "拉横幅", "静坐", "闹事"),
    "breach_of_law": ("违法", "违规", "欺诈", "虚假宣传", "霸王条款"),
    "written_answer_demand": ("书面答复", "书面回复", "书面说明"),
}  # fmt: skip

_HAN_NUMBERS = {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "几十": 20, "上百": 100}
_PEOPLE = re.compile(
    r"(\d+|五|六|七|八|九|十|几十|上百)\s*(?:几|多|余|来)?\s*(?:个|名|位|户|家)?\s*"
    r"(?:人|业主|用户|消费者|客户|住户|家庭)"
)


@dataclass(frozen=True)
class Cue:
    """One major criterion recognised in a text, with the words that triggered it."""

    code: str
    words: tuple[str, ...]


def people_count(text: str) -> int:
    """The largest number of people a text speaks of ("5名业主", "十几户用户"), 0 when none."""
    largest = 0
    for match in _PEOPLE.finditer(text):
        raw = match.group(1)
        number = int(raw) if raw.isdigit() else _HAN_NUMBERS.get(raw, 0)
        largest = max(largest, number)
    return largest


def severity_cues(text: str, *, offered: Iterable[str] | None = None) -> list[Cue]:
    """The major criteria `text` points to, each with its trigger words, in table order.

    `offered` limits the codes to the criteria the site offers (its industry preset). Five or
    more people (seed 004: 五人(含五人)以上) count as a group complaint.
    """
    allowed = set(offered) if offered is not None else None
    folded = unicodedata.normalize("NFKC", text).lower()
    cues: list[Cue] = []
    for code, words in CRITERIA_CUES.items():
        if allowed is not None and code not in allowed:
            continue
        found = [word for word in words if word in folded]
        if code == "group_complaint":
            match = _PEOPLE.search(folded)
            if people_count(folded) >= 5 and match:
                found.append(match.group(0))
        if found:
            cues.append(Cue(code, tuple(dict.fromkeys(found))))
    return cues


# --------------------------------------------------------------------------------------------
# Sentiment (lexicon with negation and degree words)
# --------------------------------------------------------------------------------------------

SentimentLabel = Literal["negative", "neutral", "positive"]

#: Negative words (weight). Longer entries win over shorter ones inside them ("不满意" over "满意").
NEGATIVE: dict[str, float] = {
    **dict.fromkeys(
        ("不满意", "很不满", "不满", "失望", "太差", "很差", "极差", "差劲", "糟糕", "垃圾",
         "气愤", "愤怒", "生气", "恶心", "坑人", "被坑", "骗人", "欺骗", "忽悠", "敷衍",
         "推诿", "踢皮球", "扯皮", "态度恶劣", "态度差", "态度很差", "没人管", "没人理",
         "不理", "不回复", "拖延", "拖着", "一拖再拖", "太慢", "很慢", "投诉无门", "无语",
         "后悔", "上当", "再也不买", "再也不会", "不推荐", "差评", "烂", "无良", "黑心",
         "霸王", "过分", "离谱", "崩溃", "郁闷", "闹心", "糟心", "窝火", "心寒", "寒心",
         "不负责", "不负责任", "不专业", "不靠谱", "质量差", "问题很多", "毛病", "故障",
         "坏了", "又坏", "不能用", "用不了", "漏水", "噪音大", "异响", "发霉", "退货",
         "欺诈", "虚假", "乱收费", "多收", "强制", "不给退", "不给换", "解决不了", "没解决",
         "未解决", "没有解决", "还是没", "依然", "仍然没有", "等了", "一直没", "至今没",
         "不耐烦", "挂电话", "不讲理", "刁难", "麻烦", "折腾", "浪费时间", "一星", "难用",
         "不好用", "不值", "太贵", "坑", "骗", "差"),
        1.0,
    ),
    # What a complaint is about: a fault, harm, a threat — negative even when said calmly.
    **dict.fromkeys(
        ("漏电", "触电", "受伤", "住院", "起诉", "曝光", "投诉", "索赔", "不制冷", "不加热",
         "不工作", "黑屏", "死机", "异味", "破损", "划痕", "爽约", "没来", "不上门", "没上门",
         "起火", "冒烟", "爆炸", "漏气", "维权", "欺骗", "失灵", "坏掉", "报废"),
        0.8,
    ),
}  # fmt: skip
POSITIVE: dict[str, float] = {
    **dict.fromkeys(
        ("满意", "非常满意", "很满意", "感谢", "谢谢", "多谢", "感激", "好评", "五星", "点赞",
         "赞", "不错", "挺好", "很好", "非常好", "太好了", "好用", "耐心", "热情", "专业",
         "及时", "迅速", "很快", "准时", "周到", "细致", "认真", "负责", "靠谱", "贴心",
         "用心", "给力", "超值", "划算", "推荐", "值得", "放心", "省心", "舒服", "安静",
         "漂亮", "好看", "完美", "顺利", "解决了", "已解决", "问题解决", "修好了", "高效",
         "礼貌", "客气", "友好", "开心", "高兴", "喜欢", "惊喜", "物美价廉", "性价比高",
         "质量好", "效果好", "回购", "还会再买", "好", "棒", "优秀"),
        1.0,
    ),
}  # fmt: skip
NEGATORS: tuple[str, ...] = (
    "不是", "没有", "并不", "并没", "从不", "不太", "不够", "不", "没", "未", "无", "别",
)  # fmt: skip
DEGREE: dict[str, float] = {
    "非常": 1.5, "特别": 1.5, "十分": 1.5, "太": 1.4, "极其": 1.8, "超级": 1.5, "很": 1.3,
    "真": 1.2, "挺": 1.1, "有点": 0.8, "稍微": 0.7, "比较": 0.9,
}  # fmt: skip
_LEXICON: dict[str, float] = {**POSITIVE, **{w: -v for w, v in NEGATIVE.items()}}
_LONGEST = max(len(w) for w in (*_LEXICON, *NEGATORS, *DEGREE))
#: |score| below this reads as neutral.
NEUTRAL_BAND = 0.15


@dataclass(frozen=True)
class Sentiment:
    """The tone of a text: label and a score in [-1, 1] (-1 most negative)."""

    label: SentimentLabel
    score: float


def _next_token(text: str, at: int) -> str:
    """The longest lexicon, negator or degree word starting at `at` ("" when none)."""
    for size in range(min(_LONGEST, len(text) - at), 0, -1):
        piece = text[at : at + size]
        if piece in _LEXICON or piece in NEGATORS or piece in DEGREE:
            return piece
    return ""


def sentiment(text: str) -> Sentiment:
    """Lexicon score of `text`: sentiment words, flipped by a negator and scaled by a degree
    word just before them (within four characters), summed per clause.

    A complaint that ends well ("修好了，谢谢") weighs its later clauses more: what the customer
    says last is how they feel now.
    """
    folded = unicodedata.normalize("NFKC", text).lower()
    clauses = [c for c in re.split(r"[。！？!?；;，,\n]+", folded) if c]
    total = 0.0
    weight_sum = 0.0
    for index, clause in enumerate(clauses):
        weight = 1.0 + index / max(len(clauses), 1)
        total += weight * _clause_score(clause)
        weight_sum += weight
    if not clauses:
        return Sentiment("neutral", 0.0)
    raw = total / weight_sum
    score = max(-1.0, min(1.0, raw / (1.0 + abs(raw)) * 2))
    label: SentimentLabel = (
        "positive" if score > NEUTRAL_BAND else "negative" if score < -NEUTRAL_BAND else "neutral"
    )
    return Sentiment(label, round(score, 3))


def _clause_score(clause: str) -> float:
    score = 0.0
    negated_at = -10
    degree = 1.0
    degree_at = -10
    at = 0
    while at < len(clause):
        token = _next_token(clause, at)
        if not token:
            at += 1
            continue
        if token in _LEXICON:
            value = _LEXICON[token]
            if at - negated_at <= 4:
                value = -value * (0.8 if value > 0 else 0.5)
            if at - degree_at <= 4:
                value *= degree
            score += value
            negated_at = -10
        elif token in NEGATORS:
            negated_at = at + len(token)
        else:
            degree, degree_at = DEGREE[token], at + len(token)
        at += len(token)
    return score


# --------------------------------------------------------------------------------------------
# Cold start: a ranked guess from the category names before any case was categorised
# --------------------------------------------------------------------------------------------

#: Words a complaint uses for what a category name says. Keyed by a word of the category name.
NAME_HINTS: dict[str, tuple[str, ...]] = {
    "质量": ("故障", "坏了", "坏掉", "不工作", "不制冷", "不加热", "噪音", "异响", "漏水", "死机",
             "失灵", "开不了机", "黑屏", "质量"),
    "性能": ("不制冷", "不加热", "效果差", "不好用", "耗电", "噪音", "太慢", "性能"),
    "安全": ("漏电", "触电", "起火", "着火", "冒烟", "爆炸", "漏气", "烫伤", "安全"),
    "包装": ("包装", "破损", "划痕", "磕碰", "缺件", "少配件", "外箱"),
    "服务": ("服务", "客服", "工作人员", "师傅", "态度"),
    "态度": ("态度", "不耐烦", "骂", "挂电话", "语气", "敷衍", "不理"),
    "响应": ("没人回", "没人理", "不回复", "联系不上", "打不通", "一直等", "没有回电", "响应"),
    "能力": ("不会修", "不专业", "说不清", "解决不了", "技术"),
    "售后": ("售后", "维修", "保修", "师傅", "上门"),
    "维修": ("维修", "修", "师傅", "上门", "配件"),
    "延误": ("拖", "等了", "迟迟", "一直没", "还没来", "延误", "太慢", "没上门"),
    "重复": ("又坏", "多次", "反复", "修了好几次", "再次", "第二次", "第三次"),
    "收费": ("收费", "收了", "费用", "乱收费", "多收", "钱", "上门费", "配件费"),
    "物流": ("快递", "物流", "配送", "送货", "没送到", "发货"),
    "价格": ("价格", "降价", "差价", "保价", "贵"),
    "退换": ("退货", "换货", "退款", "退钱"),
    "安装": ("安装", "装机", "移机", "打孔"),
    "宣传": ("宣传", "广告", "虚假", "承诺", "说好的"),
}  # fmt: skip


def cold_start_rank(
    text: str, categories: Iterable[tuple[str, str]], *, limit: int = 5
) -> list[tuple[str, float]]:
    """(code, score) of the categories whose name (or the words a complaint uses for it) occur
    in `text`, best first; categories with no evidence are left out. Scores are in [0, 1]."""
    folded = normalise(text)
    scored: list[tuple[str, float]] = []
    for code, name in categories:
        name_folded = normalise(name)
        evidence = 0.0
        for size in (2, 3, 4):
            for i in range(len(name_folded) - size + 1):
                if name_folded[i : i + size] in folded:
                    evidence += size / 2
        for key, words in NAME_HINTS.items():
            if key in name_folded:
                evidence += sum(1.0 for word in words if word in folded)
        if evidence > 0:
            scored.append((code, evidence))
    scored.sort(key=lambda item: (-item[1], item[0]))
    total = sum(score for _, score in scored[:limit]) or 1.0
    return [(code, round(score / total, 4)) for code, score in scored[:limit]]
