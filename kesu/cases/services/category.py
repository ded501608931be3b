"""Correcting a case's category (issue 19): the case page offers the triage suggestions as
one-keystroke choices; the category chosen is what the triage model learns from."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import CATEGORY_CHANGED, Case, Category
from kesu.cases.selectors import visible_cases
from kesu.cases.services.events import record_event
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.org.access import Authority


def change_category(*, case_id: int, authority: Authority, code: str, now: datetime) -> Case:
    """Set the case's category to the active category `code`, with its history event (the
    before and after names). The same category again changes nothing and records nothing."""
    if not authority.may(Permission.CHANGE_CATEGORY):
        raise Forbidden("not_allowed", _("Your role cannot change a case's category."))
    category = Category.objects.filter(code=code.strip(), is_active=True).first()
    if category is None:
        raise ServiceError("unknown_category", _("Choose an active category."), field="category")
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None or not visible_cases(authority).filter(pk=case_id).exists():
            raise NotFound("not_found", _("Case not found."))
        if case.category_id == category.pk:
            return case
        before = str(case.category) if case.category_id else ""
        case.category = category
        case.save(update_fields=["category", "updated_at"])
        record_event(
            case=case,
            authority=authority,
            action=CATEGORY_CHANGED,
            at=now,
            role=authority.role_for(Permission.CHANGE_CATEGORY),
            changes={"category": [before, str(category)]},
        )
    return case
