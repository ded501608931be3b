"""The pure rules of the library: how typed text becomes search terms, how placeholders fill."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.library.fulltext import MAX_TERM, MAX_TERMS, SEPARATORS, terms_of
from kesu.library.templating import fill


@given(st.text(max_size=400))
def test_terms_are_bounded_and_hold_no_separator_or_wildcard(text: str) -> None:
    terms = terms_of(text)
    assert len(terms) <= MAX_TERMS
    for term in terms:
        assert 0 < len(term) <= MAX_TERM
        assert not SEPARATORS.search(term)
        assert "%" not in term
        assert "_" not in term
    assert len({t.lower() for t in terms}) == len(terms)


@given(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=200))
def test_text_without_placeholders_is_left_as_written(text: str) -> None:
    assert fill(text, {"name": "王丽"}) == text


@given(st.text(max_size=50))
def test_known_placeholders_are_filled_and_unknown_ones_kept(before: str) -> None:
    values = {"number": "HL-2026-000001", "name": "王*"}
    filled = fill("{number}" + "{unknown}", values)
    assert filled == "HL-2026-000001{unknown}"
    assert fill(before.replace("{", "").replace("}", "") + "{name}", values).endswith("王*")
