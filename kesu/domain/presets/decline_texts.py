"""What a declined customer is told, per decline reason (`DECLINE_REASONS` codes): the reason in
plain, polite words (seed 002 篇六 四(一)2「如果投诉不能成立，用婉转的方式答复客户，取得客户的
谅解」). The message template adds what the customer can do next. (Chinese, English)"""

from __future__ import annotations

DECLINE_CUSTOMER_TEXTS: dict[str, tuple[str, str]] = {
    "not_specific": (
        "您反映的情况不够具体，我们暂时无法核实和调查。欢迎您补充具体情况（时间、地点、产品或"
        "服务、经过）后再与我们联系。",
        "What you told us is not specific enough for us to check and investigate. You are "
        "welcome to contact us again with the details (when, where, which product or service, "
        "what happened).",
    ),
    "no_clear_subject": (
        "您反映的内容未能明确投诉的对象或具体事项，我们暂时无法受理。欢迎您补充后再与我们联系。",
        "Your complaint does not say whom or what it is about, so we cannot take it up yet. You "
        "are welcome to contact us again with that information.",
    ),
    "no_contact": (
        "您留下的联系方式不完整，我们无法与您联系核实情况。欢迎您提供完整的联系方式后再与我们"
        "联系。",
        "The contact details you gave are incomplete, so we cannot reach you to check the "
        "matter. You are welcome to contact us again with complete details.",
    ),
    "anonymous_or_unrelated": (
        "按照规定，投诉须由客户本人或其关系人提出，您的投诉暂不符合受理条件。",
        "Under our rules a complaint must come from the customer or a related party, so we "
        "cannot take up this one.",
    ),
    "anonymous_not_investigable": (
        "您的反映经初步审查，暂不具备调查条件。如有新的线索，欢迎您实名反映。",
        "After a first review, what you reported does not give us enough to investigate. If "
        "you have more information, please report it again under your name.",
    ),
    "out_of_scope": (
        "您反映的事项不属于本单位的管理或服务范围，建议您向相关单位反映。",
        "The matter lies outside our organisation's remit and services; please raise it with "
        "the organisation concerned.",
    ),
    "settled": (
        "您反映的事项已达成和解协议并已执行，按照规定不再重复受理。",
        "This matter was settled by an agreement that has been carried out, so under our rules "
        "it is not taken up again.",
    ),
    "mediated": (
        "您反映的事项已经调解并出具了调解意见书，按照规定不再重复受理。",
        "This matter has already been mediated and a mediation opinion issued, so under our "
        "rules it is not taken up again.",
    ),
    "statutory_route": (
        "您反映的事项依法应通过行政复议、诉讼或仲裁等法定途径解决，建议您通过相应途径办理。",
        "By law this matter is decided by administrative review, a court or arbitration; "
        "please take it there.",
    ),
    "fee_dispute_too_old": (
        "您反映的费用争议发生至今已超过五个月，超出了受理期限。",
        "The fee dispute you raised happened more than five months ago, which is beyond the "
        "period in which we can take it up.",
    ),
    "too_old": (
        "您反映的事项发生至今已超过二年，超出了受理期限。",
        "The matter you raised happened more than two years ago, which is beyond the period in "
        "which we can take it up.",
    ),
    "unfounded": (
        "经认真核实，您反映的问题暂不能认定，投诉暂不成立。我们理解您的心情，也感谢您的反馈。",
        "We have looked into it carefully and could not confirm the problem you described, so "
        "the complaint is not upheld. We understand your concern and thank you for telling us.",
    ),
    "duplicate": (
        "您反映的问题已在处理中，不再另行立案；您这次的反映已转交原经办人员，我们会尽快答复您。",
        "The problem you raised is already being handled, so no new case is opened; we have "
        "passed on what you told us and will answer you as soon as we can.",
    ),
}
