"""Translated labels for the domain's fixed vocabulary, and Django choices built from them."""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kesu.domain.clocks import StartEvent, Timing
from kesu.domain.deliberation import Grounds
from kesu.domain.deliberation import Status as DeliberationStatus
from kesu.domain.responsibility import PartyKind
from kesu.domain.vocabulary import (
    Action,
    CaseKind,
    Channel,
    DaySource,
    Role,
    Severity,
    State,
    TimeUnit,
)

LABELS: dict[StrEnum, Promise] = {
    CaseKind.ENQUIRY: _("Enquiry"),
    CaseKind.FAULT_REPORT: _("Fault report"),
    CaseKind.SUGGESTION: _("Suggestion"),
    CaseKind.COMPLAINT: _("Complaint"),
    CaseKind.PRAISE: _("Praise"),
    CaseKind.WHISTLEBLOWING: _("Whistleblowing report"),
    Severity.MINOR: _("Minor"),
    Severity.GENERAL: _("General"),
    Severity.MAJOR: _("Major"),
    Channel.HOTLINE: _("Hotline"),
    Channel.LETTER: _("Letter"),
    Channel.EMAIL: _("E-mail"),
    Channel.VISIT: _("Walk-in visit"),
    Channel.REGULATOR: _("Regulator transfer"),
    Channel.WEB: _("Web portal"),
    Channel.MOBILE: _("Mobile / WeChat"),
    Channel.FAX: _("Fax"),
    Channel.IMPORT: _("Bulk import"),
    Role.INTAKE_AGENT: _("Intake agent"),
    Role.SUPERVISOR: _("Complaint supervisor"),
    Role.HANDLER: _("Department handler"),
    Role.DEPARTMENT_HEAD: _("Department head"),
    Role.CS_MANAGER: _("Customer-service manager"),
    Role.GENERAL_MANAGER: _("General manager"),
    Role.ANALYST: _("Analyst"),
    Role.DISCIPLINE_OFFICER: _("Discipline officer"),
    Role.ADMINISTRATOR: _("Administrator"),
    Role.TECHNICAL_APPROVER: _("Technical approver"),
    State.REGISTERED: _("Registered"),
    State.ACCEPTED: _("Accepted"),
    State.DECLINED: _("Declined"),
    State.ASSIGNED: _("Assigned"),
    State.IN_PROGRESS: _("In progress"),
    State.PLAN_SUBMITTED: _("Plan awaiting approval"),
    State.PLAN_APPROVED: _("Plan approved"),
    State.ANSWERED: _("Answered"),
    State.PROVISIONALLY_CLOSED: _("Provisionally closed"),
    State.CLOSED: _("Closed"),
    State.WITHDRAWN: _("Withdrawn"),
    Action.ACCEPT: _("Accept"),
    Action.DECLINE: _("Decline"),
    Action.CONVERT_TO_COMPLAINT: _("Convert to complaint"),
    Action.ASSIGN: _("Assign"),
    Action.LOG_CONTACT: _("Log contact"),
    Action.RECORD_INVESTIGATION: _("Record investigation"),
    Action.SUBMIT_PLAN: _("Submit plan"),
    Action.APPROVE_PLAN: _("Approve plan"),
    Action.REJECT_PLAN: _("Send plan back"),
    Action.ANSWER: _("Answer customer"),
    Action.CONFIRM: _("Customer satisfied, close"),
    Action.NOT_SATISFIED: _("Customer not satisfied"),
    Action.PROVISIONALLY_CLOSE: _("Provisionally close"),
    Action.FINALIZE: _("Close after provisional period"),
    Action.REOPEN: _("Reopen"),
    Action.WITHDRAW: _("Customer withdraws"),  # 撤诉: the customer withdrew the complaint
    Action.PAUSE_CLOCK: _("Pause clock"),
    Action.RESUME_CLOCK: _("Resume clock"),
    Action.EXTEND_DEADLINE: _("Extend deadline"),
    Action.HASTEN: _("Hasten (customer called again)"),
    Action.RECALCULATE_DEADLINES: _("Recalculate deadlines"),
    Action.RECORD_DELIVERY: _("Record delivery"),
    TimeUnit.WORKING_DAYS: _("working days"),
    TimeUnit.CALENDAR_DAYS: _("calendar days"),
    TimeUnit.WORKING_HOURS: _("working hours"),
    TimeUnit.HOURS: _("hours"),
    StartEvent.RECEIPT: _("receipt of the complaint"),
    StartEvent.REGISTRATION: _("registration"),
    StartEvent.ACCEPTANCE: _("acceptance"),
    StartEvent.ASSIGNMENT: _("assignment to a department"),
    StartEvent.ANSWER: _("the answer to the customer"),
    StartEvent.DELIVERY: _("delivery of the repaired product"),
    Timing.DUE_BY: _("by the due day at the latest"),
    Timing.SET_DAY: _("on the set day"),
    DaySource.OFFICIAL: _("Official"),
    DaySource.ESTIMATED: _("Estimated"),
    DaySource.EDITED: _("Edited"),
    # Deliberation 合议 (seed 004 第七条) and the responsibility split
    DeliberationStatus.REQUESTED: _("Asked for, awaiting approval"),
    DeliberationStatus.REFUSED: _("Request not approved"),
    DeliberationStatus.CONVENED: _("Meeting scheduled"),
    DeliberationStatus.PRELIMINARY: _("Preliminary leaning, final decision due"),
    DeliberationStatus.DECIDED: _("Decided"),
    Grounds.MAJOR: _("Major case"),
    Grounds.REQUESTED: _("Asked for by the handler"),
    PartyKind.OUR_COMPANY: _("Our company"),
    PartyKind.SUPPLIER: _("Supplier / factory"),
    PartyKind.CUSTOMER: _("Customer"),
    PartyKind.THIRD_PARTY: _("Third party"),
}


