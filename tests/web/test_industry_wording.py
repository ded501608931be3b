"""D6: the hotline form speaks the organisation's industry — an appliance maker sees 购买人 and
订单号 and no car or insurance criteria; an insurer still sees 投保人 and 保单号. The codes
posted stay the same vocabulary."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kesu.domain.presets.categories import CATEGORY_PRESETS
from kesu.domain.presets.industries import INDUSTRIES, PRESET_INDUSTRY, industry_for
from kesu.domain.presets.terms import MAJOR_CRITERIA, RELATIONS
from tests.web.client import logged_in

CAR_WORDS = ("安全气囊", "换车", "发动机", "变速箱", "车祸", "退车")


def test_an_appliance_maker_sees_buyer_and_order_and_no_car_criteria(org: Any) -> None:
    page = logged_in("agent").get("/cases/new/").content.decode()
    assert "与购买人关系" in page
    assert ">订单号<" in page
    assert "保单号" not in page
    assert "被保险人" not in page
    assert not [word for word in CAR_WORDS if word in page]
    assert "五人（含五人）以上的群诉案件" in page  # full-width marks in Chinese
    assert '<details class="field wide criteria"' in page  # folded: the save button stays near


def test_an_insurer_still_sees_policy_holder_and_policy_number(org: Any, settings: Any) -> None:
    settings.KESU_INDUSTRY = "insurance"
    page = logged_in("agent").get("/cases/new/").content.decode()
    assert "与投保人关系" in page
    assert ">保单号<" in page
    assert "被保险人" in page
    english = logged_in("agent", "en").get("/cases/new/").content.decode()
    assert "Relation to the policy holder" in english


def test_the_industry_follows_the_loaded_category_preset() -> None:
    for preset in CATEGORY_PRESETS:
        codes = []
        stack = list(preset.roots)
        while stack:
            node = stack.pop()
            codes.append(node.code)
            stack.extend(node.children)
        expected = PRESET_INDUSTRY.get(preset.key, "generic")
        assert industry_for(codes).key == expected, preset.key
    assert industry_for([]).key == "generic"
    assert industry_for(["product_quality"], configured="automotive").key == "automotive"


@given(st.sampled_from(sorted(INDUSTRIES)))
def test_every_industry_offers_only_codes_of_the_shared_vocabulary(key: str) -> None:
    industry = INDUSTRIES[key]
    assert set(industry.relations) <= {t.code for t in RELATIONS}
    assert set(industry.major_criteria) <= {t.code for t in MAJOR_CRITERIA}
    assert "self" in industry.relations
    assert "group_complaint" in industry.major_criteria
