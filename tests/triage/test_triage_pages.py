"""The hotline's suggestions panel and the settings page of the triage model."""

from __future__ import annotations

from typing import Any

from django.test import Client

from kesu.core import clock
from kesu.triage.models import TriageModel
from kesu.triage.services import retrain_if_due, train_triage
from tests.factories import register
from tests.triage.test_triage_api import labelled


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_panel_offers_categories_cues_and_a_hasten_form(org: Any) -> None:
    facts = "热水器漏电，洗澡时被电了一下，我要找媒体曝光。"
    earlier = register(org["agent"], clock.now(), facts=facts)
    page = logged_in(org["agent"]).post("/cases/triage/", {"facts": "我再反映一次，" + facts})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-triage-category="' in html
    assert 'aria-keyshortcuts="Alt+1"' in html
    assert 'data-triage-criterion="mainstream_media"' in html
    assert "「媒体」" in html
    assert earlier.number in html
    assert 'name="hasten-note"' in html


def test_the_panel_waits_for_a_few_characters_and_refuses_analysts(org: Any) -> None:
    short = logged_in(org["agent"]).post("/cases/triage/", {"facts": "空调"})
    assert short.status_code == 200
    assert "data-triage-category" not in short.content.decode()
    assert (
        logged_in(org["analyst"]).post("/cases/triage/", {"facts": "空调不制冷了"}).status_code
        == 403
    )


def test_settings_page_shows_the_model_and_retrains(org: Any) -> None:
    now = clock.now()
    for code, facts in labelled(2, 6):
        register(org["agent"], now, facts=facts, category_code=code)
    manager = logged_in(org["manager"])
    empty = manager.get("/manage/triage/")
    assert empty.status_code == 200
    assert "尚无模型" in empty.content.decode()
    train_triage(now=now, sentiment=False)
    page = manager.get("/manage/triage/").content.decode()
    assert "v1" in page
    assert "18" in page  # cases learned from
    answer = manager.post("/manage/triage/retrain/")
    assert answer.status_code == 302
    assert TriageModel.objects.order_by("-version").first().version == 2  # immediate backend
    assert logged_in(org["agent"]).get("/manage/triage/").status_code == 403


def test_retraining_follows_the_schedule(org: Any, settings: Any) -> None:
    settings.KESU_TRIAGE_RETRAIN_NEW_CASES = 6
    now = clock.now()
    rows = labelled(3, 6)
    for code, facts in rows:
        register(org["agent"], now, facts=facts, category_code=code)
    first = train_triage(now=now, sentiment=False)
    assert first is not None
    assert retrain_if_due(now=now, sentiment=False) is None  # nothing new, not a day old
    for code, facts in labelled(4, 2):  # six more, other texts
        register(org["agent"], now, facts=facts + "（新）", category_code=code)
    second = retrain_if_due(now=now, sentiment=False)
    assert second is not None
    assert second.version == 2
    assert second.case_count == 24


def test_the_case_page_lists_the_same_complaint_but_not_itself(org: Any) -> None:
    facts = "油烟机风机噪音特别大，开到最大档还吸不干净油烟。"
    first = register(org["agent"], clock.now(), facts=facts, complainant_phone="13900002222")
    second = register(
        org["agent"], clock.now(), facts="再次反映：" + facts, complainant_phone="13900002222"
    )
    agent = logged_in(org["agent"])
    assert (
        f'hx-get="/cases/{second.number}/triage/"'
        in agent.get(f"/cases/{second.number}/").content.decode()
    )
    panel = agent.get(f"/cases/{second.number}/triage/").content.decode()
    assert first.number in panel
    assert f">{second.number}<" not in panel
    assert logged_in(org["quality"]).get(f"/cases/{second.number}/triage/").status_code == 404
