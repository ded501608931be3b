from django.urls import re_path

from kesu.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[-\w]{1,60})" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<number>[-\w]{1,40})" + FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>\w{1,40})" + FMT, views.token, name="token"),
]
