"""W2 (seed 004 恒康天安 第五条(五)): inside the window of a provisional closure 暂结案, a repeat
call, new evidence or a follow-up continues the same case; only after the window does a new
case follow it. Run on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kesu.cases.models import Case
from kesu.cases.services.attachments import add_attachment
from kesu.domain.vocabulary import Action, State
from kesu.org.access import authority_of
from tests.conftest import at
from tests.factories import act, assigned, register

REASON = "客户来电表示愿意接受检测，要求继续处理。"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def provisional(org: Any) -> Case:
    """Contacted on 29 Sep 2026, provisionally closed on 12 Oct: the window ends on 29 Dec."""
    case = assigned(org, "2026-09-28")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-09-29 09:00"), note="已联系客户。")
    closed = act(
        case, org["supervisor"], Action.PROVISIONALLY_CLOSE, at("2026-10-12 09:00"),
        note="客户拒绝所有方案。",
    )  # fmt: skip
    assert closed.state == State.PROVISIONALLY_CLOSED
    return closed


def test_w2_a_follow_up_inside_the_window_reopens_the_same_case(
    org: Any, provisional: Case
) -> None:
    before = Case.objects.count()
    again = register(
        org["agent"], at("2026-10-29 09:00"),
        follows_number=provisional.number, follow_reason=REASON, facts="客户提供了新的维修记录。",
    )  # fmt: skip
    assert again.pk == provisional.pk
    assert Case.objects.count() == before  # no new case inside the window
    provisional.refresh_from_db()
    assert provisional.state == State.IN_PROGRESS
    assert provisional.provisional_until is None
    assert provisional.resolution_due is not None
    assert provisional.resolution_due > at("2026-10-29 09:00")  # the answer clock restarted
    event = provisional.events.order_by("-id").first()
    assert event is not None
    assert (event.action, event.from_state, event.to_state) == (
        Action.REOPEN, State.PROVISIONALLY_CLOSED, State.IN_PROGRESS,
    )  # fmt: skip
    assert event.note == REASON
    assert event.data["facts"] == "客户提供了新的维修记录。"
    assert event.actor == org["agent"]
    # The same submission again (a retry) answers with the same case, nothing more is written.
    events = provisional.events.count()
    retry = register(
        org["agent"], at("2026-10-29 09:01"),
        follows_number=provisional.number, follow_reason=REASON, facts="客户提供了新的维修记录。",
    )  # fmt: skip
    assert retry.pk == provisional.pk
    assert provisional.events.count() == events


def test_w2_after_the_window_a_new_linked_case_follows(org: Any, provisional: Case) -> None:
    later = register(
        org["agent"], at("2027-01-05 09:00"), follows_number=provisional.number,
        follow_reason=REASON,
    )  # fmt: skip
    assert later.pk != provisional.pk
    assert later.follows == provisional
    provisional.refresh_from_db()
    assert provisional.state == State.PROVISIONALLY_CLOSED


def test_w2_a_repeat_call_inside_the_window_hastens_and_reopens(
    org: Any, provisional: Case
) -> None:
    hastened = act(
        provisional, org["agent"], Action.HASTEN, at("2026-11-02 10:00"), note="客户再次来电交涉。"
    )
    assert hastened.state == State.IN_PROGRESS
    assert hastened.provisional_until is None
    assert hastened.hastened_count == 1
    event = hastened.events.order_by("-id").first()
    assert event is not None
    assert (event.action, event.from_state) == (Action.HASTEN, State.PROVISIONALLY_CLOSED)


def test_w2_new_evidence_inside_the_window_reopens_the_case(
    org: Any, provisional: Case, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    now = at("2026-11-10 15:00")
    add_attachment(
        case_id=provisional.pk,
        upload=SimpleUploadedFile("新证据.png", PNG, content_type="image/png"),
        authority=authority_of(org["handler"], now=now),
        now=now,
    )
    provisional.refresh_from_db()
    assert provisional.state == State.IN_PROGRESS
    actions = list(provisional.events.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["attach", Action.REOPEN]
    reopen = provisional.events.order_by("-id").first()
    assert reopen is not None
    assert reopen.data["attachment"] == "新证据.png"


def test_w2_evidence_after_the_window_reopens_nothing(
    org: Any, provisional: Case, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    now = at("2027-01-05 15:00")
    add_attachment(
        case_id=provisional.pk,
        upload=SimpleUploadedFile("判决书.png", PNG, content_type="image/png"),
        authority=authority_of(org["handler"], now=now),
        now=now,
    )
    provisional.refresh_from_db()
    assert provisional.state == State.PROVISIONALLY_CLOSED


def test_w2_the_hotline_offers_hasten_inside_the_window_and_a_follow_up_after(
    org: Any, provisional: Case, settings: Any, monkeypatch: Any
) -> None:
    from kesu.core import clock

    client = Client()
    client.force_login(org["agent"])
    url = reverse("web:lookup")
    follow_up = f"?follows={provisional.number}"
    monkeypatch.setattr(clock, "now", lambda: at("2026-11-02 10:00"))
    inside = client.post(url, {"phone": provisional.complainant_phone}).content.decode()
    assert 'value="hasten"' in inside  # the 催办 form
    assert follow_up not in inside
    page = client.get(reverse("web:case", args=[provisional.number])).content.decode()
    assert follow_up not in page
    monkeypatch.setattr(clock, "now", lambda: at("2027-01-05 10:00"))
    after = client.post(url, {"phone": provisional.complainant_phone}).content.decode()
    assert follow_up in after
    page = client.get(reverse("web:case", args=[provisional.number])).content.decode()
    assert follow_up in page
