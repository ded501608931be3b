"""The library's only writers: marking a typical case (and taking it out again), saving a reply
template or FAQ entry, and refilling the SQLite search table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.cases.services.events import record_event
from kesu.core.errors import Forbidden, ServiceError
from kesu.domain import privacy
from kesu.domain.permissions import Permission
from kesu.library import fulltext
from kesu.library.models import LibraryEntry, ReplyTemplate
from kesu.org.access import Authority

MARKED = "library_marked"
UNMARKED = "library_unmarked"


@dataclass(frozen=True)
class EntryInput:
    title: str
    summary: str
    lessons: str = ""
    excellent: bool = False


def mask_personal(text: str, case: Case) -> str:
    """`text` with the case's own personal data masked wherever it is quoted (name, phone,
    e-mail, address, ID number) and any other phone number or e-mail address in it."""
    known = [
        (case.complainant_address, privacy.mask_address),
        (case.complainant_id_number, privacy.mask_id_number),
        (case.complainant_email, privacy.mask_email),
        (case.complainant_phone, privacy.mask_phone),
        (case.complainant_name, privacy.mask_name),
    ]
    for value, mask in known:
        if value and len(value) >= 2:
            text = text.replace(value, mask(value))
    return privacy.mask_text(text)


def _check(data: EntryInput) -> None:
    if not data.title.strip():
        raise ServiceError("title_required", _("Give the typical case a title."), field="title")
    if not data.summary.strip():
        raise ServiceError("summary_required", _("Write a summary of the case."), field="summary")
    if len(data.title) > LibraryEntry._meta.get_field("title").max_length:  # type: ignore[operator]
        raise ServiceError("title_too_long", _("The title is too long."), field="title")


def mark_typical_case(
    *, case_id: int, authority: Authority, data: EntryInput, now: datetime
) -> LibraryEntry:
    """Put a case into the library (or change its entry): summary and lessons stored masked,
    the step on the case's history, in one transaction under the case's row lock."""
    if not authority.may(Permission.CURATE_LIBRARY):
        raise Forbidden("forbidden", _("Only supervisors and the manager mark typical cases."))
    _check(data)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        entry = LibraryEntry.objects.filter(case=case).first() or LibraryEntry(case=case)
        created = entry.pk is None
        entry.title = mask_personal(data.title.strip(), case)
        entry.summary = mask_personal(data.summary.strip(), case)
        entry.lessons = mask_personal(data.lessons.strip(), case)
        entry.excellent = data.excellent
        entry.category_id = case.category_id
        entry.marked_by = authority.user
        entry.marked_at = now
        entry.save()
        record_event(
            case=case,
            authority=authority,
            action=MARKED,
            at=now,
            data={"title": entry.title, "changed": not created},
        )
    return entry


def unmark_typical_case(*, case_id: int, authority: Authority, now: datetime) -> None:
    if not authority.may(Permission.CURATE_LIBRARY):
        raise Forbidden("forbidden", _("Only supervisors and the manager mark typical cases."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        deleted, _rows = LibraryEntry.objects.filter(case=case).delete()
        if deleted:
            record_event(case=case, authority=authority, action=UNMARKED, at=now)


def save_reply_template(template: ReplyTemplate, *, authority: Authority) -> ReplyTemplate:
    """Create or change a reply template or FAQ entry (the settings page)."""
    if not authority.may(Permission.MANAGE_REPLY_TEMPLATES):
        raise Forbidden("forbidden", _("You may not edit reply templates."))
    if not template.title.strip() or not template.body.strip():
        raise ServiceError("text_required", _("A template needs a title and a text."), field="body")
    with transaction.atomic():
        template.save()
    return template


def rebuild_search_index() -> int:
    """Refill SQLite's full-text table from the cases (PostgreSQL indexes the case table
    itself: nothing to do). Returns the number of cases indexed."""
    statements = fulltext.rebuild_sql(connection)
    if not statements:
        return Case.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        fulltext.install(connection)
        for statement in statements:
            cursor.execute(statement)
    return Case.objects.count()