def label(member: StrEnum) -> Promise:
    return LABELS[member]


def choices(enum: type[StrEnum]) -> list[tuple[str, Promise]]:
    """Django `choices` for a domain enum, labelled in the active language."""
    return [(member.value, LABELS[member]) for member in enum]


#: The clocks a case carries, as messages name them.
CLOCK_LABELS: dict[str, Promise] = {
    "acceptance": _("acceptance"),
    "first_contact": _("first contact"),
    "investigation": _("investigation"),
    "resolution": _("resolution"),
    "return_visit": _("return visit"),
}

#: How a contact with the customer was made, and why a clock stopped.
CONTACT_METHOD_LABELS: dict[str, Promise] = {
    "phone": _("Phone call"),
    "sms": _("SMS"),
    "email": _("E-mail"),
    "visit": _("Visit"),
    "letter": _("Letter"),
    "wechat": _("WeChat"),
}
PAUSE_REASON_LABELS: dict[str, Promise] = {
    "waiting_customer": _("Waiting for the customer"),
    "appraisal": _("Appraisal"),
    "co_handling": _("Co-handling"),
}
#: Names of the parameters an action records (event `data`).
DATA_LABELS: dict[str, Promise] = {
    "archive": _("archive number"),
    "confidential": _("confidential"),
    "source": _("source"),
    "files": _("files"),
    "result": _("mark for the result"),
    "process": _("mark for the handling"),
    "method": _("method"),
    "reason_code": _("reason"),
    "promised_days": _("promised working days"),
    "amount": _("amount"),
    "extension_amount": _("extended by"),
    "extension_unit": _("unit"),
    "clock": _("clock"),
    "level": _("level"),
    "due_at": _("due"),
    "recipients": _("told"),
    "attachment": _("file"),
    "new_material": _("because of"),
    "facts": _("facts"),
    "demand": _("customer's demand"),
    "responsible_department": _("responsible department"),
    "deliberation": _("deliberation"),
    "meeting_at": _("meeting time"),
    "place": _("place"),
    "participants": _("participants"),
    "evidence": _("evidence bundle"),
    "grounds": _("grounds"),
    "result_method": _("handling method"),
    "result_amount": _("amount"),
    "loss_amount": _("loss amount"),
    "responsibility": _("responsibility"),
    # An approval passed up a level (approval matrix, R-12).
    "named": _("approver named by the rule"),
    "skipped": _("nobody present for"),
    "approver": _("approver"),
    "rule": _("rule"),
    "subject_is_manager": _("subject is a manager"),
    # co-handling 协办 and handover 转交 (kesu.decisions)
    "department": _("department"),
    "assignee": _("assignee"),
    "shared_evidence": _("shared evidence"),
    "legal_opinion": _("legal opinion"),
    "awaits_approval": _("awaits approval"),
    "late": _("late"),
    "from_department": _("from"),
    "to_department": _("to"),
}
#: What reopened a provisionally closed case inside its window (seed 004 恒康天安 第五条(五)).
NEW_MATERIAL_LABELS: dict[str, Promise] = {
    "evidence": _("new evidence"),
    "follow_up": _("the customer came back about the case"),
    "customer_addition": _("information the customer added on the portal"),
    "customer_wrote": _("an e-mail from the customer"),
}

