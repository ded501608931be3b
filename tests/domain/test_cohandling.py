"""The legal-opinion triggers of seed 004 第六条(三), pure (no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.cohandling import (
    MEDIA_WORDS,
    CaseSignals,
    LegalTrigger,
    legal_triggers,
)
from kesu.domain.vocabulary import Channel, Severity

T = LegalTrigger
#: Text without any trigger word: plain Chinese letters that spell none of them.
plain = st.text(alphabet="空调维修师傅上门客户要求退款三次未到", max_size=60)


def test_each_seed_trigger() -> None:
    assert legal_triggers(CaseSignals(facts="报社记者到现场采访")) == (T.MEDIA,)
    assert legal_triggers(CaseSignals(facts="客户投诉理赔", channel=Channel.REGULATOR)) == (
        T.REGULATOR_EXPLANATION,
    )
    assert legal_triggers(CaseSignals(facts="银保监局责成公司提供书面说明")) == (
        T.REGULATOR_EXPLANATION,
    )
    assert legal_triggers(CaseSignals(facts="保单条款约定不明，存在歧义")) == (T.CONTRACT_CLAUSE,)
    assert legal_triggers(CaseSignals(facts="一般投诉", severity=Severity.MAJOR)) == (T.MAJOR_CASE,)
    assert legal_triggers(CaseSignals(facts="x", major_criteria=("mainstream_media",))) == (
        T.MEDIA,
    )


def test_a_clause_mentioned_without_a_defect_is_no_trigger() -> None:
    assert legal_triggers(CaseSignals(facts="客户询问保单第三条条款的含义")) == ()


@given(plain, st.sampled_from([c for c in Channel if c is not Channel.REGULATOR]))
def test_ordinary_cases_suggest_nothing(facts: str, channel: Channel) -> None:
    assert legal_triggers(CaseSignals(facts=facts, channel=channel)) == ()


@given(st.text(max_size=80), st.text(max_size=40), st.sampled_from(list(Channel)))
def test_major_cases_always_suggest_and_triggers_keep_the_seed_order(
    facts: str, demand: str, channel: Channel
) -> None:
    found = legal_triggers(
        CaseSignals(facts=facts, demand=demand, channel=channel, severity=Severity.MAJOR)
    )
    assert T.MAJOR_CASE in found
    order = list(T)
    assert list(found) == sorted(found, key=order.index)
    assert len(set(found)) == len(found)


@given(plain, st.sampled_from(MEDIA_WORDS), plain)
def test_a_media_word_anywhere_suggests(before: str, word: str, after: str) -> None:
    assert T.MEDIA in legal_triggers(CaseSignals(facts=before + word.upper() + after))
