"""Category search keys: full pinyin and initials, and the matching rule the picker uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.pinyin import matches, search_keys
from kesu.domain.presets.categories import CATEGORY_PRESETS, CategoryNode

CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8)
NAMES = st.one_of(CHINESE, st.text(min_size=1, max_size=12))


def test_keys_of_a_seed_category() -> None:
    keys = search_keys("产品质量")
    assert (keys.full, keys.initials) == ("chanpinzhiliang", "cpzl")
    assert search_keys("维修不及时").initials == "wxbjs"
    assert search_keys("外观包装类").full == "waiguanbaozhuanglei"
    for query in ("cpzl", "chanpin", "质量", " CPZL ", "pin zhi"):
        assert matches(query, keys), query
    assert not matches("wxbjs", keys)
    assert not matches("售后", keys)


@given(NAMES)
def test_every_name_is_found_by_its_initials_and_its_pinyin(name: str) -> None:
    keys = search_keys(name)
    assert matches(keys.initials, keys)
    assert matches(keys.full, keys)


@given(NAMES, st.data())
def test_every_name_is_found_by_any_piece_of_itself(name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    assert matches(name[start:end], search_keys(name))


def test_every_preset_category_is_found_by_its_initials_and_pieces_of_its_name() -> None:
    names = {node.name_zh for preset in CATEGORY_PRESETS for node in _walk(preset.roots)}
    assert len(names) > 10
    for name in names:
        keys = search_keys(name)
        assert matches(keys.initials, keys), name
        for start in range(len(name)):
            assert matches(name[start:], keys), name


def _walk(nodes: tuple[CategoryNode, ...]) -> list[CategoryNode]:
    found: list[CategoryNode] = []
    for node in nodes:
        found.append(node)
        found.extend(_walk(node.children))
    return found
