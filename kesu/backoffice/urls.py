"""The settings pages 管理设置 under /manage/."""

from django.urls import path

from kesu.backoffice import calendar, people, reference, triage, views

app_name = "backoffice"

urlpatterns = [
    path("", views.index, name="index"),
    path("history/", views.history, name="history"),
    path("categories/", reference.categories, name="categories"),
    path("categories/new/", reference.category, name="category-new"),
    path("categories/preset/", reference.category_preset, name="category-preset"),
    path("categories/<int:pk>/", reference.category, name="category"),
    path("reasons/", reference.reasons, name="reasons"),
    path("reasons/new/", reference.reason, name="reason-new"),
    path("reasons/<int:pk>/", reference.reason, name="reason"),
    path("policies/", reference.policies, name="policies"),
    path("policies/new/", reference.policy, name="policy-new"),
    path("policies/<int:pk>/", reference.policy, name="policy"),
    path("policies/<int:pk>/recalculate/", reference.policy_recalculate, name="policy-recalculate"),
    path("calendar/", calendar.month_grid, name="calendar"),
    path("calendar/year/", calendar.year_action, name="calendar-year"),
    path("calendar/<str:day>/", calendar.toggle_day, name="calendar-day"),
    path("departments/", people.departments, name="departments"),
    path("departments/new/", people.department, name="department-new"),
    path("departments/<int:pk>/", people.department, name="department"),
    path("users/", people.users, name="users"),
    path("users/new/", people.user, name="user-new"),
    path("users/<int:pk>/", people.user, name="user"),
    path("delegations/", people.delegations, name="delegations"),
    path("delegations/<int:pk>/end/", people.end_delegation, name="delegation-end"),
    path("triage/", triage.status, name="triage"),
    path("triage/retrain/", triage.retrain_now, name="triage-retrain"),
]
