"""The same issue in other words is recognised; another fault of the same product is not."""

from __future__ import annotations

from kesu.intake import similarity
from tests.intake.conftest import OTHER_ISSUES, PRODUCT, REWORDINGS


def test_each_rewording_matches_one_that_came_before_it() -> None:
    """Arrivals join a batch through any member: each rewording (in the order they arrive)
    is close to at least one of the earlier ones."""
    least = similarity.threshold()
    for i, text in enumerate(REWORDINGS[1:], start=1):
        best = max(similarity.score(text, earlier, subject=PRODUCT) for earlier in REWORDINGS[:i])
        assert best >= least, text


def test_another_fault_of_the_same_product_is_not_the_same_issue() -> None:
    least = similarity.threshold()
    for text in REWORDINGS:
        for other in OTHER_ISSUES:
            assert similarity.score(text, other, subject=PRODUCT) < least - 5, (text, other)


def test_punctuation_width_and_a_repeat_prefix_do_not_matter() -> None:
    text = "空调外机噪音大，晚上睡不着。"
    assert similarity.score(text, "我再反映一次：空调外机噪音大！！晚上睡不着") == 100
    assert similarity.score("", text) == 0