#: History events that are not workflow actions.
EVENT_LABELS: dict[str, Promise] = {
    "register": _("Case registered"),
    "attach": _("Evidence attached"),
    "escalate": _("Escalated"),
    "visit_planned": _("Return visit planned"),
    "visit_call": _("Return visit call"),
    "visit_done": _("Return visit made"),
    "visit_unreachable": _("Return visit: customer not reached"),
    "progress_sent": _("Progress sent to the customer"),
    # Accountability: the labels say a step happened, never the penalty.
    "finding_recorded": _("Accountability finding recorded"),
    "finding_decided": _("Accountability decided"),
    "rectification_issued": _("Rectification notice issued"),
    "rectification_reported": _("Rectification report submitted"),
    "rectification_returned": _("Rectification returned to the department"),
    "rectification_verified": _("Rectification verified"),
    "rectification_overdue": _("Rectification overdue"),
    "deliberation_requested": _("Deliberation asked for"),
    "deliberation_approved": _("Deliberation approved"),
    "deliberation_refused": _("Deliberation not approved"),
    "deliberation_convened": _("Deliberation meeting scheduled"),
    "deliberation_minutes": _("Deliberation minutes recorded"),
    "deliberation_opinion": _("Opinion confirmed in the deliberation"),
    "deliberation_preliminary": _("Deliberation: preliminary leaning recorded"),
    "deliberation_decided": _("Deliberation decided"),
    "deliberation_overdue": _("Deliberation decision overdue"),
    # The approval matrix passed a plan up a level: nobody holding the named role was present.
    "approval_escalated": _("Approval passed up (approver away)"),
    "customer_addition": _("Information added by the customer"),
    "customer_wrote": _("The customer wrote (e-mail)"),
    "rating": _("Rated by the customer"),
    "legal_hold": _("Legal hold placed"),
    "legal_hold_lifted": _("Legal hold lifted"),
    "category_changed": _("Category changed"),
    "retention_mask": _("Personal data masked (retention period over)"),
    # Issue 17: a case brought in from another system's history (kesu.imports).
    "history_imported": _("Imported from the previous system"),
    # Several departments on a case (kesu.decisions)
    "co_handling_requested": _("Co-handling requested"),
    "co_handling_approved": _("Co-handling approved"),
    "co_handling_refused": _("Co-handling refused"),
    "co_handling_answered": _("Co-handling answered"),
    "co_handling_escalated": _("Co-handling answer escalated"),
    # Arrival (kesu.intake): group complaints, batches, merging and splitting
    "severity_raised": _("Raised to major"),
    "batch_confirmed": _("Confirmed as a batch complaint"),
    "merged_into": _("Merged into another case"),
    "merged_from": _("Another case merged into this one"),
    "split_into": _("Part split off into a new case"),
    "split_from": _("Split off from another case"),
    "handover_requested": _("Handover requested"),
    "handover_approved": _("Handover approved"),
    "handover_refused": _("Handover refused"),
    "handover": _("Handed over"),
    "library_marked": _("Marked as a typical case"),
    "library_unmarked": _("Removed from the case library"),
    # Whistleblowing 举报 (kesu.whistleblowing) and archives (kesu.archives), issue 20
    "wb_accept": _("Report accepted for investigation"),
    "wb_message": _("Message in the reporter's thread"),
    "wb_extension_asked": _("Extension asked of the president"),
    "wb_extended": _("Extension approved"),
    "wb_extension_refused": _("Extension refused"),
    "wb_close": _("Report closed with its outcome"),
    "wb_name_person": _("Person named in the report (recused)"),
    "archive_confidential": _("Archive made confidential"),
    "archive_access_asked": _("Reading of the archive asked for"),
    "archive_access_approved": _("Reading of the archive approved"),
    "archive_access_refused": _("Reading of the archive refused"),
    "archive_destruction_asked": _("Destruction of the archive asked for"),
    "archive_destroyed": _("Archive destroyed (personal data masked)"),
    "archive_destruction_refused": _("Destruction of the archive refused"),
}


def event_label(action: str) -> str:
    """The label of a history event: a workflow action or one of `EVENT_LABELS`."""
    if action in EVENT_LABELS:
        return str(EVENT_LABELS[action])
    try:
        return str(LABELS[Action(action)])
    except ValueError:
        return action


def refusal_message(action: str, state: str, reason: str) -> str:
    """Why the workflow refused `action` in `state` ("state", "role" or "guard"), for people —
    the same words on the pages and in the API's 409."""
    values = {"action": label(Action(action)), "state": label(State(state))}
    reasons = {
        "state": gettext("「%(action)s」 is not possible while the case is 「%(state)s」."),
        "role": gettext("Your role may not 「%(action)s」 on this case while it is 「%(state)s」."),
        "guard": gettext("「%(action)s」 is not possible on this case now (state 「%(state)s」)."),
    }
    return reasons.get(reason, reasons["guard"]) % values
