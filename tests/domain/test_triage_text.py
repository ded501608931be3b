"""Pure triage rules: major-complaint cues with their words, sentiment, the normal form."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.triage_text import (
    cold_start_rank,
    normalise,
    people_count,
    sentiment,
    severity_cues,
    strip_repeat_prefix,
)


def test_cues_name_the_words_that_triggered_them() -> None:
    cues = {c.code: c.words for c in severity_cues("已经联系了记者，准备去法院起诉")}
    assert cues == {"mainstream_media": ("记者",), "legal_action": ("起诉", "法院")}


def test_five_people_make_a_group_complaint_four_do_not() -> None:
    assert "group_complaint" in {c.code for c in severity_cues("我们5名业主一起反映")}
    assert "group_complaint" in {c.code for c in severity_cues("十几户用户都是这个问题")}
    assert "group_complaint" not in {c.code for c in severity_cues("我们4个人都遇到了")}
    assert people_count("二十多个人") == 0 or people_count("二十多个人") >= 5


def test_only_offered_criteria_are_cued() -> None:
    assert severity_cues("要找媒体曝光", offered=["legal_action"]) == []


def test_sentiment_reads_negation_and_praise() -> None:
    assert sentiment("非常满意，谢谢师傅").label == "positive"
    assert sentiment("一点都不满意，太失望了").label == "negative"
    assert sentiment("服务不错").label == "positive"
    assert sentiment("请问保修期多久").label == "neutral"


def test_a_repeat_prefix_is_ignored_when_comparing() -> None:
    assert strip_repeat_prefix(normalise("我再反映一次：冰箱不制冷！")) == "冰箱不制冷"


def test_cold_start_guesses_from_names_and_keywords() -> None:
    ranked = cold_start_rank("师傅上门收了200元上门费", [("a", "维修收费"), ("b", "外观包装")])
    assert ranked[0][0] == "a"
    assert cold_start_rank("", [("a", "维修收费")]) == []


@given(st.text(max_size=200))
def test_sentiment_is_bounded_and_labelled(text: str) -> None:
    found = sentiment(text)
    assert -1.0 <= found.score <= 1.0
    assert found.label in {"negative", "neutral", "positive"}


@given(st.text(max_size=200))
def test_normal_form_is_stable(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)
