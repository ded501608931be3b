"""The portal's public API (`/api/v1/portal/…`), as a mini-program would use it: complain with an
Idempotency-Key, ask for a one-time code, track the case; the codes endpoint says the same for
any pair; wrong codes lock tracking; the rate limits answer 429 with Retry-After."""

from __future__ import annotations

import json
from typing import Any

import time_machine

from kesu.cases.models import Case, CaseEvent
from kesu.domain.vocabulary import Channel, State
from tests.conftest import at
from tests.portal.conftest import COMPLAINT, PHONE, handle_to_answer, last_code, public

NOW = "2026-11-24 09:00"


def post(client: Any, path: str, body: dict[str, Any], **headers: Any) -> Any:
    return client.post(
        f"/api/v1/portal{path}", data=body, content_type="application/json", headers=headers
    )


def test_a_complaint_answers_its_number_and_promised_dates_once_per_key(org: Any) -> None:
    client = public()
    with time_machine.travel(at(NOW), tick=False):
        first = post(client, "/complaints", COMPLAINT, **{"Idempotency-Key": "k-1"})
        again = post(client, "/complaints", COMPLAINT, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.content
    assert again.status_code == 201
    body = first.json()
    assert again.json()["number"] == body["number"]
    assert set(body) == {"number", "promised", "attached"}
    assert body["attached"] is False
    assert body["promised"]["acceptance"] is not None
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.channel == Channel.MOBILE
    assert case.subject_order_number == "JD20261120001"
    assert str(case.subject_amount) == "4599.00"
    assert case.privacy_consent_version == "2026-12"
    assert case.privacy_consent_at == at(NOW)
    assert case.events.get().action == "register"


def test_a_used_key_with_another_complaint_is_refused(org: Any) -> None:
    client = public("en")
    post(client, "/complaints", COMPLAINT, **{"Idempotency-Key": "k-2"})
    other = post(
        client, "/complaints", COMPLAINT | {"facts": "另一件事"}, **{"Idempotency-Key": "k-2"}
    )
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_key_reused"


def test_consent_to_the_privacy_notice_is_required(org: Any) -> None:
    answer = post(public("en"), "/complaints", COMPLAINT | {"privacy_consent": False})
    assert answer.status_code == 400
    assert answer.json()["message"] == "Please read and agree to the privacy notice."
    assert not Case.objects.exists()


def test_the_code_answer_is_the_same_for_existing_and_unknown_pairs(
    org: Any, sms: list[tuple[str, str]]
) -> None:
    number = post(public(), "/complaints", COMPLAINT).json()["number"]
    client = public()
    right = post(client, "/codes", {"number": number, "phone": PHONE})
    wrong_phone = post(client, "/codes", {"number": number, "phone": "13900009999"})
    unknown = post(client, "/codes", {"number": "991231999", "phone": PHONE})
    assert right.status_code == wrong_phone.status_code == unknown.status_code == 202
    assert right.content == wrong_phone.content == unknown.content
    assert [phone for phone, _text in sms] == [PHONE]  # only the real pair got an SMS
    assert number in sms[0][1]


def test_tracking_shows_the_customer_view_and_never_internal_notes(
    org: Any, sms: list[tuple[str, str]]
) -> None:
    with time_machine.travel(at(NOW), tick=False):
        number = post(public(), "/complaints", COMPLAINT).json()["number"]
    handle_to_answer(org, Case.objects.get(number=number))
    client = public("en")
    post(client, "/codes", {"number": number, "phone": PHONE})
    answer = post(client, "/track", {"number": number, "phone": PHONE, "code": last_code(sms)})
    assert answer.status_code == 200, answer.content
    view = answer.json()
    assert view["state"] == State.ANSWERED
    assert view["state_text"] == "Answered: please tell us whether you are satisfied"
    assert view["answer"] == "经核实，同意为您换货，12月5日送达。"
    assert view["may_rate"] is True
    assert any(message["channel"] == "sms" for message in view["messages"])
    text = answer.content.decode()
    for hidden in ("内部备注", "张伟", "王建国", "售后服务部", "上门换货"):
        assert hidden not in text
    # The code worked once.
    again = post(client, "/track", {"number": number, "phone": PHONE, "code": last_code(sms)})
    assert again.status_code == 400


def test_wrong_codes_lock_tracking_with_a_retry_time(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_CODE_TRIES = 3
    number = post(public(), "/complaints", COMPLAINT).json()["number"]
    client = public("en")
    post(client, "/codes", {"number": number, "phone": PHONE})
    code = last_code(sms)
    wrong = "000000" if code != "000000" else "111111"
    answers = [
        post(client, "/track", {"number": number, "phone": PHONE, "code": wrong}) for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [400, 400, 429]
    assert answers[0].json()["code"] == "wrong_code"
    locked = answers[2]
    assert locked.json()["code"] == "tracking_locked"
    assert int(locked["Retry-After"]) > 60 * 29
    assert "30 minutes" in locked.json()["message"]
    # Even the right code does not open it now, and no new code is sent.
    post(client, "/codes", {"number": number, "phone": PHONE})
    assert len(sms) == 1
    right = post(client, "/track", {"number": number, "phone": PHONE, "code": code})
    assert right.status_code == 429


def test_the_rate_limit_per_address_answers_429_with_retry_after(org: Any, settings: Any) -> None:
    settings.KESU_PORTAL_RATE_LIMITS = settings.KESU_PORTAL_RATE_LIMITS | {
        "complaint_address": (2, 10**9)  # one window: no boundary mid-test
    }
    client = public("zh-hans", address="10.9.9.9")
    answers = [post(client, "/complaints", COMPLAINT | {"facts": f"第{n}件事"}) for n in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]
    assert answers[2].json()["code"] == "rate_limited"
    assert "请求过于频繁" in answers[2].json()["message"]
    assert int(answers[2]["Retry-After"]) >= 1
    # Another address is not limited.
    other = post(public(address="10.9.9.10"), "/complaints", COMPLAINT | {"facts": "别处"})
    assert other.status_code == 201


def test_codes_are_limited_per_phone_across_addresses(
    org: Any, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_PORTAL_RATE_LIMITS = settings.KESU_PORTAL_RATE_LIMITS | {"code_phone": (2, 10**9)}
    number = post(public(), "/complaints", COMPLAINT).json()["number"]
    answers = [
        post(public(address=f"10.1.0.{n}"), "/codes", {"number": number, "phone": PHONE})
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [202, 202, 429]
    assert len(sms) == 2


def test_the_pluggable_check_can_refuse(org: Any, settings: Any) -> None:
    settings.KESU_PORTAL_CHECK = "tests.portal.checks.refuse"
    answer = post(public("en"), "/complaints", COMPLAINT)
    assert answer.status_code == 403
    assert answer.json()["code"] == "check_failed"
    assert not Case.objects.exists()


def test_no_staff_authentication_is_needed_and_history_names_the_portal(org: Any) -> None:
    answer = post(public(), "/complaints", COMPLAINT | {"channel": "web"})
    assert answer.status_code == 201
    event = CaseEvent.objects.get()
    assert event.actor.username == "system"
    assert Case.objects.get().channel == Channel.WEB


def test_the_schema_has_no_duplicated_keys_swagger_ui_would_refuse(org: Any) -> None:
    """Swagger UI reads the schema as YAML, where a key twice (429 and "429") breaks the page."""
    seen: list[str] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in pairs]
        seen.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(public().get("/api/v1/openapi.json").content, object_pairs_hook=unique)
    assert seen == []
