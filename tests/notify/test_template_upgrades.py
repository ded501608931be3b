"""Existing installs get the new message texts: a template still reading like an earlier default
is brought up to date, one an administrator edited is kept; the seed decline reasons get their
customer text unless someone wrote one."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from kesu.cases.models import DeclineReason
from kesu.cases.services.catalogue import load_decline_reasons
from kesu.notify.models import NotificationTemplate
from kesu.notify.presets import DEFAULT_TEMPLATES, PREVIOUS_DEFAULTS, load_default_templates


def stored(code: str, channel: str, language: str = "zh-hans") -> NotificationTemplate:
    return NotificationTemplate.objects.get(code=code, language=language, channel=channel)


def test_old_defaults_are_updated_and_edited_templates_kept(reference: None) -> None:
    # An install from before: the old answer e-mail, an old 督办 text saved unchanged through
    # the admin (CRLF line ends), and an answer SMS its administrator rewrote.
    old = {(p.code, p.language, p.channel): p for p in PREVIOUS_DEFAULTS}
    for key in [("case_answered", "zh-hans", "email"), ("deadline_escalation", "en", "email")]:
        row = stored(key[0], key[2], key[1])
        row.body = old[key].body.replace("\n", "\r\n") if key[1] == "en" else old[key].body
        row.save()
    edited = stored("case_answered", "sms")
    edited.body = "【华联电器】{{ name }}您好，答复：{{ note }}"
    edited.save()
    NotificationTemplate.objects.filter(code="case_declined").delete()

    assert load_default_templates() == 2 + 4  # two brought up to date, four created
    assert load_default_templates() == 0  # idempotent

    current = {(p.code, p.language, p.channel): p for p in DEFAULT_TEMPLATES}
    answer_email = current["case_answered", "zh-hans", "email"]
    assert stored("case_answered", "email").body == answer_email.body
    assert "{{ answer }}" in stored("case_answered", "email").body
    assert "仍未受理" not in stored("deadline_escalation", "email", "en").body
    assert "still not accepted" in stored("deadline_escalation", "email", "en").body
    assert stored("case_answered", "sms").body == "【华联电器】{{ name }}您好，答复：{{ note }}"
    assert stored("case_declined", "sms").body == current["case_declined", "zh-hans", "sms"].body


def test_load_presets_brings_the_templates_up_to_date(reference: None) -> None:
    NotificationTemplate.objects.filter(code="plan_submitted").delete()
    call_command("load_presets", verbosity=0)
    assert NotificationTemplate.objects.filter(code="plan_submitted").count() == 4


def test_seed_reasons_get_their_customer_text_unless_one_was_written(reference: None) -> None:
    assert "超过二年" in DeclineReason.objects.get(code="too_old").customer_text("zh-hans")
    DeclineReason.objects.filter(code="too_old").update(customer_text_zh="", customer_text_en="")
    DeclineReason.objects.filter(code="duplicate").update(customer_text_zh="您的问题正在处理中。")
    load_decline_reasons()
    too_old = DeclineReason.objects.get(code="too_old")
    assert too_old.customer_text("zh-hans") == "您反映的事项发生至今已超过二年，超出了受理期限。"
    assert too_old.customer_text("en").startswith("The matter you raised happened more than two")
    assert DeclineReason.objects.get(code="duplicate").customer_text("zh-hans") == (
        "您的问题正在处理中。"
    )


def test_a_reason_without_texts_falls_back_to_its_names(db: Any) -> None:
    reason = DeclineReason(code="x", name_zh="推销来电", name_en="Sales call")
    assert reason.customer_text("zh-hans") == "推销来电"
    assert reason.customer_text("en") == "Sales call"
    reason.name_en = ""
    assert reason.customer_text("en") == "推销来电"
