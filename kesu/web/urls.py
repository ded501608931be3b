"""The staff workspace's pages."""

from django.urls import path, re_path

from kesu.web import (
    case_page,
    department_printing,
    departments,
    hotline,
    notifications,
    printing,
    queue,
)

app_name = "web"

urlpatterns = [
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.read, name="notifications-read"),
    path("cases/", queue.queue, name="queue"),
    path("cases/filters/", queue.save_filter, name="filter-save"),
    path("cases/filters/<int:filter_id>/delete/", queue.delete_filter, name="filter-delete"),
    path("cases/assign/", queue.bulk_assign, name="bulk-assign"),
    path("cases/new/", hotline.hotline, name="hotline"),
    path("co-handling/", departments.department_list, name="co-handling"),
    path("cases/lookup/", hotline.lookup, name="lookup"),
    path("cases/<str:number>/", case_page.case_page, name="case"),
    path("cases/<str:number>/act/", case_page.act, name="act"),
    path("cases/<str:number>/attachments/", case_page.upload, name="upload"),
    path(
        "cases/<str:number>/attachments/<int:attachment_id>/preview/",
        case_page.preview,
        name="preview",
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
