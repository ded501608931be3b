"""Who may do what: one table of role × permission, the only place role sets are written.

Every "may this person do this?" (API, pages, navigation, bulk actions, the workflow's
transition table, who sees which cases and personal data) asks `GRANTS`, through
`allows(roles, permission)` or, in the Django layer, `Authority.may(...)` on the acting
authority (own roles plus delegated ones).

Two further rules qualify the table:
- **Department scope.** Roles in `DEPARTMENT_BOUND` count on a case only while it sits with
  their department (or one below it), or when they are its handler.
- **Four eyes.** For the permissions in `FOUR_EYES`, whoever did the step being checked does
  not check it (the workflow's `NOT_OWN_PLAN` guard); and nobody changes their own role or
  makes themselves a delegate (the settings services).

A person may hold several roles (e.g. an insurer's 咨诉岗 who both receives and handles); the
permissions of a person are the union of their roles' permissions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType

from kesu.domain.vocabulary import Action, Role

R = Role


class Permission(StrEnum):
    # Seeing
    SEE_ALL_CASES = "see_all_cases"
    SEE_DEPARTMENT_CASES = "see_department_cases"
    SEE_PERSONAL_DATA = "see_personal_data"
    # Registering and evidence
    REGISTER_CASE = "register_case"
    ATTACH_EVIDENCE = "attach_evidence"
    #: Receives the alerts of a case nobody holds (heads for their department, supervisors
    #: for unassigned cases).
    OWN_UNHELD_CASES = "own_unheld_cases"
    # Settings
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_PRIVILEGED_ACCOUNTS = "manage_privileged_accounts"
    # The navigation's link to the API documentation (integrations, reports); anyone logged in
    # may still open /api/v1/docs.
    SEE_API_DOCS = "see_api_docs"
    # Return visits 回访: the visit list and the questionnaire during the call.
    MAKE_RETURN_VISITS = "make_return_visits"
    # Deliberation 合议 (R-14, seed 004 第七条): the handler asks, the supervisor approves,
    # schedules and chairs (records minutes and the decision), each participant confirms their
    # own opinion (and sees the case while the deliberation is open).
    REQUEST_DELIBERATION = "request_deliberation"
    CONVENE_DELIBERATION = "convene_deliberation"
    RECORD_DELIBERATION = "record_deliberation"
    CONFIRM_DELIBERATION_OPINION = "confirm_deliberation_opinion"
    # Issue 20: the record of who read which personal data (discipline and the administrator),
    # and the legal hold that stops retention from masking a case.
    SEE_ACCESS_LOG = "see_access_log"
    SET_LEGAL_HOLD = "set_legal_hold"
    # Issue 18: statistics, dashboards and the monthly and regulator reports (figures over the
    # cases the reader sees: a department head's figures cover their department).
    VIEW_STATISTICS = "view_statistics"
    # Issue 20 parts 1–2: whistleblowing 举报 is the discipline function's alone (seed 004: 纪检
    # / 风险管理部 receive, investigate and answer; the reporter's identity is known only to them);
    # the extension beyond 30 working days is approved by the president 总裁 (general manager).
    HANDLE_WHISTLEBLOWING = "handle_whistleblowing"
    UNSEAL_IDENTITY = "unseal_identity"
    APPROVE_WHISTLEBLOWING_EXTENSION = "approve_whistleblowing_extension"
    # Confidential archives (R-25 … R-27, seed 002 查阅档案审批表): who may ask to read a closed
    # confidential case, who approves, who approves destroying an archive (GM, R-25).
    REQUEST_ARCHIVE_ACCESS = "request_archive_access"
    APPROVE_ARCHIVE_ACCESS = "approve_archive_access"
    APPROVE_ARCHIVE_DESTRUCTION = "approve_archive_destruction"
    #: Marks a closed case's archive confidential, and asks for an archive's destruction.
    KEEP_ARCHIVES = "keep_archives"
    # Issue 17: importing regulator transfers and another system's history from a spreadsheet.
    IMPORT_CASES = "import_cases"
    # Issue 19: correct a case's category (the case page's one-keystroke triage suggestions);
    # the chosen category is what the triage model learns from.
    CHANGE_CATEGORY = "change_category"
    # The workflow: one permission per action, with the action's value
    ACCEPT = "accept"
    DECLINE = "decline"
    CONVERT_TO_COMPLAINT = "convert_to_complaint"
    ASSIGN = "assign"
    LOG_CONTACT = "log_contact"
    RECORD_INVESTIGATION = "record_investigation"
    SUBMIT_PLAN = "submit_plan"
    APPROVE_PLAN = "approve_plan"
    REJECT_PLAN = "reject_plan"
    ANSWER = "answer"
    CONFIRM = "confirm"
    NOT_SATISFIED = "not_satisfied"
    PROVISIONALLY_CLOSE = "provisionally_close"
    FINALIZE = "finalize"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"
    PAUSE_CLOCK = "pause_clock"
    RESUME_CLOCK = "resume_clock"
    EXTEND_DEADLINE = "extend_deadline"
    RECALCULATE_DEADLINES = "recalculate_deadlines"
    RECORD_DELIVERY = "record_delivery"
    HASTEN = "hasten"
    # Accountability 责任追究: the penalty side is seen only by these roles.
    SEE_ACCOUNTABILITY = "see_accountability"
    PROPOSE_PENALTY = "propose_penalty"
    APPROVE_PENALTY = "approve_penalty"
    # Rectification 整改 (seed 004): issued and verified by the office, reported by the
    # responsible department's head.
    ISSUE_RECTIFICATION = "issue_rectification"
    VERIFY_RECTIFICATION = "verify_rectification"
    REPORT_RECTIFICATION = "report_rectification"
    # Several departments on a case: co-handling 协办 and handover 转交
    REQUEST_CO_HANDLING = "request_co_handling"
    APPROVE_CO_HANDLING = "approve_co_handling"
    ANSWER_CO_HANDLING = "answer_co_handling"
    REQUEST_HANDOVER = "request_handover"
    APPROVE_HANDOVER = "approve_handover"
    ACKNOWLEDGE_HANDOVER = "acknowledge_handover"
    # Arrival: confirm or dismiss a proposed batch 批量; merge two cases, split one.
    DECIDE_BATCHES = "decide_batches"
    MERGE_CASES = "merge_cases"
    # The case library and reply templates: who reads the library, who marks typical
    # cases into it, who edits the reply templates and FAQ; who exports case lists.
    SEE_LIBRARY = "see_library"
    CURATE_LIBRARY = "curate_library"
    MANAGE_REPLY_TEMPLATES = "manage_reply_templates"
    EXPORT_CASES = "export_cases"


P = Permission

# The groups the table is written with (the workflow reads them too).
INTAKE = frozenset({R.INTAKE_AGENT, R.SUPERVISOR})
APPROVERS = frozenset({R.SUPERVISOR, R.CS_MANAGER, R.GENERAL_MANAGER})
DEPARTMENT = frozenset({R.HANDLER, R.DEPARTMENT_HEAD})
FRONT_OFFICE = INTAKE | APPROVERS
EVERYONE_WHO_HANDLES = FRONT_OFFICE | DEPARTMENT

#: Roles that act on a case only while it sits with their own department (or a sub-department),
#: or while they are its handler.
DEPARTMENT_BOUND = DEPARTMENT

#: Accounts only an administrator creates or changes, and roles only an administrator (or
#: their holder, for their own absence) lends: they approve above the office, see
#: confidential reports, or configure everything.
PRIVILEGED_ROLES = frozenset(
    {R.CS_MANAGER, R.GENERAL_MANAGER, R.DISCIPLINE_OFFICER, R.ADMINISTRATOR}
)

#: Permissions checked by a second person: whoever submitted a plan does not approve it.
FOUR_EYES = frozenset({P.APPROVE_PLAN})

#: Who sees penalties, findings and repeat offences: discipline (纪检, seed 004's 督察考评),
#: the customer-service manager and the general manager (who decide penalties, seed 002). The
#: platform has no HR role; the seed's 人事行政部 reports to the general manager.
ACCOUNTABILITY = frozenset({R.DISCIPLINE_OFFICER, R.CS_MANAGER, R.GENERAL_MANAGER})

_GRANTS: dict[Permission, frozenset[Role]] = {
    # Front office, approvers, analysts and discipline read the whole book; administrators
    # configure the platform and read no complaints.
    # A technical approver (技术支持, the manufacturer's 特案/善意补偿 approval) reads the book
    # to approve what the approval matrix sends them.
    P.SEE_ALL_CASES: FRONT_OFFICE | {R.ANALYST, R.DISCIPLINE_OFFICER, R.TECHNICAL_APPROVER},
    P.SEE_DEPARTMENT_CASES: DEPARTMENT,
    # Those who may call or write to the customer; the others read masked values.
    P.SEE_PERSONAL_DATA: EVERYONE_WHO_HANDLES,
    P.REGISTER_CASE: EVERYONE_WHO_HANDLES,
    # Court judgments and media reports are appended by anyone handling the case.
    P.ATTACH_EVIDENCE: EVERYONE_WHO_HANDLES,
    P.OWN_UNHELD_CASES: frozenset({R.SUPERVISOR, R.DEPARTMENT_HEAD}),
    P.MANAGE_SETTINGS: frozenset({R.CS_MANAGER, R.ADMINISTRATOR}),
    P.MANAGE_PRIVILEGED_ACCOUNTS: frozenset({R.ADMINISTRATOR}),
    P.ACCEPT: FRONT_OFFICE,
    P.DECLINE: FRONT_OFFICE,
    P.CONVERT_TO_COMPLAINT: FRONT_OFFICE,
    P.ASSIGN: APPROVERS | {R.DEPARTMENT_HEAD},
    P.LOG_CONTACT: EVERYONE_WHO_HANDLES,
    P.RECORD_INVESTIGATION: DEPARTMENT | APPROVERS,
    P.SUBMIT_PLAN: DEPARTMENT | {R.SUPERVISOR},
    # Which approver a given plan needs is the approval matrix's answer (R-12, kesu.approvals).
    P.APPROVE_PLAN: APPROVERS | {R.TECHNICAL_APPROVER},
    P.REJECT_PLAN: APPROVERS | {R.TECHNICAL_APPROVER},
    P.ANSWER: EVERYONE_WHO_HANDLES,
    P.CONFIRM: FRONT_OFFICE,
    P.NOT_SATISFIED: FRONT_OFFICE,
    P.PROVISIONALLY_CLOSE: APPROVERS,
    P.FINALIZE: APPROVERS,
    P.REOPEN: APPROVERS,
    P.WITHDRAW: FRONT_OFFICE,
    P.PAUSE_CLOCK: EVERYONE_WHO_HANDLES,
    P.RESUME_CLOCK: EVERYONE_WHO_HANDLES,
    P.EXTEND_DEADLINE: APPROVERS,
    P.RECALCULATE_DEADLINES: APPROVERS,
    # A later event a clock may count from (delivery of the repaired product, seed 002).
    P.RECORD_DELIVERY: EVERYONE_WHO_HANDLES,
    P.SEE_API_DOCS: frozenset({R.CS_MANAGER, R.ADMINISTRATOR, R.ANALYST}),
    P.HASTEN: FRONT_OFFICE,
    # The front office calls customers back (seeds 000/002: 客服中心 回访; seed 004: 运营管理部):
    # agents and supervisors, and the approvers above them.
    P.MAKE_RETURN_VISITS: FRONT_OFFICE,
    P.SEE_ACCOUNTABILITY: ACCOUNTABILITY,
    # Seed 002: 人事行政部 提报 (nearest: discipline) or the department's manager proposes.
    P.PROPOSE_PENALTY: frozenset({R.DISCIPLINE_OFFICER, R.CS_MANAGER}),
    # Which of them decides one penalty: `kesu.decisions.routing.penalty_approver`.
    P.APPROVE_PENALTY: frozenset({R.CS_MANAGER, R.GENERAL_MANAGER}),
    # Seed 004 第七条: 督察考评办 向责任部门下发《整改通知书》, 监督验证整改结果.
    P.ISSUE_RECTIFICATION: frozenset({R.DISCIPLINE_OFFICER, R.CS_MANAGER}),
    P.VERIFY_RECTIFICATION: frozenset({R.DISCIPLINE_OFFICER, R.CS_MANAGER}),
    # Seed 004 第八条: 责任部门负责人 … 向督察考评员提交《整改报告》.
    P.REPORT_RECTIFICATION: frozenset({R.DEPARTMENT_HEAD}),
    # 经办人员提请 (seed 004 第七条(一)); the supervisor may ask on a case they handle too.
    P.REQUEST_DELIBERATION: DEPARTMENT | {R.SUPERVISOR},
    # 咨诉主管审核同意, 拟定会议时间和地点, 担任主持人 — or anyone above them.
    P.CONVENE_DELIBERATION: APPROVERS,
    P.RECORD_DELIBERATION: APPROVERS,
    # Participants: CS manager's assistant or above, supervisor, handler, other departments.
    P.CONFIRM_DELIBERATION_OPINION: EVERYONE_WHO_HANDLES,
    P.SEE_ACCESS_LOG: frozenset({R.DISCIPLINE_OFFICER, R.ADMINISTRATOR}),
    P.SET_LEGAL_HOLD: frozenset({R.DISCIPLINE_OFFICER, R.CS_MANAGER}),
    P.VIEW_STATISTICS: frozenset(
        {R.ANALYST, R.CS_MANAGER, R.GENERAL_MANAGER, R.SUPERVISOR, R.DEPARTMENT_HEAD}
    ),
    # Whistleblowing reports are outside everyone else's book, administrators and superusers
    # included (`cases.selectors.visible_cases`); recusal removes a report from the officers
    # named in it or in the reported department's line (`domain.whistleblowing.recused`).
    P.HANDLE_WHISTLEBLOWING: frozenset({R.DISCIPLINE_OFFICER}),
    P.UNSEAL_IDENTITY: frozenset({R.DISCIPLINE_OFFICER}),
    P.APPROVE_WHISTLEBLOWING_EXTENSION: frozenset({R.GENERAL_MANAGER}),
    P.REQUEST_ARCHIVE_ACCESS: EVERYONE_WHO_HANDLES | {R.ANALYST, R.DISCIPLINE_OFFICER},
    P.APPROVE_ARCHIVE_ACCESS: frozenset({R.CS_MANAGER, R.GENERAL_MANAGER}),
    P.APPROVE_ARCHIVE_DESTRUCTION: frozenset({R.GENERAL_MANAGER}),
    P.KEEP_ARCHIVES: frozenset({R.DISCIPLINE_OFFICER, R.CS_MANAGER}),
    P.CHANGE_CATEGORY: INTAKE | {R.HANDLER, R.CS_MANAGER},
    # The lead department's handler or head (bound to the case's department) or the complaint
    # supervisor asks another department for an opinion, expertise or action (seed 004 第六条);
    # the supervisor (咨诉主管) approves where the policy requires it. The assisting
    # department's handler or head answers (bound to the task's department).
    P.REQUEST_CO_HANDLING: DEPARTMENT | {R.SUPERVISOR},
    P.APPROVE_CO_HANDLING: frozenset({R.SUPERVISOR, R.CS_MANAGER}),
    P.ANSWER_CO_HANDLING: DEPARTMENT,
    # Handover 转交 (seed 002 转交处理联系单): the sender asks, the general manager approves where
    # the policy requires it, the receiving department's handler or head acknowledges.
    P.REQUEST_HANDOVER: DEPARTMENT | {R.SUPERVISOR},
    P.APPROVE_HANDOVER: frozenset({R.GENERAL_MANAGER}),
    P.ACKNOWLEDGE_HANDOVER: DEPARTMENT,
    # Seed 004 批量投诉: the complaint supervisor (or above) decides whether arrivals are one
    # batch, and merges a duplicate into the case that continues or splits a case in two.
    P.DECIDE_BATCHES: APPROVERS,
    P.MERGE_CASES: APPROVERS,
    # R-24 (seeds 003, 004): typical cases for training and reference, read by everyone who
    # handles complaints and by the analyst; chosen by the supervisors and the manager.
    P.SEE_LIBRARY: EVERYONE_WHO_HANDLES | {R.ANALYST},
    P.CURATE_LIBRARY: frozenset({R.SUPERVISOR, R.CS_MANAGER}),
    P.MANAGE_REPLY_TEMPLATES: frozenset({R.SUPERVISOR, R.CS_MANAGER, R.ADMINISTRATOR}),
    # A list leaves the platform as a file: those who report on the book (masking still
    # applies per the exporter's rights).
    P.EXPORT_CASES: APPROVERS | {R.ANALYST, R.DEPARTMENT_HEAD, R.DISCIPLINE_OFFICER},
    # The complaint supervisor (who receives the regulators' transfers) and the customer-service
    # manager import spreadsheets: transfers from 12315/12345/通管局/金融监管/消协, and history.
    P.IMPORT_CASES: frozenset({R.SUPERVISOR, R.CS_MANAGER}),
}

#: The table: for each permission, the roles that hold it.
GRANTS: Mapping[Permission, frozenset[Role]] = MappingProxyType(_GRANTS)


def allows(roles: Iterable[Role], permission: Permission) -> bool:
    """Whether anyone holding `roles` has `permission`."""
    return not GRANTS[permission].isdisjoint(roles)


def holders(permission: Permission) -> frozenset[Role]:
    """The roles that have `permission`."""
    return GRANTS[permission]


def for_action(action: Action) -> Permission:
    """The permission to take a workflow action."""
    return Permission(action.value)


def permissions_of(roles: Iterable[Role]) -> frozenset[Permission]:
    """Everything a person holding `roles` may do (somewhere)."""
    held = frozenset(roles)
    return frozenset(p for p, granted in GRANTS.items() if granted & held)


def department_bound(role: Role) -> bool:
    """Whether `role` counts only on its department's cases (and the holder's own)."""
    return role in DEPARTMENT_BOUND
