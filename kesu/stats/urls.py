"""The statistics pages, mounted at /statistics/."""

from django.urls import path

from kesu.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("cases/", views.cases, name="cases"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("report.xlsx", views.report_excel, name="report-excel"),
    path("report.pdf", views.report_pdf, name="report-pdf"),
]
