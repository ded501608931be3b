from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from kesu.api.api import api
from kesu.web import views as web

admin.site.site_header = _("Kesu administration")
admin.site.site_title = _("Kesu administration")
admin.site.index_title = _("Reference data")

urlpatterns = [
    path("", web.home, name="home"),
    path("", include("kesu.web.urls")),
    path("manage/", include("kesu.backoffice.urls")),
    path("portal/", include("kesu.portal.urls")),
    path("open311/v2/", include("kesu.open311.urls")),
    path("statistics/", include("kesu.stats.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin, Swagger UI).
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("api/v1/", api.urls),
]
