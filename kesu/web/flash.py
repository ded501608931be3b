"""What a finished action says (D17): what happened, to whom and by when — "已分派给 张伟
（售后服务部）", not "已完成「分派」"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.core.labels import PAUSE_REASON_LABELS
from kesu.domain.vocabulary import Action
from kesu.web import display


def done_message(action: Action, case: Case) -> str:
    """The flash after `action` succeeded on `case` (as it is now)."""
    p = display.punctuation()
    values = {
        "number": case.number,
        "department": str(case.assigned_department or "—"),
        "handler": str(case.handler or ""),
        "due": display.long_date(case.resolution_due),
        "visit": display.long_date(case.return_visit_due),
        "until": display.long_date(case.provisional_until),
        "reason": str(PAUSE_REASON_LABELS.get(case.clock_pause_reason, "")),
    }
    if action is Action.ASSIGN:
        if case.handler is not None:
            return _("Case %(number)s assigned to %(handler)s%(open)s%(department)s%(close)s.") % (
                values | {"open": p.open, "close": p.close}
            )
        return _("Case %(number)s assigned to %(department)s.") % values
    messages = {
        Action.ACCEPT: _("Case %(number)s accepted; the answer is due by %(due)s."),
        Action.DECLINE: _("Case %(number)s declined."),
        Action.CONVERT_TO_COMPLAINT: _("Case %(number)s is now handled as a complaint."),
        Action.LOG_CONTACT: _("Contact with the customer recorded on case %(number)s."),
        Action.RECORD_INVESTIGATION: _("Findings recorded on case %(number)s."),
        Action.SUBMIT_PLAN: _("Plan for case %(number)s submitted for approval."),
        Action.APPROVE_PLAN: _("Plan for case %(number)s approved; the customer can be answered."),
        Action.REJECT_PLAN: _("Plan for case %(number)s sent back to the handler."),
        Action.ANSWER: _("Answer recorded on case %(number)s; return visit due by %(visit)s."),
        Action.CONFIRM: _("Case %(number)s closed: the customer is satisfied."),
        Action.NOT_SATISFIED: _("Case %(number)s is back with %(department)s."),
        Action.PROVISIONALLY_CLOSE: _("Case %(number)s provisionally closed until %(until)s."),
        Action.FINALIZE: _("Case %(number)s closed."),
        Action.REOPEN: _("Case %(number)s reopened; the answer is due by %(due)s."),
        Action.WITHDRAW: _("Case %(number)s closed: the customer withdrew the complaint."),
        Action.PAUSE_CLOCK: _("Clock of case %(number)s stopped (%(reason)s)."),
        Action.RESUME_CLOCK: _("Clock of case %(number)s running again; answer due by %(due)s."),
        Action.EXTEND_DEADLINE: _("Case %(number)s: the answer is now due by %(due)s."),
        Action.RECALCULATE_DEADLINES: _("Deadlines of case %(number)s recalculated."),
        Action.HASTEN: _("Hastening recorded on case %(number)s and passed on to its owner."),
    }
    return messages[action] % values
