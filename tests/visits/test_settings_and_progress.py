"""The settings pages for customer notices (edit, preview with a real case, SMS segments, a
broken template refused) and return-visit plans; progress on request from the case page."""

from __future__ import annotations

from typing import Any

import time_machine

from kesu.notify.models import Notification, NotificationTemplate
from kesu.visits.models import VisitPlan
from tests.conftest import at
from tests.factories import assigned
from tests.web.client import logged_in


def test_manager_edits_a_customer_notice_previewed_with_a_real_case(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    template = NotificationTemplate.objects.get(
        code="case_reopened", language="zh-hans", channel="sms"
    )
    with time_machine.travel(at("2026-11-03 10:00"), tick=False):
        manager = logged_in("manager")
        listing = manager.get("/manage/notices/").content.decode()
        assert "case_reopened" in listing
        assert "case_answered" in listing
        assert "case_assigned" not in listing  # staff messages are not customer notices
        page = manager.get(f"/manage/notices/{template.pk}/?case={case.number}").content.decode()
        assert case.number in page
        assert "王丽" in page
        assert "条短信" in page  # its length in SMS segments
        broken = manager.post(
            f"/manage/notices/{template.pk}/", {"subject": "", "body": "{% if %}"}
        )
        assert broken.status_code == 400
        saved = manager.post(
            f"/manage/notices/{template.pk}/",
            {"subject": "", "body": "【客诉中心】{{ name }}，您的投诉{{ number }}已重新处理。"},
        )
        assert saved.status_code == 302
        assert logged_in("agent").get("/manage/notices/").status_code == 403
    template.refresh_from_db()
    assert template.body.startswith("【客诉中心】{{ name }}")


def test_manager_sets_a_return_visit_plan(org: Any) -> None:
    with time_machine.travel(at("2026-11-03 10:00"), tick=False):
        manager = logged_in("manager", "en")
        data = {"share_percent": "30", "seed": "2026", "max_tries": "3", "send_link": "on",
                "on_unhappy": "escalate", "on_unreachable": "keep"}  # fmt: skip
        assert manager.post("/manage/visit-plans/new/", data).status_code == 302
        assert manager.post("/manage/visit-plans/new/", data).status_code == 400  # one default
        assert (
            manager.post("/manage/visit-plans/new/", data | {"share_percent": "101"}).status_code
            == 400
        )
        assert "30%" in manager.get("/manage/visit-plans/").content.decode()
    plan = VisitPlan.objects.get()
    assert (plan.policy, plan.share_percent, plan.on_unhappy) == (None, 30, "escalate")


def test_progress_on_request_from_the_case_page(org: Any, settings: Any) -> None:
    settings.KESU_PUBLIC_URL = "https://kesu.example.cn"
    case = assigned(org, "2026-11-02", complainant_email="wangli@example.cn")
    with time_machine.travel(at("2026-11-03 10:00"), tick=False):
        handler = logged_in("handler")
        assert "progress-note" in handler.get(f"/cases/{case.number}/").content.decode()
        empty = handler.post(f"/cases/{case.number}/progress/", {"note": " "}, follow=True)
        assert "请填写告知客户的内容" in empty.content.decode()
        handler.post(f"/cases/{case.number}/progress/", {"note": "师傅已约好明天上门。"})
        other = logged_in("quality")
        assert other.post(f"/cases/{case.number}/progress/", {"note": "x"}).status_code == 404
    told = Notification.objects.filter(case=case, template="case_progress")
    assert set(told.values_list("channel", flat=True)) == {"sms", "email"}
    assert "师傅已约好明天上门" in told.get(channel="sms").body
    assert "https://kesu.example.cn/portal/" in told.get(channel="email").body
