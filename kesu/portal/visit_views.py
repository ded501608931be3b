"""The return-visit questionnaire for the customer (`/portal/visit/<token>/`): reached through
the signed, expiring link sent by SMS and e-mail, no login; mobile first. An unknown link is
404, an expired one 410, an answered one thanks the customer again."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kesu.core import clock
from kesu.core.errors import NotFound, ServiceError
from kesu.domain.visits import Source, VisitStatus
from kesu.visits import selectors, services
from kesu.visits.forms import QuestionnaireForm

TEMPLATE = "portal/visit.html"


@require_http_methods(["GET", "POST"])
def visit_form(request: HttpRequest, token: str) -> HttpResponse:
    try:
        visit_id = services.visit_id_from_token(token)
    except NotFound as error:
        return render(request, TEMPLATE, {"problem": error.message}, status=404)
    except ServiceError as error:
        return render(request, TEMPLATE, {"problem": error.message}, status=410)
    visit = selectors.visit_by_id(visit_id)
    if visit is None:
        return render(request, TEMPLATE, {"problem": _("This link is not valid.")}, status=404)
    if visit.status != VisitStatus.OPEN:
        return render(request, TEMPLATE, {"visit": visit, "thanks": True})
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_answers(
                visit_id=visit.pk, answers=form.answers(), source=Source.CUSTOMER, now=clock.now()
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            return render(request, TEMPLATE, {"visit": visit, "thanks": True})
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATE, {"visit": visit, "form": form}, status=status)
