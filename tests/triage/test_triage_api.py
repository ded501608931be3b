"""Triage learned from the organisation's own cases (issue 19): the API contract, cold start,
training, similar cases the moment they are registered, and visibility."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kesu.core import clock
from kesu.triage.models import TriageModel
from tests.factories import register

#: A small labelled history, built here: three categories, phrases that say what each is about.
PHRASES: dict[str, tuple[str, ...]] = {
    "after_sales_repair_delay": (
        "报修后师傅一直没有上门", "约好的维修时间师傅没来", "维修等了两个星期还没人处理",
        "售后说安排师傅但迟迟不上门", "报修五天了没有任何人联系我",
    ),
    "service_quality_attitude": (
        "客服态度恶劣直接挂我电话", "安装工人说话很冲还骂人", "门店店员爱答不理很不耐烦",
        "客服语气很差还嘲笑我", "工作人员态度傲慢推卸责任",
    ),
    "product_quality_packaging": (
        "收到的货外箱破损严重", "包装被雨淋湿了纸箱烂了", "拆开包装发现外壳有划痕",
        "快递送来的箱子压坏了面板有凹痕", "外包装破损里面的配件少了",
    ),
}  # fmt: skip
PRODUCTS = ("空调", "冰箱", "洗衣机", "热水器", "油烟机", "电视")


def labelled(seed: int, per_category: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    rows = []
    for code, phrases in PHRASES.items():
        for _ in range(per_category):
            product = rng.choice(PRODUCTS)
            rows.append((code, f"我家{product}{rng.choice(phrases)}，{rng.choice(phrases)}。"))
    return rows


@pytest.fixture
def history(org: Any) -> list[str]:
    """Twelve categorised cases per category, registered through the service."""
    now = clock.now()
    numbers = []
    for index, (code, facts) in enumerate(labelled(1, 12)):
        case = register(
            org["agent"], now, facts=facts, category_code=code,
            complainant_phone=f"1391234{index:04d}",
        )  # fmt: skip
        numbers.append(case.number)
    return numbers


def test_cold_start_ranks_by_the_category_names(api: Any) -> None:
    answer = api("agent").post("/triage", {"facts": "安装师傅服务态度不好，还骂人"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["model"] == {"version": None, "trained_at": None, "cases": 0}
    codes = [c["code"] for c in body["categories"]]
    assert codes, "cold start gives a ranked guess, not nothing"
    assert "service_quality_attitude" in codes[:3]
    assert len(codes) <= 5


@pytest.mark.django_db(transaction=False)
def test_trained_model_answers_the_contract(api: Any, history: list[str]) -> None:
    call_command("train_triage", "--no-sentiment")
    model = TriageModel.objects.get()
    assert model.version == 1
    assert model.case_count == 36
    assert model.macro_f1 is not None
    assert model.top3 is not None

    answer = api("agent").post(
        "/triage",
        {"facts": "热水器报修以后师傅迟迟不上门，等了一个星期", "complainant_name": "王丽"},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert set(body) == {"categories", "severity", "sentiment", "similar_cases", "model"}
    assert body["categories"][0]["code"] == "after_sales_repair_delay"
    assert body["categories"][0]["name"] == "维修不及时"
    scores = [c["score"] for c in body["categories"]]
    assert scores == sorted(scores, reverse=True)
    assert 1 <= len(scores) <= 5
    assert body["model"]["version"] == 1
    assert body["model"]["cases"] == 36
    assert body["severity"] == {"suggested": "general", "criteria": []}
    assert body["sentiment"]["label"] in {"negative", "neutral", "positive"}
    assert -1 <= body["sentiment"]["score"] <= 1
    similar = body["similar_cases"]
    assert len(similar) <= 5
    assert all(set(item) == {"number", "score"} for item in similar)
    assert [s["score"] for s in similar] == sorted((s["score"] for s in similar), reverse=True)


def test_a_case_registered_a_moment_ago_is_found_without_retraining(api: Any) -> None:
    facts = "我家冰箱买回来第三天冷藏室就不制冷了，里面的菜全坏了，要求上门检测并换货。"
    first = api("agent").post("/triage", {"facts": facts}).json()
    assert first["similar_cases"] == []
    number = (
        api("agent")
        .post("/cases", {"complainant_name": "周敏", "channel": "hotline", "facts": facts})
        .json()["number"]
    )

    repeat = "我再反映一次：冰箱买回来第三天冷藏室不制冷，菜全坏了，要求上门检测换货！"
    again = api("agent").post("/triage", {"facts": repeat}).json()
    assert again["similar_cases"][0]["number"] == number
    assert again["similar_cases"][0]["score"] > 0.5


def test_similar_cases_only_lists_cases_the_caller_may_see(api: Any) -> None:
    facts = "洗衣机脱水时剧烈晃动还有很大的异响，已经报修两次没修好。"
    number = (
        api("agent")
        .post("/cases", {"complainant_name": "周敏", "channel": "hotline", "facts": facts})
        .json()["number"]
    )
    seen_by_agent = api("agent").post("/triage", {"facts": facts}).json()["similar_cases"]
    assert [s["number"] for s in seen_by_agent] == [number]
    # The quality department's handler may register, but sees only its department's cases.
    seen_by_other = api("quality").post("/triage", {"facts": facts})
    assert seen_by_other.status_code == 200
    assert seen_by_other.json()["similar_cases"] == []


def test_same_phone_or_order_raises_the_score(api: Any) -> None:
    facts = "电视开机后屏幕一直闪烁，看不了。"
    body = {"complainant_name": "周敏", "channel": "hotline", "facts": facts}
    api("agent").post("/cases", body | {"complainant_phone": "13900001111"})
    plain = api("agent").post("/triage", {"facts": "电视屏幕闪烁"}).json()["similar_cases"]
    same_phone = (
        api("agent")
        .post("/triage", {"facts": "电视屏幕闪烁", "complainant_phone": "139-0000-1111"})
        .json()["similar_cases"]
    )
    assert same_phone[0]["score"] > (plain[0]["score"] if plain else 0)


def test_major_cues_are_suggested_with_their_codes(api: Any) -> None:
    facts = "我们小区12户业主的热水器都漏电，有人被电到住院了，已经找了电视台记者，还要起诉你们。"
    body = api("agent").post("/triage", {"facts": facts}).json()
    assert body["severity"]["suggested"] == "major"
    criteria = body["severity"]["criteria"]
    for code in ("group_complaint", "mainstream_media", "serious_injury", "legal_action"):
        assert code in criteria
    assert body["sentiment"]["label"] == "negative"


def test_five_complainants_alone_suggest_major(api: Any) -> None:
    body = api("agent").post("/triage", {"facts": "空调不制冷", "complainant_count": 6}).json()
    assert body["severity"] == {"suggested": "major", "criteria": ["group_complaint"]}


def test_refusals_and_bad_bodies(api: Any, org: Any) -> None:
    assert api("analyst").post("/triage", {"facts": "空调不制冷"}).status_code == 403
    assert api("agent").post("/triage", {"facts": ""}).status_code == 422
    assert api("agent").post("/triage", {}).status_code == 422
    assert api("agent").post("/triage", {"facts": "x" * 10_001}).status_code == 422
    assert Client().post("/api/v1/triage", {"facts": "空调"}, "application/json").status_code == 401


def test_positive_praise_reads_positive(api: Any) -> None:
    body = (
        api("agent")
        .post("/triage", {"facts": "师傅上门很及时，态度热情专业，很快就修好了，非常满意，谢谢！"})
        .json()
    )
    assert body["sentiment"]["label"] == "positive"
