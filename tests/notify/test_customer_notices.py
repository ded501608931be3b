"""Every notice the rules owe the customer, sent through the workflow's own services and
delivered through a real SMTP server (aiosmtpd) and the SMS gateway interface, in Chinese and
in English: acknowledgement with the seed's promise, decline with reason and next steps,
extension with the new date and why (CBIRC), progress on request, the answer (long ones point
to the portal), the return-visit link, reopening. And every default SMS renders within its
segment budget on realistic cases."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kesu.cases.models import Case, DeclineReason
from kesu.cases.services.progress import send_progress
from kesu.domain.visits import Answers, Source, sms_segments
from kesu.domain.vocabulary import Action
from kesu.notify.models import Notification, NotificationTemplate
from kesu.notify.presets import DEFAULT_TEMPLATES, SMS, SMS_BUDGETS, sms_budget
from kesu.notify.rendering import render_text
from kesu.org.access import authority_of
from kesu.visits import services as visits
from tests.conftest import at
from tests.deadlines.test_seed_clocks import only
from tests.factories import act, register
from tests.notify.conftest import SmtpServer
from tests.notify.sms import RecordingSmsGateway
from tests.notify.test_workflow_messages import (
    LONG_ANSWER,
    approved,
    deliver_all,
    mail_to,
    text_of,
)

PORTAL = "https://kesu.example.cn"


@pytest.fixture
def sms(settings: Any) -> list[tuple[str, str]]:
    settings.KESU_SMS_GATEWAY = "tests.notify.sms.RecordingSmsGateway"
    RecordingSmsGateway.sent.clear()
    return RecordingSmsGateway.sent


ADDRESS = "wangli@example.cn"
PHONE = "13812345678"


def sms_of(sent: list[tuple[str, str]], marker: str) -> str:
    texts = [text for phone, text in sent if phone == PHONE and marker in text]
    assert texts, f"no SMS with {marker!r} in {sent}"
    return texts[-1]


@pytest.fixture
def lang(request: Any, settings: Any) -> str:
    settings.LANGUAGE_CODE = request.param
    settings.KESU_PUBLIC_URL = PORTAL
    settings.KESU_HOTLINE = "400-800-1234"
    with translation.override(request.param):
        yield request.param


WORDS = {
    "zh-hans": {
        "ack": "前与您联系并处理",
        "decline": "未能受理",
        "next": "主管部门",
        "extended": "延长至",
        "progress": "新进展",
        "answer": "我们的答复",
        "more": "完整答复请见",
        "visit": "评价",
        "reopened": "重新交由",
    },
    "en": {
        "ack": "We will contact you and handle it by",
        "decline": "cannot be taken up",
        "next": "competent authority",
        "extended": "extended to",
        "progress": "news on your complaint",
        "answer": "our answer",
        "more": "The full answer:",
        "visit": "rate",
        "reopened": "handled again",
    },
}


@pytest.mark.parametrize("lang", ["zh-hans", "en"], indirect=True)
def test_every_customer_notice_by_email_and_sms(
    org: Any,
    smtp: SmtpServer,
    sms: list[tuple[str, str]],
    lang: str,
) -> None:
    words = WORDS[lang]
    extra = {"complainant_email": ADDRESS, "complainant_phone": PHONE}
    # Declined, with the reason's customer text and what the customer can do.
    declined = register(org["agent"], at("2026-11-02 08:00"), facts="第一件：重复投诉。", **extra)
    reason = DeclineReason.objects.filter(is_active=True).first()
    assert reason is not None
    act(declined, org["agent"], Action.DECLINE, at("2026-11-02 08:30"), reason_code=reason.code,
        note="重复")  # fmt: skip
    # Accepted under the platform default: the seed insurer's 7-working-day contact promise.
    case = approved(org, **extra)
    # Progress on request.
    send_progress(
        case_id=case.pk,
        authority=authority_of(org["handler"], now=at("2026-11-03 12:00")),
        note="鉴定报告预计下周出具，届时我们会再联系您。" * 5,
        now=at("2026-11-03 12:00"),
    )
    # The answer, long: the SMS carries its beginning and points to the portal.
    case = act(case, org["handler"], Action.ANSWER, at("2026-11-04 10:00"), answer=LONG_ANSWER)
    # The return-visit link, then an unhappy customer: the case is reopened.
    visit = visits.plan_case(case_id=case.pk, now=at("2026-11-04 10:05"))
    assert visit is not None
    visits.record_answers(
        visit_id=visit.pk, answers=Answers(1, 2, False, "没修好"), source=Source.CUSTOMER,
        now=at("2026-11-06 10:00"),
    )  # fmt: skip
    # CBIRC: an extension with the new date and the reason.
    only("cbirc_2020_order3")
    cbirc = register(org["agent"], at("2026-11-02 09:00"), facts="保险理赔拖延。", **extra)
    cbirc = act(cbirc, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"))
    act(
        cbirc, org["supervisor"], Action.EXTEND_DEADLINE, at("2026-11-10 09:00"),
        extension_amount=15, extension_unit="calendar_days", note="情况复杂，需调取监控",
    )  # fmt: skip

    deliver_all()
    mails = {m["Subject"]: text_of(m) for m in mail_to(smtp, ADDRESS)}
    every = "\n".join(mails.values())
    for marker in ("ack", "decline", "next", "extended", "answer", "reopened"):
        assert words[marker].lower() in every.lower(), marker
    assert "情况复杂" in every  # the extension's reason
    assert LONG_ANSWER in every  # the answer in full by e-mail
    assert f"{PORTAL}/portal/visit/" in every  # the questionnaire link
    assert f"{PORTAL}/portal/" in every  # where to follow the case
    texts = [text for phone, text in sent_to(sms)]
    assert len(texts) == Notification.objects.filter(channel="sms").count()
    answer_sms = sms_of(sms, words["more"])
    assert f"{PORTAL}/portal/" in answer_sms
    assert LONG_ANSWER not in answer_sms
    assert sms_of(sms, f"{PORTAL}/portal/visit/")
    assert PORTAL in sms_of(sms, "鉴定报告")  # a long progress note is cut; the rest: portal
    for text in texts:
        assert sms_segments(text) <= 5, text


def sent_to(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(phone, text) for phone, text in sent if phone == PHONE]


REALISTIC: list[dict[str, Any]] = [
    {
        "number": "261123017",
        "name": "欧阳晓明",
        "due": at("2026-12-15 17:30"),
        "note": "需等待第三方鉴定机构出具检测报告，预计还需10个工作日，"
        "鉴定完成后我们会第一时间联系您。",
        "reason": "该事项已进入司法程序，依照公司投诉管理办法不予受理。",
        "answer_sms": LONG_ANSWER[:118],
        "answer_cut": True,
        "has_email": True,
        "case_url": "https://kesu.example-company.com.cn/portal/",
        "visit_url": "https://kesu.example-company.com.cn/portal/visit/"
        + "x" * 24
        + ":1vZ:abcdef/",
        "hotline": "400-800-1234",
    },
    {
        "number": "261123018",
        "name": "Wang Li",
        "due": at("2026-12-15 17:30"),
        "note": "",
        "reason": "The matter is already before a court.",
        "answer_sms": "We replaced the compressor free of charge.",
        "answer_cut": False,
        "has_email": False,
        "case_url": "",
        "visit_url": "",
        "hotline": "",
    },
]


@pytest.mark.django_db
@pytest.mark.parametrize("context", REALISTIC)
def test_every_default_sms_stays_within_its_segment_budget(context: dict[str, Any]) -> None:
    customer_sms = [p for p in DEFAULT_TEMPLATES if p.channel == SMS]
    assert {p.code for p in customer_sms} == set(SMS_BUDGETS)  # every customer SMS has a budget
    for preset in customer_sms:
        values = context | ({"case_url": context["visit_url"]}
                            if preset.code == "return_visit_invitation" else {})  # fmt: skip
        text = render_text(preset.body, values, language=preset.language)
        budget = sms_budget(preset.code, preset.language)
        assert budget is not None
        assert sms_segments(text) <= budget, (preset.code, preset.language, text)


@pytest.mark.django_db
def test_every_customer_template_is_stored_in_both_languages() -> None:
    stored = set(
        NotificationTemplate.objects.filter(code__in=SMS_BUDGETS).values_list(
            "code", "language", "channel"
        )
    )
    for code in SMS_BUDGETS:
        for language in ("zh-hans", "en"):
            assert {(code, language, "sms"), (code, language, "email")} <= stored


def test_case_model_has_the_fields_notices_use() -> None:
    assert {"complainant_phone", "complainant_email"} <= {f.name for f in Case._meta.fields}
