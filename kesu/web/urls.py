"""The staff workspace's pages."""

from django.urls import path, re_path

from kesu.web import case_page, hotline, notifications, printing, queue

app_name = "web"

urlpatterns = [
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.read, name="notifications-read"),
    path("cases/", queue.queue, name="queue"),
    path("cases/filters/", queue.save_filter, name="filter-save"),
    path("cases/filters/<int:filter_id>/delete/", queue.delete_filter, name="filter-delete"),
    path("cases/assign/", queue.bulk_assign, name="bulk-assign"),
    path("cases/new/", hotline.hotline, name="hotline"),
    path("cases/lookup/", hotline.lookup, name="lookup"),
    path("cases/triage/", hotline.triage, name="triage"),
    path("cases/<str:number>/", case_page.case_page, name="case"),
    path("cases/<str:number>/act/", case_page.act, name="act"),
    path("cases/<str:number>/triage/", hotline.case_triage, name="case-triage"),
    path("cases/<str:number>/attachments/", case_page.upload, name="upload"),
    path(
        "cases/<str:number>/attachments/<int:attachment_id>/preview/",
        case_page.preview,
        name="preview",
    ),
    re_path(
        r"^cases/(?P<number>[^/]+)/print/(?P<form>registration|handling)\.pdf$",
        printing.printable,
        name="print",
    ),
]
