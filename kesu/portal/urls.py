"""The customer portal's pages (`/portal/`): no staff login."""

from django.urls import URLPattern, URLResolver, path

from kesu.portal import visit_views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("visit/<str:token>/", visit_views.visit_form, name="visit_form"),
]
