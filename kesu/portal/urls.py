"""The customer portal's pages (`/portal/`): no staff login."""

from django.urls import URLPattern, URLResolver, path

from kesu.portal import views, visit_views

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
]
