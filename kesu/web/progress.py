"""Progress on request: from the case page, whoever may contact the customer tells them by SMS
and e-mail where their case stands (`kesu.cases.services.progress`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kesu.cases.models import Case
from kesu.cases.services.progress import send_progress
from kesu.core.errors import ServiceError
from kesu.domain.permissions import Permission
from kesu.domain.vocabulary import OPEN_STATES, State
from kesu.org.access import Authority
from kesu.web.common import acting, visible_case


def may_send_progress(case: Case, authority: Authority) -> bool:
    """Whether the case page offers "tell the customer the progress"."""
    return State(case.state) in OPEN_STATES and authority.may_on(
        Permission.LOG_CONTACT, case.assigned_department, case.handler_id
    )


@login_required
@require_POST
def progress(request: HttpRequest, number: str) -> HttpResponse:
    authority, now = acting(request)
    case = visible_case(authority, number)
    try:
        send_progress(
            case_id=case.pk, authority=authority, note=request.POST.get("note", ""), now=now
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect("web:case", number=number)
    messages.success(request, _("The customer has been told the progress."))
    return redirect("web:case", number=number)
