"""The SMS excerpt of an answer: never longer than its room, always the answer's beginning, cut
only when the answer does not fit, after a whole sentence where one ends late enough."""

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.excerpt import ELLIPSIS, excerpt

TEXT = st.text(alphabet=st.sampled_from("答复已为您更换压缩机 ab。！？;\n"), max_size=300)


@given(TEXT, st.integers(min_value=1, max_value=200))
def test_an_excerpt_fits_and_is_the_beginning(text: str, limit: int) -> None:
    result = excerpt(text, limit)
    whole = text.strip()
    assert len(result.text) <= limit
    assert result.cut == (len(whole) > limit)
    if result.cut:
        assert result.text.endswith(ELLIPSIS)
        assert whole.startswith(result.text.removesuffix(ELLIPSIS))
    else:
        assert result.text == whole


@given(
    st.text(alphabet=st.sampled_from("答复已为您更换压缩机ab。！？;"), max_size=300),
    st.integers(min_value=2, max_value=200),
)
def test_a_cut_ends_a_sentence_in_the_second_half_or_fills_the_room(text: str, limit: int) -> None:
    result = excerpt(text, limit)
    if result.cut:
        kept = result.text.removesuffix(ELLIPSIS)
        room = limit - len(ELLIPSIS)
        assert kept == text[:room] or (kept[-1] in "。！？;" and len(kept) >= room // 2)


def test_the_cut_falls_after_a_sentence() -> None:
    answer = "同意免费更换压缩机。师傅明天上门。另补偿您200元，7个工作日内到账。"
    assert excerpt(answer, 20).text == "同意免费更换压缩机。师傅明天上门。…"
    assert excerpt(answer, 200).text == answer
    assert excerpt("没有句号的很长很长很长的一句答复", 8).text == "没有句号的很长…"
