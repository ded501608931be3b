"""A complaint by phone, walked through every step over the API, and its history read back."""

from typing import Any

import time_machine

from tests.conftest import PHONE_COMPLAINT, at


def test_phone_complaint_from_registration_to_closure(api: Any) -> None:
    agent, supervisor, handler = api("agent"), api("supervisor"), api("handler")

    with time_machine.travel(at("2026-09-28 10:05"), tick=False):
        created = agent.post("/cases", PHONE_COMPLAINT)
        assert created.status_code == 201, created.content
        case = created.json()
        number = case["number"]
        assert number == "260928001"
        assert case["state"] == "registered"
        assert case["state_label"] == "已登记"
        assert case["due"]["acceptance"].startswith("2026-09-29T23:59:59")  # one working day
        assert [a["action"] for a in case["allowed_actions"]] == [
            "accept",
            "decline",
            "withdraw",
            "hasten",
        ]

        accepted = agent.act(number, "accept").json()
        assert accepted["state"] == "accepted"
        # Seed 004: contact within 7 working days, answer within 15 — across National Day.
        assert accepted["due"]["first_contact"].startswith("2026-10-13")
        assert accepted["due"]["resolution"].startswith("2026-10-23")
        assert accepted["policy"]["code"] == "platform_default"

    with time_machine.travel(at("2026-09-28 11:00"), tick=False):
        assigned = supervisor.act(number, "assign", department="after-sales", handler="handler")
        assert assigned.status_code == 200, assigned.content
        assert assigned.json()["handler"]["username"] == "handler"

    with time_machine.travel(at("2026-09-29 09:30"), tick=False):
        contact = handler.act(
            number, "log_contact", method="phone", note="已联系客户，约定30日上门。"
        )
        assert contact.json()["state"] == "in_progress"
        assert contact.json()["first_contact_at"].startswith("2026-09-29T09:30")
        handler.act(number, "record_investigation", note="上门检测：电容损坏，维修网点排期失误。")
        plan = handler.act(
            number,
            "submit_plan",
            plan="免费更换电容并赠送一次清洗服务。",
            method="repair",
            amount="0",
        )
        assert plan.json()["state"] == "plan_submitted"

    with time_machine.travel(at("2026-09-29 14:00"), tick=False):
        approved = supervisor.act(number, "approve_plan", note="同意。")
        assert approved.json()["state"] == "plan_approved"

    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        answered = handler.act(number, "answer", answer="已于9月30日上门更换电容，空调恢复正常。")
        assert answered.json()["state"] == "answered"
        closed = agent.act(number, "confirm", note="回访：客户满意。")
        assert closed.json()["state"] == "closed"
        assert closed.json()["allowed_actions"] == []

    events = agent.get(f"/cases/{number}/events").json()
    assert [e["action"] for e in events] == [
        "register", "accept", "assign", "log_contact", "record_investigation", "submit_plan",
        "approve_plan", "answer", "confirm",
    ]  # fmt: skip
    assert [e["actor"]["username"] for e in events] == [
        "agent", "agent", "supervisor", "handler", "handler", "handler", "supervisor", "handler",
        "agent",
    ]  # fmt: skip
    assign = events[2]
    assert assign["changes"]["state"] == ["accepted", "assigned"]
    assert assign["changes"]["assigned_department"] == [None, "售后服务部"]
    assert events[-1]["to_state"] == "closed"
    assert events[3]["note"] == "已联系客户，约定30日上门。"


def test_an_enquiry_converts_to_a_complaint_keeping_its_history(api: Any) -> None:
    agent = api("agent")
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        enquiry = agent.post("/cases", PHONE_COMPLAINT | {"kind": "enquiry"}).json()
        assert enquiry["policy"]["code"] == "enquiry_one_day"
        converted = agent.act(
            enquiry["number"], "convert_to_complaint", note="客户要求按投诉处理。"
        ).json()
    assert converted["kind"] == "complaint"
    assert converted["number"] == enquiry["number"]
    assert converted["policy"]["code"] == "platform_default"
    events = agent.get(f"/cases/{enquiry['number']}/events").json()
    assert [e["action"] for e in events] == ["register", "convert_to_complaint"]
    assert events[1]["changes"]["kind"] == ["enquiry", "complaint"]


def test_decline_needs_a_configured_reason(api: Any) -> None:
    agent = api("agent")
    number = agent.post("/cases", PHONE_COMPLAINT).json()["number"]
    missing = agent.act(number, "decline")
    assert missing.status_code == 400
    assert missing.json()["details"][0]["field"] == "reason_code"
    unknown = agent.act(number, "decline", reason_code="because")
    assert unknown.status_code == 400
    declined = agent.act(number, "decline", reason_code="out_of_scope", note="非本公司产品。")
    assert declined.json()["state"] == "declined"
    assert declined.json()["decline_reason"]["code"] == "out_of_scope"
