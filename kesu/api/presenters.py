"""Turning cases and events into API dictionaries, with personal data masked per role."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kesu.cases.models import Case, CaseEvent
from kesu.cases.privacy import complainant
from kesu.cases.screening import screening
from kesu.cases.selectors import responsibility_shares
from kesu.cases.services.deadlines import open_clocks
from kesu.cases.services.plan_approval import rule_words
from kesu.cases.services.transitions import actions_for
from kesu.core.labels import event_label, label
from kesu.domain.clocks import ClockName
from kesu.domain.vocabulary import CaseKind, Severity, State
from kesu.org.access import Authority
from kesu.org.models import User


def person(user: User | None) -> dict[str, str] | None:
    if user is None:
        return None
    return {"username": user.username, "name": str(user)}


def named(obj: Any) -> dict[str, str] | None:
    return None if obj is None else {"code": obj.code, "name": str(obj.name)}


def overdue_clocks(case: Case, now: datetime) -> list[str]:
    """Names of the running clocks that have run out ("acceptance", "first_contact", …)."""
    if case.next_due is None or case.next_due >= now:
        return []
    clocks = case.clocks()
    return [
        name.value
        for name in open_clocks(case)
        if (due := clocks[name].due) is not None and due < now
    ]


def case_summary(case: Case, authority: Authority, now: datetime) -> dict[str, Any]:
    clocks = case.clocks()
    return {
        "number": case.number,
        "kind": case.kind,
        "state": case.state,
        "state_label": str(label(State(case.state))),
        "severity": case.severity,
        "channel": case.channel,
        "category": named(case.category),
        "received_at": case.received_at,
        "complainant": complainant(case, authority),
        "department": {"code": case.assigned_department.code, "name": case.assigned_department.name}
        if case.assigned_department
        else None,
        "handler": person(case.handler),
        "due": {
            **{name.value: clocks[name].due for name in ClockName},
            "provisional": case.due_provisional,
            "overdue": overdue_clocks(case, now),
            "clock_paused_since": case.clock_paused_at,
            "pause_reason": case.clock_pause_reason,
        },
    }


def case_detail(case: Case, authority: Authority, now: datetime) -> dict[str, Any]:
    policy = case.policy
    return case_summary(case, authority, now) | {
        "kind_label": str(label(CaseKind(case.kind))),
        "severity_label": str(label(Severity(case.severity))),
        "registered_at": case.registered_at,
        "receiver": person(case.receiver),
        "subject": {
            "product": case.subject_product,
            "order_number": case.subject_order_number,
            "amount": case.subject_amount,
            "purchase_date": case.subject_purchase_date,
        },
        "event_date": case.event_date,
        "facts": case.facts,
        "demand": case.demand,
        "major_criteria": case.major_criteria,
        "decline_reason": named(case.decline_reason),
        "plan": case.plan,
        "plan_method": case.plan_method,
        "plan_amount": case.plan_amount,
        "plan_approver_role": case.plan_approver_role,
        "plan_approval_rule": rule_words(case),
        "answer": case.answer,
        "result_method": case.result_method,
        "result_amount": case.result_amount,
        "loss_amount": case.loss_amount,
        "responsibility": [
            {"kind": share.party_kind, "name": share.party_name, "percent": share.percent}
            for share in responsibility_shares(case)
        ],
        "policy": {"code": policy.code, "name": policy.name} if policy else None,
        "accepted_at": case.accepted_at,
        "first_contact_at": case.first_contact_at,
        "answered_at": case.answered_at,
        "closed_at": case.closed_at,
        "provisional_until": case.provisional_until,
        "allowed_actions": [
            {"action": action, "label": str(label(action))}
            for action in actions_for(case, authority, now)
        ],
        "screening": [
            {
                "reason": {"code": offer.reason_code, "name": offer.reason_name},
                "fact": offer.finding.fact.value,
                "facts": offer.facts,
            }
            for offer in screening(case, authority)
        ],
    }


def event(item: CaseEvent) -> dict[str, Any]:
    return {
        "at": item.at,
        "action": item.action,
        "action_label": event_label(item.action),
        "actor": person(item.actor),
        "on_behalf_of": person(item.on_behalf_of),
        "acting_role": item.acting_role,
        "from_state": item.from_state,
        "to_state": item.to_state,
        "changes": item.changes,
        "data": item.data,
        "note": item.note,
    }
