"""The administration: templates editable in Chinese, notifications read-only with a resend."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.test import Client

from kesu.notify.models import Notification, NotificationTemplate, Status
from kesu.notify.services import notify
from tests.conftest import Org


def administrator(org: Org) -> Client:
    admin = org["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(admin)
    return client


def test_templates_are_edited_in_chinese_and_broken_syntax_is_refused(org: Org) -> None:
    client = administrator(org)
    listing = client.get("/admin/notify/notificationtemplate/").content.decode()
    assert "通知模板" in listing
    template = NotificationTemplate.objects.get(
        code="case_acknowledged", language="zh-hans", channel="sms"
    )
    url = f"/admin/notify/notificationtemplate/{template.pk}/change/"
    assert "正文" in client.get(url).content.decode()
    form = {"code": template.code, "language": "zh-hans", "channel": "sms", "subject": ""}

    refused = client.post(url, form | {"body": "编号{% if number %}{{ number }}"})
    assert refused.status_code == 200
    assert "模板语法错误" in refused.content.decode()

    saved = client.post(url, form | {"body": "【华联电器】投诉编号{{ number }}已受理。"})
    assert saved.status_code == 302
    template.refresh_from_db()
    assert template.body == "【华联电器】投诉编号{{ number }}已受理。"


def test_notifications_are_read_only_and_uncertain_ones_can_be_resent(
    org: Org, django_capture_on_commit_callbacks: Any
) -> None:
    with transaction.atomic():
        [sms] = notify(
            template="case_acknowledged", dedupe_key="a", context={"number": "1"},
            phone="13812345678", channels=("sms",),
        )  # fmt: skip
    Notification.objects.filter(pk=sms.pk).update(status=Status.UNCERTAIN)
    client = administrator(org)
    assert client.get("/admin/notify/notification/").status_code == 200
    assert client.get(f"/admin/notify/notification/{sms.pk}/change/").status_code == 200
    assert client.get("/admin/notify/notification/add/").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/notify/notification/",
            {"action": "resend_selected", "_selected_action": [sms.pk]},
            follow=True,
        )
    assert "已重新安排发送 1 条" in response.content.decode()
    sms.refresh_from_db()
    assert sms.status == Status.SENT  # the immediate test backend delivered it on commit


def _customer_sms(org: Org) -> Notification:
    with transaction.atomic():
        [sms] = notify(
            template="case_acknowledged", dedupe_key="masked", channels=("sms",),
            context={"number": "KS-1", "name": "王丽"}, phone="13812345678",
        )  # fmt: skip
    Notification.objects.filter(pk=sms.pk).update(
        status=Status.FAILED, last_error="gateway refused 13812345678"
    )
    return sms


def test_the_administrator_role_reads_notifications_masked(org: Org) -> None:
    """Security finding 5: the administrator saw customers' phone numbers and message texts
    and could look them up by phone."""
    sms = _customer_sms(org)
    client = administrator(org)
    listing = client.get("/admin/notify/notification/").content.decode()
    assert "138****5678" in listing
    assert "13812345678" not in listing
    detail = client.get(f"/admin/notify/notification/{sms.pk}/change/").content.decode()
    assert "13812345678" not in detail
    assert "王丽" not in detail
    assert "已隐去：个人信息" in detail
    search = client.get("/admin/notify/notification/", {"q": "1381234"}).content.decode()
    assert "138****5678" not in search  # no lookup by phone number


def test_a_role_that_handles_cases_reads_notifications_in_full(org: Org) -> None:
    sms = _customer_sms(org)
    manager = org["manager"]
    manager.is_staff = manager.is_superuser = True
    manager.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(manager)
    detail = client.get(f"/admin/notify/notification/{sms.pk}/change/").content.decode()
    assert "13812345678" in detail
    assert "王丽" in detail
    search = client.get("/admin/notify/notification/", {"q": "1381234"}).content.decode()
    assert "13812345678" in search
