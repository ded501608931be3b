"""Every URL and every API operation, for every role × a case in its own / another department,
against the permission table (`kesu.domain.permissions`).

The case sits with 售后服务部 (after-sales), in progress, with one picture attached. "own"
people belong to after-sales, "other" people to 质量管理部 (quality). Three more people check
what the table says about several roles and delegation: a clerk who both receives and handles
(W9), an analyst holding the after-sales head's role by delegation, and a quality handler
holding the customer-service manager's role by delegation.

A new URL or API operation without a rule here fails `test_every_url_and_operation_has_a_rule`.
Expected answers: 200/201/302 where the table allows, 403 where it refuses a global permission,
404 where the case is out of sight, 409 where a visible case's action is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kesu.api.api import api as ninja_api
from kesu.approvals.services import load_approval_preset
from kesu.cases.models import Case, Category, DeclineReason
from kesu.deadlines.models import DeadlinePolicy
from kesu.decisions.models import PenaltyTier
from kesu.decisions.services.accountability import load_penalty_presets
from kesu.decisions.services.deliberation import request_deliberation
from kesu.domain.access import Scope, scope_of
from kesu.domain.permissions import GRANTS, Permission, department_bound
from kesu.domain.vocabulary import Role
from kesu.notify.models import NotificationTemplate
from kesu.org.access import authority_of
from kesu.org.models import Delegation, UserRole
from tests.cases.test_attachments import PNG
from tests.conftest import PHONE_COMPLAINT, Api, at

P = Permission
NOW = "2026-11-23 09:00"


@dataclass(frozen=True)
class Person:
    """Someone the walk acts as: the roles they hold and whether each reaches the case's
    department (own department, or lent by someone of it)."""

    key: str
    grants: tuple[tuple[Role, bool], ...]
    all_urls: bool = True  # False: walked on the case URLs only (the rest ignore departments)

    def may(self, permission: Permission) -> bool:
        return any(role in GRANTS[permission] for role, _own in self.grants)

    def may_on_case(self, permission: Permission) -> bool:
        return any(
            role in GRANTS[permission] and (own or not department_bound(role))
            for role, own in self.grants
        )

    def sees_case(self) -> bool:
        return any(
            scope_of({role}) is Scope.ORGANISATION or (scope_of({role}) is Scope.DEPARTMENT and own)
            for role, own in self.grants
        )


PEOPLE: list[Person] = [
    *(Person(f"{r.value}-own", ((r, True),)) for r in Role),
    *(Person(f"{r.value}-other", ((r, False),), all_urls=False) for r in Role),
    Person("clerk", ((Role.INTAKE_AGENT, True), (Role.HANDLER, True))),
    Person("delegate-head", ((Role.ANALYST, False), (Role.DEPARTMENT_HEAD, True))),
    Person("delegate-manager", ((Role.HANDLER, False), (Role.CS_MANAGER, True))),
]


# --- expectations, from the table ------------------------------------------------------------


def everyone(status: int) -> Callable[[Person], int]:
    return lambda _p: status


def needs(permission: Permission, ok: int = 200, refused: int = 403) -> Callable[[Person], int]:
    return lambda p: ok if p.may(permission) else refused


def seen(ok: int = 200) -> Callable[[Person], int]:
    return lambda p: ok if p.sees_case() else 404


def acts(permission: Permission, ok: int, refused: int) -> Callable[[Person], int]:
    """On the case: 404 out of sight, `ok` when the table allows it there, else `refused`."""
    return lambda p: 404 if not p.sees_case() else ok if p.may_on_case(permission) else refused


@dataclass(frozen=True)
class Rule:
    method: str
    path: str  # {number}, {attachment}, {category}, … are filled from the fixtures
    expect: Callable[[Person], int]
    data: dict[str, Any] | None = None
    case: bool = False  # does the answer depend on the case's department?


MANAGE = needs(P.MANAGE_SETTINGS)


def _reads_rectifications(p: Person) -> int:
    """The rectification list: the office that issues and verifies, the roles that see
    penalties, and department heads (their departments' notices)."""
    wanted = (P.SEE_ACCOUNTABILITY, P.VERIFY_RECTIFICATION, P.REPORT_RECTIFICATION)
    return 200 if any(p.may(w) for w in wanted) else 403


RECTIFICATIONS = _reads_rectifications


def _curates(p: Person) -> int:
    """Marking a typical case: the permission first (403), then the case in sight (404)."""
    return 403 if not p.may(P.CURATE_LIBRARY) else 200 if p.sees_case() else 404


#: Pages, by URL name. The Django admin counts as one page (its index).
PAGES: dict[str, Rule] = {
    "home": Rule("get", "/", everyone(200)),
    # The icon, for pages that name none: the same redirect for everyone.
    "favicon.ico": Rule("get", "/favicon.ico", everyone(301)),
    "web:notifications": Rule("get", "/notifications/", everyone(200)),
    "web:notifications-read": Rule(
        "post", "/notifications/read/", everyone(302), data={"all": "1"}
    ),
    "web:queue": Rule("get", "/cases/", everyone(200)),
    "web:filter-save": Rule("post", "/cases/filters/", everyone(302), {"name": "走查"}),
    "web:filter-delete": Rule("post", "/cases/filters/999999/delete/", everyone(302)),
    "web:bulk-assign": Rule("post", "/cases/assign/", needs(P.ASSIGN, ok=302)),
    "web:hotline": Rule("get", "/cases/new/", needs(P.REGISTER_CASE)),
    # The approver's queue: whoever approves plans, by own role or a lent one.
    "web:approvals": Rule("get", "/approvals/", needs(P.APPROVE_PLAN)),
    # Imports (issue 17): regulator transfers and history; no upload exists in the walk's world.
    "web:imports": Rule("get", "/imports/", needs(P.IMPORT_CASES)),
    "web:import-template": Rule("get", "/imports/template/transfer.xlsx", needs(P.IMPORT_CASES)),
    "web:import-batch": Rule("get", "/imports/999999/", needs(P.IMPORT_CASES, ok=404)),
    "web:search": Rule("post", "/cases/search/", everyone(303), {"q": "13812345678"}),
    "web:lookup": Rule("post", "/cases/lookup/", everyone(200), {"phone": "13812345678"}),
    "web:case-triage": Rule("get", "/cases/{number}/triage/", seen(), case=True),
    # The statistics: VIEW_STATISTICS, scoped by the selectors, not here.
    "stats:statistics": Rule("get", "/statistics/", needs(P.VIEW_STATISTICS)),
    "stats:cases": Rule("get", "/statistics/cases/?figure=received", needs(P.VIEW_STATISTICS)),
    "stats:dashboard": Rule("get", "/statistics/dashboard/", needs(P.VIEW_STATISTICS)),
    "stats:report-excel": Rule("get", "/statistics/report.xlsx", needs(P.VIEW_STATISTICS)),
    "stats:report-pdf": Rule("get", "/statistics/report.pdf", needs(P.VIEW_STATISTICS)),
    # The case library and reply templates; exports of the queue.
    "web:library": Rule("get", "/library/", needs(P.SEE_LIBRARY)),
    "web:library-mark": Rule("get", "/cases/{number}/library/", _curates, case=True),
    "web:reply-text": Rule("get", "/cases/{number}/reply/", seen(), case=True),
    "web:hotline-reply": Rule("get", "/cases/reply/", everyone(200)),
    "web:export-start": Rule(
        "post", "/cases/export/", needs(P.EXPORT_CASES, ok=302), {"format": "csv"}
    ),
    "web:exports": Rule("get", "/exports/", everyone(200)),  # one's own exports only
    "web:export": Rule("get", "/exports/999999/", everyone(404)),
    "web:export-download": Rule("get", "/exports/999999/download/", everyone(404)),
    # E-mail intake's mailbox and the reply templates on the settings pages.
    "backoffice:mailbox": Rule("get", "/manage/mailbox/", MANAGE),
    "backoffice:mailbox-message": Rule(
        "get", "/manage/mailbox/999999/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    "backoffice:mailbox-raw": Rule(
        "get", "/manage/mailbox/999999/raw/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    "backoffice:replies": Rule("get", "/manage/replies/", needs(P.MANAGE_REPLY_TEMPLATES)),
    "backoffice:reply-new": Rule("get", "/manage/replies/new/", needs(P.MANAGE_REPLY_TEMPLATES)),
    "backoffice:reply": Rule(
        "get", "/manage/replies/999999/", needs(P.MANAGE_REPLY_TEMPLATES, ok=404)
    ),
    # Open311 GeoReport v2 answers the same to every session: its clients hold an API key, not
    # a login, and it lists only requests posted through it.
    "open311:services": Rule("get", "/open311/v2/services.json", everyone(200)),
    "open311:service": Rule("get", "/open311/v2/services/no-such-service.json", everyone(404)),
    "open311:requests": Rule("get", "/open311/v2/requests.json", everyone(200)),
    "open311:request": Rule("get", "/open311/v2/requests/{number}.json", everyone(404)),
    "open311:token": Rule("get", "/open311/v2/tokens/nosuchtoken.json", everyone(404)),
    "web:triage": Rule(
        "post", "/cases/triage/", needs(P.REGISTER_CASE), {"facts": "空调不制冷，师傅一直不上门"}
    ),
    # Arrival (kesu/web/arrival.py): refusals by the service (an unknown batch or case, no
    # facts) come back as a message on the page they were sent from.
    "web:batches": Rule("get", "/batches/", needs(P.DECIDE_BATCHES)),
    "web:batch-decide": Rule(
        "post", "/batches/999999/decide/", needs(P.DECIDE_BATCHES, ok=302), {"decision": "dismiss"}
    ),
    "web:case-arrival": Rule("get", "/cases/{number}/arrival/", seen(), case=True),
    "web:case-merge": Rule(
        "post",
        "/cases/{number}/merge/",
        lambda p: 404 if not p.sees_case() else 302 if p.may(P.MERGE_CASES) else 403,
        {"into": "nonsense"},
        case=True,
    ),
    "web:case-split": Rule(
        "post",
        "/cases/{number}/split/",
        lambda p: 404 if not p.sees_case() else 302 if p.may(P.MERGE_CASES) else 403,
        {"facts": ""},
        case=True,
    ),
    "web:case": Rule("get", "/cases/{number}/", seen(), case=True),
    "web:act": Rule(
        "post",
        "/cases/{number}/act/",
        acts(P.LOG_CONTACT, ok=302, refused=409),
        {"action": "log_contact", "log_contact-note": "走查"},
        case=True,
    ),
    "web:upload": Rule(
        "post", "/cases/{number}/attachments/", acts(P.ATTACH_EVIDENCE, 302, 403), case=True
    ),
    "web:legal-hold": Rule(
        "post",
        "/cases/{number}/legal-hold/",
        lambda p: 404 if not p.sees_case() else 302 if p.may(P.SET_LEGAL_HOLD) else 403,
        {"hold": "1", "reason": "诉讼保全"},
        case=True,
    ),
    "web:case-category": Rule(
        "post",
        "/cases/{number}/category/",
        lambda p: 404 if not p.sees_case() else 302 if p.may(P.CHANGE_CATEGORY) else 403,
        {"category": "product_quality_defect"},
        case=True,
    ),
    "web:preview": Rule(
        "get", "/cases/{number}/attachments/{attachment}/preview/", seen(), case=True
    ),
    "web:print": Rule("get", "/cases/{number}/print/registration.pdf", seen(), case=True),
    # Accountability: penalties for SEE_ACCOUNTABILITY only; no finding or rectification
    # exists in the walk's world, so an allowed request for one answers 404.
    "web:case-accountability": Rule(
        "get",
        "/cases/{number}/accountability/",
        lambda p: 404 if not p.sees_case() else 200 if p.may(P.SEE_ACCOUNTABILITY) else 403,
        case=True,
    ),
    "web:accountability": Rule("get", "/accountability/", needs(P.SEE_ACCOUNTABILITY)),
    "web:finding-decide": Rule(
        "post",
        "/accountability/findings/999999/decide/",
        needs(P.SEE_ACCOUNTABILITY, ok=404),
        {"decision": "approve"},
    ),
    "web:rectification-issue": Rule(
        "post",
        "/accountability/findings/999999/rectification/",
        needs(P.SEE_ACCOUNTABILITY, ok=404),
        {"requirement": "走查"},
    ),
    "web:finding-print": Rule(
        "get", "/accountability/findings/999999/decision.pdf", needs(P.SEE_ACCOUNTABILITY, ok=404)
    ),
    "web:rectifications": Rule("get", "/rectifications/", RECTIFICATIONS),
    "web:rectification": Rule("get", "/rectifications/999999/", everyone(404)),
    "web:rectification-report": Rule(
        "post", "/rectifications/999999/report/", everyone(404), {"report": "走查"}
    ),
    "web:rectification-verify": Rule(
        "post", "/rectifications/999999/verify/", everyone(404), {"outcome": "verified"}
    ),
    "web:rectification-print": Rule("get", "/rectifications/999999/notice.pdf", everyone(404)),
    "backoffice:penalties": Rule("get", "/manage/penalties/", MANAGE),
    "backoffice:penalty-new": Rule("get", "/manage/penalties/new/", MANAGE),
    "backoffice:penalty": Rule("get", "/manage/penalties/{penalty}/", MANAGE),
    "web:deliberation-request": Rule(
        "post",
        "/cases/{number}/deliberations/request/",
        acts(P.REQUEST_DELIBERATION, ok=302, refused=403),
        {"reason": "走查"},
        case=True,
    ),
    "web:deliberation-convene": Rule(
        "get",
        "/cases/{number}/deliberations/new/",
        lambda p: 404 if not p.sees_case() else 200 if p.may(P.CONVENE_DELIBERATION) else 403,
        case=True,
    ),
    "web:deliberations": Rule("get", "/deliberations/", everyone(200)),
    "web:deliberation": Rule("get", "/deliberations/{deliberation}/", seen(), case=True),
    # Minutes are the chair's; the walk's deliberation is only asked for (no chair yet).
    "web:deliberation-act": Rule(
        "post",
        "/deliberations/{deliberation}/act/",
        seen(ok=403),
        {"step": "minutes", "minutes-text": "走查"},
        case=True,
    ),
    "web:deliberation-print": Rule(
        "get", "/deliberations/{deliberation}/record.pdf", seen(), case=True
    ),
    # Several departments on a case (kesu.decisions): the world has one co-handling task (with
    # 安装维修科, answered) and one refused handover. New requests name the case's own
    # department, so whoever may ask is told that is not possible (400) and nothing changes
    # for the next person; whoever may not is refused first (403).
    "web:co-handling": Rule("get", "/co-handling/", everyone(200)),
    "web:co-handling-request": Rule(
        "post",
        "/cases/{number}/co-handling/",
        acts(P.REQUEST_CO_HANDLING, ok=400, refused=403),
        {"department": "after-sales", "request": "走查"},
        case=True,
    ),
    "web:co-handling-step": Rule(
        "post",
        "/cases/{number}/co-handling/{task}/",
        acts(P.ANSWER_CO_HANDLING, ok=409, refused=403),
        {"op": "answer", "answer": "走查"},
        case=True,
    ),
    "web:print-co-handling": Rule(
        "get", "/cases/{number}/co-handling/{task}.pdf", seen(), case=True
    ),
    "web:handover-request": Rule(
        "post",
        "/cases/{number}/handover/",
        acts(P.REQUEST_HANDOVER, ok=400, refused=403),
        {"department": "after-sales", "reason": "走查"},
        case=True,
    ),
    "web:handover-step": Rule(
        "post",
        "/cases/{number}/handover/{handover}/",
        acts(P.ACKNOWLEDGE_HANDOVER, ok=409, refused=403),
        {"op": "acknowledge"},
        case=True,
    ),
    "web:print-handover": Rule("get", "/cases/{number}/handover/{handover}.pdf", seen(), case=True),
    "backoffice:index": Rule("get", "/manage/", MANAGE),
    "backoffice:history": Rule("get", "/manage/history/", MANAGE),
    "backoffice:access-log": Rule(
        "get", "/manage/access-log/?case={number}", needs(P.SEE_ACCESS_LOG)
    ),
    "backoffice:integrity": Rule("get", "/manage/integrity/", MANAGE),
    "backoffice:integrity-check": Rule(
        "post", "/manage/integrity/check/", needs(P.MANAGE_SETTINGS, ok=302)
    ),
    "backoffice:retention": Rule("get", "/manage/retention/", MANAGE),
    "backoffice:triage": Rule("get", "/manage/triage/", MANAGE),
    "backoffice:triage-retrain": Rule(
        "post", "/manage/triage/retrain/", needs(P.MANAGE_SETTINGS, ok=302)
    ),
    "backoffice:categories": Rule("get", "/manage/categories/", MANAGE),
    "backoffice:category-new": Rule("get", "/manage/categories/new/", MANAGE),
    "backoffice:category-preset": Rule(
        "post", "/manage/categories/preset/", needs(P.MANAGE_SETTINGS, ok=302)
    ),
    "backoffice:category": Rule("get", "/manage/categories/{category}/", MANAGE),
    "backoffice:reasons": Rule("get", "/manage/reasons/", MANAGE),
    "backoffice:reason-new": Rule("get", "/manage/reasons/new/", MANAGE),
    "backoffice:reason": Rule("get", "/manage/reasons/{reason}/", MANAGE),
    "backoffice:policies": Rule("get", "/manage/policies/", MANAGE),
    "backoffice:policy-new": Rule("get", "/manage/policies/new/", MANAGE),
    "backoffice:policy": Rule("get", "/manage/policies/{policy}/", MANAGE),
    "backoffice:policy-recalculate": Rule(
        "post", "/manage/policies/{policy}/recalculate/", needs(P.MANAGE_SETTINGS, ok=302)
    ),
    "backoffice:notices": Rule("get", "/manage/notices/", MANAGE),
    "backoffice:notice": Rule("get", "/manage/notices/{notice}/", MANAGE),
    "backoffice:visit-plans": Rule("get", "/manage/visit-plans/", MANAGE),
    "backoffice:visit-plan-new": Rule("get", "/manage/visit-plans/new/", MANAGE),
    "backoffice:visit-plan": Rule(
        "get", "/manage/visit-plans/999999/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    # Return visits 回访: the front office's list and the call page (999999: no such visit).
    "web:progress": Rule(
        "post",
        "/cases/{number}/progress/",
        acts(P.LOG_CONTACT, ok=302, refused=302),
        {"note": "走查：鉴定进行中"},
        case=True,
    ),
    "web:visits": Rule("get", "/visits/", needs(P.MAKE_RETURN_VISITS)),
    "web:visit": Rule("get", "/visits/999999/", needs(P.MAKE_RETURN_VISITS, ok=404)),
    # The customer's questionnaire link: no login; a forged token is simply not found.
    "portal:visit_form": Rule("get", "/portal/visit/forged/", everyone(404)),
    "backoffice:approvals": Rule(
        "get", "/manage/approvals/?action=surrender&amount=2000.01&premium_share=0.5", MANAGE
    ),
    "backoffice:approval-rule-new": Rule("get", "/manage/approvals/new/", MANAGE),
    # Loading a preset (below) replaces the rules, so a rule's page is walked by a missing id.
    "backoffice:approval-rule": Rule(
        "get", "/manage/approvals/999999/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    "backoffice:approval-rule-remove": Rule(
        "post", "/manage/approvals/999999/remove/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    "backoffice:approval-preset": Rule(
        "post",
        "/manage/approvals/preset/",
        needs(P.MANAGE_SETTINGS, ok=302),
        {"preset": "insurer"},
    ),
    "backoffice:calendar": Rule("get", "/manage/calendar/", MANAGE),
    "backoffice:calendar-year": Rule(
        "post", "/manage/calendar/year/", needs(P.MANAGE_SETTINGS, ok=302)
    ),
    "backoffice:calendar-day": Rule(
        "post", "/manage/calendar/not-a-day/", needs(P.MANAGE_SETTINGS, ok=400)
    ),
    "backoffice:departments": Rule("get", "/manage/departments/", MANAGE),
    "backoffice:department-new": Rule("get", "/manage/departments/new/", MANAGE),
    "backoffice:department": Rule("get", "/manage/departments/{department}/", MANAGE),
    "backoffice:users": Rule("get", "/manage/users/", MANAGE),
    "backoffice:user-new": Rule("get", "/manage/users/new/", MANAGE),
    "backoffice:user": Rule("get", "/manage/users/{user}/", MANAGE),
    "backoffice:delegations": Rule("get", "/manage/delegations/", MANAGE),
    "backoffice:delegation-end": Rule(
        "post", "/manage/delegations/999999/end/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    "backoffice:absences": Rule("get", "/manage/absences/", MANAGE),
    "backoffice:absence-end": Rule(
        "post", "/manage/absences/999999/end/", needs(P.MANAGE_SETTINGS, ok=404)
    ),
    # Superuser tooling: administrators only (their accounts get the Django admin).
    "admin": Rule("get", "/admin/", needs(P.MANAGE_PRIVILEGED_ACCOUNTS, refused=302)),
    # The API's own pages: its description is open to every member of staff.
    "api-v1:openapi-json": Rule("get", "/api/v1/openapi.json", everyone(200)),
    "api-v1:openapi-view": Rule("get", "/api/v1/docs", everyone(200)),
}
#: The customer portal's pages: public, the same answer logged in or not (walked anonymously and
#: as every person by `test_the_portal_answers_everyone_alike`). The case pages need a one-time
#: code first, so without one they send the visitor to the tracking page.
PORTAL: dict[str, Rule] = {
    "portal:home": Rule("get", "/portal/", everyone(200)),
    "portal:privacy": Rule("get", "/portal/privacy/", everyone(200)),
    "portal:complain": Rule("get", "/portal/complain/", everyone(200)),
    "portal:submitted": Rule("get", "/portal/complain/done/", everyone(302)),
    "portal:track": Rule("get", "/portal/track/", everyone(200)),
    "portal:case": Rule("get", "/portal/case/", everyone(302)),
    "portal:add": Rule("post", "/portal/case/add/", everyone(302), {"text": "走查"}),
    "portal:rate": Rule("post", "/portal/case/rate/", everyone(302), {"result": 5}),
    "portal:leave": Rule("post", "/portal/case/leave/", everyone(302)),
    # Whistleblowing 举报 through the portal: no login, and a staff session changes nothing.
    "portal:report": Rule("get", "/portal/report/", everyone(200)),
    "portal:report_done": Rule("get", "/portal/report/done/", everyone(302)),
    "portal:report_follow": Rule("get", "/portal/report/follow/", everyone(200)),
    "portal:report_thread": Rule("get", "/portal/report/thread/", everyone(302)),
    "portal:report_leave": Rule("post", "/portal/report/leave/", everyone(302)),
}
#: Pages anyone may open, logged in or not.
PUBLIC = {"login", "logout", "set_language", *PORTAL}

#: Whistleblowing and archive pages and operations are walked by their own matrices, which
#: add what this walk cannot: a report's recusal (named people, the reported department's line)
#: and an archive's time-limited reading grant — tests/whistleblowing/test_sealed_matrix.py
#: (every role, administrator and superuser × pages, API, PDFs, admin lists, notices, logs) and
#: tests/archives/ (request → approval → read → expiry through the pages and the API).
SEALED_PAGES = {
    "web:reports", "web:report", "web:report-act", "web:report-extension",
    "web:archives", "web:archive", "web:archive-act", "web:archive-decide",
    "web:archive-destruction", "web:archive-file",
}  # fmt: skip
SEALED_PREFIXES = ("/whistleblowing", "/archive")

#: API operations, by method and OpenAPI path (under /api/v1).
OPERATIONS: dict[tuple[str, str], Rule] = {
    ("get", "/statistics"): Rule(
        "get", "/statistics?from=2026-11-01&to=2026-11-30&by=category", needs(P.VIEW_STATISTICS)
    ),
    ("post", "/cases"): Rule("post", "/cases", needs(P.REGISTER_CASE, ok=201), PHONE_COMPLAINT),
    ("get", "/cases"): Rule("get", "/cases", everyone(200)),
    ("post", "/cases/search"): Rule("post", "/cases/search", everyone(200), {"q": "13812345678"}),
    ("get", "/cases/{number}"): Rule("get", "/cases/{number}", seen(), case=True),
    ("post", "/cases/{number}/transitions"): Rule(
        "post",
        "/cases/{number}/transitions",
        acts(P.LOG_CONTACT, ok=200, refused=409),
        {"action": "log_contact", "note": "走查"},
        case=True,
    ),
    ("get", "/cases/{number}/events"): Rule("get", "/cases/{number}/events", seen(), case=True),
    ("post", "/cases/{number}/attachments"): Rule(
        "post", "/cases/{number}/attachments", acts(P.ATTACH_EVIDENCE, 201, 403), case=True
    ),
    ("get", "/cases/{number}/attachments"): Rule(
        "get", "/cases/{number}/attachments", seen(), case=True
    ),
    ("get", "/cases/{number}/attachments/{attachment_id}"): Rule(
        "get", "/cases/{number}/attachments/{attachment}", seen(), case=True
    ),
    ("get", "/cases/{number}/co-handling"): Rule(
        "get", "/cases/{number}/co-handling", seen(), case=True
    ),
    ("post", "/cases/{number}/co-handling"): Rule(
        "post",
        "/cases/{number}/co-handling",
        acts(P.REQUEST_CO_HANDLING, ok=400, refused=403),
        {"department": "after-sales", "request": "走查"},
        case=True,
    ),
    ("post", "/cases/{number}/co-handling/{task_id}/decision"): Rule(
        "post",
        "/cases/{number}/co-handling/{task}/decision",
        # The walk's task is answered: an approver is told it waits for nothing (409).
        lambda p: 404 if not p.sees_case() else 409 if p.may(P.APPROVE_CO_HANDLING) else 403,
        {"approve": True},
        case=True,
    ),
    ("post", "/cases/{number}/co-handling/{task_id}/answer"): Rule(
        "post",
        "/cases/{number}/co-handling/{task}/answer",
        acts(P.ANSWER_CO_HANDLING, ok=409, refused=403),
        {"answer": "走查"},
        case=True,
    ),
    ("get", "/cases/{number}/handovers"): Rule(
        "get", "/cases/{number}/handovers", seen(), case=True
    ),
    ("post", "/cases/{number}/handovers"): Rule(
        "post",
        "/cases/{number}/handovers",
        acts(P.REQUEST_HANDOVER, ok=400, refused=403),
        {"department": "after-sales", "reason": "走查"},
        case=True,
    ),
    ("post", "/cases/{number}/handovers/{handover_id}/approval"): Rule(
        "post",
        "/cases/{number}/handovers/{handover}/approval",
        lambda p: 404 if not p.sees_case() else 409 if p.may(P.APPROVE_HANDOVER) else 403,
        {"approve": True},
        case=True,
    ),
    ("post", "/cases/{number}/handovers/{handover_id}/acknowledgement"): Rule(
        "post",
        "/cases/{number}/handovers/{handover}/acknowledgement",
        acts(P.ACKNOWLEDGE_HANDOVER, ok=409, refused=403),
        {"acknowledge": True},
        case=True,
    ),
    ("get", "/notifications"): Rule("get", "/notifications", everyone(200)),
    ("get", "/notifications/unread-count"): Rule(
        "get", "/notifications/unread-count", everyone(200)
    ),
    ("post", "/notifications/read-all"): Rule("post", "/notifications/read-all", everyone(200)),
    ("post", "/notifications/{notification_id}/read"): Rule(
        "post", "/notifications/999999/read", everyone(404)
    ),
    ("get", "/calendar/due-date"): Rule(
        "get", "/calendar/due-date?start=2026-11-23&days=5", everyone(200)
    ),
    ("get", "/me"): Rule("get", "/me", everyone(200)),
    ("get", "/penalty-tiers"): Rule("get", "/penalty-tiers", needs(P.SEE_ACCOUNTABILITY)),
    ("get", "/cases/{number}/findings"): Rule(
        "get",
        "/cases/{number}/findings",
        lambda p: 404 if not p.sees_case() else 200 if p.may(P.SEE_ACCOUNTABILITY) else 403,
        case=True,
    ),
    ("post", "/cases/{number}/findings"): Rule(
        "post",
        "/cases/{number}/findings",
        # A valid body but no such department: the table's roles get the service's 400.
        lambda p: 404 if not p.sees_case() else 400 if p.may(P.PROPOSE_PENALTY) else 403,
        {"department": 999999, "person_name": "走查", "grounds": "走查", "tier": 1},
        case=True,
    ),
    ("post", "/findings/{finding_id}/decision"): Rule(
        "post",
        "/findings/999999/decision",
        needs(P.SEE_ACCOUNTABILITY, ok=404),
        {"decision": "approve"},
    ),
    ("post", "/findings/{finding_id}/rectification"): Rule(
        "post",
        "/findings/999999/rectification",
        needs(P.ISSUE_RECTIFICATION, ok=404),
        {"requirement": "走查"},
    ),
    ("get", "/rectifications"): Rule("get", "/rectifications", everyone(200)),
    ("get", "/rectifications/{rectification_id}"): Rule(
        "get", "/rectifications/999999", everyone(404)
    ),
    ("post", "/rectifications/{rectification_id}/report"): Rule(
        "post", "/rectifications/999999/report", everyone(404), {"report": "走查"}
    ),
    ("post", "/rectifications/{rectification_id}/verification"): Rule(
        "post",
        "/rectifications/999999/verification",
        needs(P.VERIFY_RECTIFICATION, ok=404),
        {"outcome": "verified"},
    ),
    ("get", "/repeat-offences"): Rule("get", "/repeat-offences", needs(P.SEE_ACCOUNTABILITY)),
    ("get", "/access-log"): Rule("get", "/access-log?case={number}", needs(P.SEE_ACCESS_LOG)),
    ("get", "/categories"): Rule("get", "/categories", everyone(200)),
    ("get", "/decline-reasons"): Rule("get", "/decline-reasons", everyone(200)),
    ("get", "/departments"): Rule("get", "/departments", everyone(200)),
    ("get", "/roles"): Rule("get", "/roles", everyone(200)),
    ("get", "/approval-route"): Rule(
        "get", "/approval-route?action=surrender&amount=2000.01&premium_share=0.5", everyone(200)
    ),
    ("get", "/vocabularies"): Rule("get", "/vocabularies", everyone(200)),
    ("post", "/triage"): Rule(
        "post", "/triage", needs(P.REGISTER_CASE), {"facts": "空调不制冷，师傅一直不上门"}
    ),
}
#: The portal's public API operations (no staff authentication): the same for everyone.
PUBLIC_OPERATIONS: dict[tuple[str, str], Rule] = {
    ("post", "/portal/complaints"): Rule(
        "post",
        "/portal/complaints",
        everyone(400),
        {"name": "走查", "phone": "13900001111", "facts": "走查", "privacy_consent": False},
    ),
    ("post", "/portal/codes"): Rule(
        "post", "/portal/codes", everyone(202), {"number": "{number}", "phone": "13900001111"}
    ),
    ("post", "/portal/track"): Rule(
        "post",
        "/portal/track",
        everyone(400),
        {"number": "{number}", "phone": "13900001111", "code": "000000"},
    ),
}


# --- what exists -----------------------------------------------------------------------------


def _names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                yield "admin"
                continue
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            if namespace.startswith("api-v1:") and entry.name not in {
                "openapi-json",
                "openapi-view",
            }:
                continue  # API operations are walked from the OpenAPI description
            yield f"{namespace}{entry.name}" if entry.name else str(entry.pattern)


def url_names() -> set[str]:
    return set(_names(get_resolver().url_patterns))


def api_operations() -> set[tuple[str, str]]:
    schema = ninja_api.get_openapi_schema()
    return {
        (method, path.removeprefix("/api/v1"))
        for path, item in schema["paths"].items()
        for method in item
    }


def test_every_url_and_operation_has_a_rule() -> None:
    """A page or API operation added without a line here fails, so none escapes the walk."""
    assert url_names() - PUBLIC - SEALED_PAGES == set(PAGES)
    sealed = {(m, path) for m, path in api_operations() if path.startswith(SEALED_PREFIXES)}
    assert api_operations() - sealed == set(OPERATIONS) | set(PUBLIC_OPERATIONS)


# --- the walk --------------------------------------------------------------------------------


@pytest.fixture
def world(org: Any, api: Any) -> dict[str, Any]:
    with time_machine.travel(at(NOW), tick=False):
        number = api("agent").post("/cases", PHONE_COMPLAINT).json()["number"]
        api("agent").act(number, "accept")
        api("supervisor").act(number, "assign", department="after-sales", handler="handler")
        api("handler").act(number, "log_contact", note="已联系客户")
        attached = api("handler").client.post(
            f"/api/v1/cases/{number}/attachments",
            {"file": SimpleUploadedFile("照片.png", PNG, content_type="image/png")},
        )
        assert attached.status_code == 201, attached.content
        # One answered co-handling task (安装维修科) and one refused handover, for the steps'
        # URLs: each step on them is refused (409) to whoever may take it, 403 to the others.
        task = (
            api("handler")
            .post(
                f"/cases/{number}/co-handling",
                {"department": "install", "request": "请协助上门检测"},
            )
            .json()["id"]
        )
        api("supervisor").post(f"/cases/{number}/co-handling/{task}/decision", {"approve": True})
        answered = api("installer").post(
            f"/cases/{number}/co-handling/{task}/answer", {"answer": "已检测"}
        )
        assert answered.status_code == 200, answered.content
        handover = (
            api("handler")
            .post(f"/cases/{number}/handovers", {"department": "install", "reason": "走查"})
            .json()["id"]
        )
        refused = api("installer").post(
            f"/cases/{number}/handovers/{handover}/acknowledgement",
            {"acknowledge": False, "reason": "走查"},
        )
        assert refused.status_code == 200, refused.content
    people: dict[str, Any] = {}
    for person in PEOPLE:
        role, _own = person.grants[0]
        own = person.key.endswith("-own") or person.key == "clerk"
        department = org.after_sales if own else org.quality
        people[person.key] = org.add(person.key, role, department, "走查")
        if role is Role.ADMINISTRATOR:  # as the settings service makes them
            people[person.key].is_staff = people[person.key].is_superuser = True
            people[person.key].save()
    UserRole.objects.create(user=people["clerk"], role=Role.HANDLER)
    for key, lender in (("delegate-head", "head"), ("delegate-manager", "manager")):
        Delegation.objects.create(
            delegator=org[lender],
            delegate=people[key],
            starts_at=at(NOW) - timedelta(days=1),
            ends_at=at(NOW) + timedelta(days=1),
            reason="休假",
        )
    case = Case.objects.get(number=number)
    with time_machine.travel(at(NOW), tick=False):
        asked = request_deliberation(
            case_id=case.pk,
            authority=authority_of(org["handler"], now=at(NOW)),
            reason="案情复杂，提请合议",
            now=at(NOW),
        )
    load_approval_preset("insurer")
    return {
        "deliberation": asked.pk,
        "users": people,
        "number": number,
        "attachment": case.attachments.get().pk,
        "category": Category.objects.first().pk,  # type: ignore[union-attr]
        "reason": DeclineReason.objects.first().pk,  # type: ignore[union-attr]
        "policy": DeadlinePolicy.objects.first().pk,  # type: ignore[union-attr]
        "notice": NotificationTemplate.objects.filter(code="case_answered").first().pk,  # type: ignore[union-attr]
        "penalty": _penalty_tier(),
        "department": org.install.pk,
        "user": org["agent"].pk,
        "task": task,
        "handover": handover,
    }


def _penalty_tier() -> int:
    load_penalty_presets()
    return PenaltyTier.objects.values_list("pk", flat=True).first()  # type: ignore[return-value]


def _request(client: Any, rule: Rule, world: dict[str, Any], prefix: str = "") -> int:
    path = prefix + rule.path.format(**world)
    data = dict(rule.data or {})
    if rule.method == "get":
        return int(client.get(path).status_code)
    if path.endswith(("/attachments", "/attachments/")):
        data["file"] = SimpleUploadedFile("照片.png", PNG, content_type="image/png")
        return int(client.post(path, data).status_code)
    if prefix:  # the API speaks JSON
        data = {k: v.format(**world) if isinstance(v, str) else v for k, v in data.items()}
        return int(client.post(path, data, content_type="application/json").status_code)
    return int(client.post(path, data).status_code)


def test_every_page_and_operation_answers_as_the_permission_table_says(
    world: dict[str, Any],
) -> None:
    mismatches: list[str] = []
    with time_machine.travel(at(NOW) + timedelta(hours=1), tick=False):
        for person in PEOPLE:
            user = world["users"][person.key]
            page_client = Client(HTTP_ACCEPT_LANGUAGE="en")
            page_client.force_login(user)
            api_client = Api(user, "en").client
            for name, rule in PAGES.items():
                if rule.case or person.all_urls:
                    got, want = _request(page_client, rule, world), rule.expect(person)
                    if got != want:
                        mismatches.append(f"{person.key} {rule.method} {name}: {got}, table {want}")
            for (method, path), rule in OPERATIONS.items():
                if rule.case or person.all_urls:
                    got, want = _request(api_client, rule, world, "/api/v1"), rule.expect(person)
                    if got != want:
                        mismatches.append(f"{person.key} {method} {path}: {got}, table {want}")
    assert not mismatches, "\n".join(mismatches)


def test_the_portal_answers_everyone_alike(world: dict[str, Any], settings: Any) -> None:
    """The portal's pages and public operations need no login and answer a member of staff as
    they answer a stranger (no staff session opens a customer's case)."""
    settings.KESU_PORTAL_RATE_LIMITS = dict.fromkeys(settings.KESU_PORTAL_RATE_LIMITS, (10**6, 60))
    mismatches: list[str] = []
    visitors = [("anonymous", Client(HTTP_ACCEPT_LANGUAGE="en"))]
    for key in ("intake_agent-own", "supervisor-own", "administrator-own"):
        logged_in = Client(HTTP_ACCEPT_LANGUAGE="en")
        logged_in.force_login(world["users"][key])
        visitors.append((key, logged_in))
    for who, client in visitors:
        for name, rule in PORTAL.items():
            got, want = _request(client, rule, world), rule.expect(PEOPLE[0])
            if got != want:
                mismatches.append(f"{who} {rule.method} {name}: {got}, expected {want}")
        for (method, path), rule in PUBLIC_OPERATIONS.items():
            got, want = _request(client, rule, world, "/api/v1"), rule.expect(PEOPLE[0])
            if got != want:
                mismatches.append(f"{who} {method} {path}: {got}, expected {want}")
    assert not mismatches, "\n".join(mismatches)
