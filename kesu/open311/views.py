"""Open311 GeoReport v2 at /open311/v2/: thin views that parse, call one service or selector,
and answer in the format the path ends with (.json or .xml)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from kesu.core import clock
from kesu.core.errors import ServiceError
from kesu.open311 import formats, params, selectors
from kesu.open311.services import key_for, submit_request

View = Callable[..., HttpResponse]


def answers_errors(view: View) -> View:
    """Every refusal in the spec's error shape with its 4xx status, never a 500 for bad input."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except params.BadParameter as problem:
            return formats.error(fmt, 400, problem.description)
        except ServiceError as problem:
            return formats.error(fmt, problem.status, str(problem.message))

    return wrapper


@require_GET
@answers_errors
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return formats.respond(fmt, "services", selectors.services())


@require_GET
@answers_errors
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    category = selectors.service(code)
    if category is None:
        return formats.error(fmt, 404, _("Unknown service_code: %(code)s.") % {"code": code})
    body = {"service_code": category.code, "attributes": selectors.attributes()}
    return formats.respond(fmt, "service_definition", body)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@answers_errors
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    now = clock.now()
    if request.method == "POST":
        return _post(request, fmt, now)
    rows = selectors.find(params.request_query(request.GET, now=now))
    return formats.respond(fmt, "service_requests", [selectors.request_view(r) for r in rows])


def _post(request: HttpRequest, fmt: str, now: Any) -> HttpResponse:
    key = key_for(request.POST.get("api_key", ""), now=now)
    data = params.posted_request(request.POST)
    if selectors.service(data.service_code) is None:
        return formats.error(
            fmt, 400, _("Unknown service_code: %(code)s.") % {"code": data.service_code}
        )
    idempotency_key = request.headers.get("Idempotency-Key", "")[:60] or None
    posted, created = submit_request(key=key, data=data, now=now, idempotency_key=idempotency_key)
    body = [
        {
            "service_request_id": posted.case.number,
            "token": posted.token,
            "service_notice": _(
                "Registered as case %(number)s. Ask for its status with this number."
            )
            % {"number": posted.case.number},
            "account_id": posted.account_id or None,
        }
    ]
    return formats.respond(fmt, "service_requests", body, status=201 if created else 200)


@require_GET
@answers_errors
def request_detail(request: HttpRequest, number: str, fmt: str) -> HttpResponse:
    rows = selectors.by_ids([number[:40]])
    if not rows:
        return formats.error(fmt, 404, _("No service request %(id)s.") % {"id": number[:40]})
    return formats.respond(fmt, "service_requests", [selectors.request_view(rows[0])])


@require_GET
@answers_errors
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    found = selectors.by_token(token)
    if found is None:
        return formats.error(fmt, 404, _("No service request has this token."))
    body = [{"service_request_id": found.case.number, "token": found.token}]
    return formats.respond(fmt, "service_requests", body)
