"""The customer portal's pages (`/portal/`): no staff login."""

from django.urls import URLPattern, URLResolver, path

from kesu.portal import report_views, views, visit_views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("visit/<str:token>/", visit_views.visit_form, name="visit_form"),
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("complain/", views.complain, name="complain"),
    path("complain/done/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("case/", views.case, name="case"),
    path("case/add/", views.add, name="add"),
    path("case/rate/", views.rate, name="rate"),
    path("case/leave/", views.leave, name="leave"),
    # Whistleblowing 举报 (kesu.whistleblowing): anonymous or sealed, followed up with a key.
    path("report/", report_views.report, name="report"),
    path("report/done/", report_views.report_done, name="report_done"),
    path("report/follow/", report_views.report_follow, name="report_follow"),
    path("report/thread/", report_views.report_thread, name="report_thread"),
    path("report/leave/", report_views.report_leave, name="report_leave"),
]
