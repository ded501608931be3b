"""Acceptance screening per regulatory preset (R-05): the time bars and validity checks offered
as decline reasons when a case of that preset's policy waits for its acceptance decision.

Keyed by the deadline policy preset's code (`policies.DEADLINE_POLICY_PRESETS`): the rule that
sets a preset's clocks also says when a complaint is not accepted. The decision stays a
person's (`kesu.domain.screening`)."""

from __future__ import annotations

from kesu.domain.screening import ScreeningRules, TimeBar, WordCheck

# Words that say a court, an arbitrator or an administrative review has the matter
# (seed 004《投诉举报管理制度》五(三)「应当依法通过行政复议、诉讼、仲裁等法定途径解决的」).
COURT_CUES = (
    "起诉",
    "诉讼",
    "法院",
    "仲裁",
    "行政复议",
    "lawsuit",
    "court",
    "arbitration",
)
# Words that say it was already settled or mediated elsewhere
# (seed 004《电信用户申诉处理暂行办法》第十条(二)(三)).
SETTLED_CUES = ("和解协议", "已和解", "settlement agreement")
MEDIATED_CUES = ("调解书", "调解意见书", "已调解", "mediation opinion", "mediated")

# 信息产业部令第7号 第十条 / 工业和信息化部令第35号: fee disputes older than 5 months, other
# matters older than 2 years; settled and carried out; mediated with an opinion issued. A
# matter in court or arbitration is not the appeals body's either.


def _miit(code: str) -> ScreeningRules:
    return ScreeningRules(
        code,
        time_bars=(TimeBar("fee_dispute_too_old", 5), TimeBar("too_old", 24)),
        word_checks=(
            WordCheck("statutory_route", COURT_CUES),
            WordCheck("settled", SETTLED_CUES),
            WordCheck("mediated", MEDIATED_CUES),
        ),
        settled_reason="settled",
        duplicate_reason="duplicate",
    )


SCREENING_PRESETS: dict[str, ScreeningRules] = {
    "miit_2016_order35": _miit("miit_2016_order35"),
    "telecom_miit": _miit("telecom_miit"),
    # seed 004《投诉举报管理制度》五: not accepted when it belongs to administrative review,
    # litigation or arbitration (五(三)); decided within 5 days of receipt (六).
    "food_drug_complaint": ScreeningRules(
        "food_drug_complaint",
        word_checks=(WordCheck("statutory_route", COURT_CUES),),
        duplicate_reason="duplicate",
    ),
}
