"""Default templates: loaded by the migration, rendered in Chinese and English, kept when edited."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from kesu.notify.models import Channel, Notification, NotificationTemplate
from kesu.notify.presets import DEFAULT_TEMPLATES, load_default_templates
from kesu.notify.rendering import render_text
from kesu.notify.services import notify
from tests.conftest import at

CONTEXT: dict[str, Any] = {
    "number": "261124001",
    "name": "王丽",
    "due": at("2026-12-15 17:30"),
    "case_url": "https://kesu.example.cn/cases/261124001",
    "clock": "答复时限",
    "level": 2,
    "staff_name": "张伟",
    "note": "已安排师傅明天上门。",
}
CUSTOMER = {"case_acknowledged", "case_progress", "case_answered", "return_visit_invitation"}
STAFF = {
    "case_assigned", "deadline_warning", "deadline_overdue", "deadline_escalation",
    "case_hastened", "customer_added_information",
}  # fmt: skip


def test_the_migration_loaded_every_default_template(db: Any) -> None:
    stored = set(NotificationTemplate.objects.values_list("code", "language", "channel"))
    assert stored == {(p.code, p.language, p.channel) for p in DEFAULT_TEMPLATES}
    for code in CUSTOMER:
        for language in ("zh-hans", "en"):
            assert {(code, language, "sms"), (code, language, "email")} <= stored
    for code in STAFF:
        for language in ("zh-hans", "en"):
            assert {(code, language, "in_app"), (code, language, "email")} <= stored


def test_loading_again_creates_the_missing_and_keeps_edits(db: Any) -> None:
    edited = NotificationTemplate.objects.get(
        code="case_acknowledged", language="zh-hans", channel="sms"
    )
    edited.body = "【华联电器】{{ name }}您好，投诉编号{{ number }}。"
    edited.save()
    NotificationTemplate.objects.filter(code="case_progress", language="en").delete()

    assert load_default_templates() == 2
    assert load_default_templates() == 0
    edited.refresh_from_db()
    assert edited.body == "【华联电器】{{ name }}您好，投诉编号{{ number }}。"


def test_chinese_acknowledgement_sms(db: Any) -> None:
    source = NotificationTemplate.objects.get(
        code="case_acknowledged", language="zh-hans", channel="sms"
    )
    text = render_text(source.body, CONTEXT | {"hotline": "400-800-1234"}, language="zh-hans")
    assert text == (
        "【客诉中心】您好王丽，您的投诉已受理，编号261124001，我们将于2026年12月15日前给您答复。"
        "咨询电话400-800-1234。"
    )
    assert "咨询电话" not in render_text(source.body, CONTEXT, language="zh-hans")


def test_english_acknowledgement_uses_english_month_names(db: Any) -> None:
    source = NotificationTemplate.objects.get(
        code="case_acknowledged", language="en", channel="sms"
    )
    text = render_text(source.body, CONTEXT, language="en")
    assert text == (
        "[Complaints Centre] Dear 王丽, your complaint has been accepted under number 261124001. "
        "We will answer by 15 December 2026."
    )


def test_due_times_are_shown_in_local_time(db: Any) -> None:
    source = NotificationTemplate.objects.get(
        code="deadline_warning", language="zh-hans", channel="in_app"
    )
    due = datetime(2026, 12, 15, 9, 30, tzinfo=UTC)  # 17:30 in Shanghai
    text = render_text(source.body, CONTEXT | {"due": due}, language="zh-hans")
    assert "2026年12月15日 17:30" in text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_template_renders_without_leftovers(db: Any, language: str) -> None:
    for source in NotificationTemplate.objects.filter(language=language):
        for text in (source.subject, source.body):
            rendered = render_text(text, CONTEXT, language=language)
            assert "{" not in rendered, (source, rendered)
            assert "}" not in rendered, (source, rendered)
        if source.channel != Channel.SMS:
            assert render_text(source.subject, CONTEXT, language=language), source


def test_text_is_not_html_escaped(db: Any, org: Any) -> None:
    with transaction.atomic():
        [item] = notify(
            template="case_hastened",
            dedupe_key="escape",
            context=CONTEXT | {"note": '客户说："<急> & 尽快"'},
            recipient=org["handler"],
        )
    assert '客户说："<急> & 尽快"' in item.body


def test_language_follows_the_argument_and_falls_back_to_chinese(db: Any, org: Any) -> None:
    with transaction.atomic():
        [english] = notify(
            template="case_assigned", dedupe_key="k1", context=CONTEXT,
            recipient=org["handler"], language="en-us",
        )  # fmt: skip
        NotificationTemplate.objects.filter(code="case_assigned", language="en").delete()
        [fallback] = notify(
            template="case_assigned", dedupe_key="k2", context=CONTEXT,
            recipient=org["handler"], language="en",
        )  # fmt: skip
        [default] = notify(
            template="case_assigned", dedupe_key="k3", context=CONTEXT, recipient=org["handler"]
        )
    assert english.language == "en"
    assert english.subject == "Case 261124001 is assigned to you"
    assert english.body == (
        "Case 261124001 is assigned to you; 答复时限 is due by 15 December 2026, 17:30.\n"
        "Note: 已安排师傅明天上门。"
    )
    assert fallback.language == "zh-hans"
    assert fallback.subject == "案件 261124001 已分派给您"
    assert default.language == "zh-hans"


def test_a_missing_template_records_nothing_and_keeps_the_change(db: Any, org: Any) -> None:
    with transaction.atomic():
        assert (
            notify(template="no_such", dedupe_key="x", context={}, recipient=org["handler"]) == []
        )
    assert not Notification.objects.exists()


def test_broken_template_syntax_is_refused_in_the_admin_form(db: Any) -> None:
    template = NotificationTemplate(
        code="custom", language="zh-hans", channel="sms", body="编号{% if number %}{{ number }}"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "body" in error.value.message_dict
