"""What the co-handling and handover writers share: locking the case, finding departments and
people, checking text."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kesu.cases.models import Case
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.domain.permissions import Permission
from kesu.org.access import Authority
from kesu.org.models import Department, User

#: As long as a workflow note (`cases.services.transitions.MAX_NOTE`); the API's limit too.
MAX_TEXT = 4000


def locked_case(case_id: int) -> Case:
    """The case row, locked for the caller's transaction (the same lock every case writer
    takes, so a co-handling step and a workflow step on one case never interleave)."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("assigned_department", "policy", "handler", "receiver")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("not_found", _("Case not found."))
    return case


def require_open(case: Case) -> None:
    if not case.is_open:
        raise Conflict("case_closed", _("The case is closed; nothing can be asked of it now."))


def department(code: str, field: str = "department") -> Department:
    found = Department.objects.filter(code=code.strip(), is_active=True).first() if code else None
    if found is None:
        raise ServiceError(
            "unknown_department",
            _("Unknown department: %(code)s.") % {"code": code or "—"},
            field=field,
        )
    return found


def member(username: str, of: Department, field: str) -> User | None:
    """The active member `username` of department `of` (or below it); None for no name."""
    if not username:
        return None
    person = (
        User.objects.filter(username=username, is_active=True).select_related("department").first()
    )
    if (
        person is None
        or person.department is None
        or not person.department.path.startswith(of.path)
    ):
        raise ServiceError(
            "not_in_department",
            _("%(name)s is not an active member of %(department)s.")
            % {"name": username, "department": of.name},
            field=field,
        )
    return person


def text(value: str, field: str, missing: str | Promise) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ServiceError("required", missing, field=field)
    if len(cleaned) > MAX_TEXT:
        raise ServiceError(
            "too_long", _("The text is too long (at most 4000 characters)."), field=field
        )
    return cleaned


def allowed(
    authority: Authority,
    permission: Permission,
    department: Department | None,
    handler_id: int | None,
) -> None:
    """Refuse (403) unless `permission` holds over `department` / `handler_id`."""
    if not authority.may_on(permission, department, handler_id):
        raise Forbidden("forbidden", _("Your role may not do this on this case."))
