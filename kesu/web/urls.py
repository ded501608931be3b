"""The staff workspace's pages."""

from django.urls import path, re_path

from kesu.web import (
    accountability,
    approvals,
    case_page,
    deliberations,
    department_printing,
    departments,
    hotline,
    notifications,
    printing,
    progress,
    queue,
    visits,
)

app_name = "web"

urlpatterns = [
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.read, name="notifications-read"),
    path("cases/", queue.queue, name="queue"),
    path("visits/", visits.visit_list, name="visits"),
    path("visits/<int:pk>/", visits.visit_call, name="visit"),
    path("cases/search/", queue.search, name="search"),
    path("cases/filters/", queue.save_filter, name="filter-save"),
    path("cases/filters/<int:filter_id>/delete/", queue.delete_filter, name="filter-delete"),
    path("cases/assign/", queue.bulk_assign, name="bulk-assign"),
    path("cases/new/", hotline.hotline, name="hotline"),
    path("approvals/", approvals.approval_queue, name="approvals"),
    path("co-handling/", departments.department_list, name="co-handling"),
    path("cases/lookup/", hotline.lookup, name="lookup"),
    path("cases/triage/", hotline.triage, name="triage"),
    path("cases/<str:number>/", case_page.case_page, name="case"),
    path("cases/<str:number>/act/", case_page.act, name="act"),
    path("cases/<str:number>/triage/", hotline.case_triage, name="case-triage"),
    path("cases/<str:number>/attachments/", case_page.upload, name="upload"),
    path("cases/<str:number>/progress/", progress.progress, name="progress"),
    path("cases/<str:number>/legal-hold/", case_page.legal_hold, name="legal-hold"),
    path("cases/<str:number>/category/", case_page.category, name="case-category"),
    path(
        "cases/<str:number>/attachments/<int:attachment_id>/preview/",
        case_page.preview,
        name="preview",
    ),
    path(
        "cases/<str:number>/accountability/",
        accountability.case_accountability,
        name="case-accountability",
    ),
    path("accountability/", accountability.overview, name="accountability"),
    path(
        "accountability/findings/<int:finding_id>/decide/",
        accountability.decide,
        name="finding-decide",
    ),
    path(
        "accountability/findings/<int:finding_id>/rectification/",
        accountability.issue,
        name="rectification-issue",
    ),
    path(
        "accountability/findings/<int:finding_id>/decision.pdf",
        accountability.finding_pdf,
        name="finding-print",
    ),
    path("rectifications/", accountability.rectifications, name="rectifications"),
    path(
        "rectifications/<int:rectification_id>/",
        accountability.rectification,
        name="rectification",
    ),
    path(
        "rectifications/<int:rectification_id>/report/",
        accountability.report,
        name="rectification-report",
    ),
    path(
        "rectifications/<int:rectification_id>/verify/",
        accountability.verify,
        name="rectification-verify",
    ),
    path(
        "rectifications/<int:rectification_id>/notice.pdf",
        accountability.notice_pdf,
        name="rectification-print",
    ),
    path(
        "cases/<str:number>/deliberations/request/",
        deliberations.request,
        name="deliberation-request",
    ),
    path(
        "cases/<str:number>/deliberations/new/",
        deliberations.convene,
        name="deliberation-convene",
    ),
    path("deliberations/", deliberations.archive, name="deliberations"),
    path(
        "deliberations/<int:deliberation_id>/",
        deliberations.deliberation_page,
        name="deliberation",
    ),
    path("deliberations/<int:deliberation_id>/act/", deliberations.act, name="deliberation-act"),
    path(
        "deliberations/<int:deliberation_id>/record.pdf",
        deliberations.record_pdf,
        name="deliberation-print",
    ),
    path(
        "cases/<str:number>/co-handling/",
        departments.request_co_handling,
        name="co-handling-request",
    ),
    path(
        "cases/<str:number>/co-handling/<int:task_id>/",
        departments.co_handling_step,
        name="co-handling-step",
    ),
    path(
        "cases/<str:number>/co-handling/<int:task_id>.pdf",
        department_printing.print_co_handling,
        name="print-co-handling",
    ),
    path("cases/<str:number>/handover/", departments.request_handover, name="handover-request"),
    path(
        "cases/<str:number>/handover/<int:handover_id>/",
        departments.handover_step,
        name="handover-step",
    ),
    path(
        "cases/<str:number>/handover/<int:handover_id>.pdf",
        department_printing.print_handover,
        name="print-handover",
    ),
    re_path(
        r"^cases/(?P<number>[^/]+)/print/(?P<form>registration|handling)\.pdf$",
        printing.printable,
        name="print",
    ),
]
