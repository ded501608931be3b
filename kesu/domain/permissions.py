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
    # Several departments on a case: co-handling 协办 and handover 转交
    REQUEST_CO_HANDLING = "request_co_handling"
    APPROVE_CO_HANDLING = "approve_co_handling"
    ANSWER_CO_HANDLING = "answer_co_handling"
    REQUEST_HANDOVER = "request_handover"
    APPROVE_HANDOVER = "approve_handover"
    ACKNOWLEDGE_HANDOVER = "acknowledge_handover"


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

_GRANTS: dict[Permission, frozenset[Role]] = {
    # Front office, approvers, analysts and discipline read the whole book; administrators
    # configure the platform and read no complaints.
    P.SEE_ALL_CASES: FRONT_OFFICE | {R.ANALYST, R.DISCIPLINE_OFFICER},
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
    P.APPROVE_PLAN: APPROVERS,
    P.REJECT_PLAN: APPROVERS,
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
