"""Who sees which cases, by role: the organisation's whole book, one department's, or none.

The Django layer turns a `Scope` into one queryset filter (`cases.selectors.visible_cases`);
every list and fetch goes through it, and a case outside it answers 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kesu.domain.permissions import GRANTS, Permission
from kesu.domain.vocabulary import Role


class Scope(StrEnum):
    ORGANISATION = "organisation"  # every case (front office, approvers, analysts, discipline)
    DEPARTMENT = "department"  # cases with the user's department (and below), or handled by them
    NONE = "none"


#: Front office, approvers, analysts and discipline: the whole book. Handlers and heads: their
#: department's. Administrators configure the platform; they do not read complaints.
ORGANISATION_WIDE = GRANTS[Permission.SEE_ALL_CASES]
DEPARTMENT_WIDE = GRANTS[Permission.SEE_DEPARTMENT_CASES]


def scope_of(roles: Iterable[Role]) -> Scope:
    held = frozenset(roles)
    if held & ORGANISATION_WIDE:
        return Scope.ORGANISATION
    if held & DEPARTMENT_WIDE:
        return Scope.DEPARTMENT
    return Scope.NONE
